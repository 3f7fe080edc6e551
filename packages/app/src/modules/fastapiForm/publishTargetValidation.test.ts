import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import { validatePublishTarget } from './publishTargetValidation';
import { apiHolder, formApis, formRoutesFetch } from './testApis';

const noGithub = {
  local: { available: true },
  github: {
    available: false,
    reason:
      'Publishing to GitHub needs credentials for github.com: set GITHUB_TOKEN',
  },
};

async function errorsFor(
  target: string,
  formData: Record<string, unknown>,
  routes: Record<string, unknown>,
) {
  const fetch = formRoutesFetch(routes);
  const validation = createFieldValidation();
  await validatePublishTarget(target, validation, {
    apiHolder: apiHolder(formApis(fetch)),
    formData,
  } as any);
  return { errors: validation.__errors, fetch };
}

describe('validatePublishTarget', () => {
  it("refuses GitHub when the backend cannot publish there, with the backend's reason", async () => {
    const { errors } = await errorsFor(
      'github',
      { name: 'orders-api' },
      { '/publish-targets': noGithub },
    );
    expect(errors).toEqual([noGithub.github.reason]);
  });

  it('refuses the local target when its root already has the name', async () => {
    const { errors } = await errorsFor(
      'local',
      { name: 'orders-api' },
      {
        '/publish-targets': noGithub,
        '/local-repositories/orders-api': { exists: true },
      },
    );
    expect(errors).toEqual([
      'The local target already has a repository named "orders-api"; go back to Service and choose another name',
    ]);
  });

  it('accepts a free local name and GitHub with credentials', async () => {
    const local = await errorsFor(
      'local',
      { name: 'billing' },
      {
        '/publish-targets': noGithub,
        '/local-repositories/billing': { exists: false },
      },
    );
    expect(local.errors).toEqual([]);
    const github = await errorsFor(
      'github',
      { name: 'orders-api' },
      {
        '/publish-targets': {
          local: { available: true },
          github: { available: true },
        },
      },
    );
    expect(github.errors).toEqual([]);
    // GitHub's check does not ask about the local root
    expect(github.fetch).toHaveBeenCalledTimes(1);
  });
});
