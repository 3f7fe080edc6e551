import { createMockDirectory } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { parse as parseYaml } from 'yaml';
import { createValidateTargetAction } from './validateTarget';
import { examples } from './validateTarget.examples';

function integrationsWith(github: JsonObject[]) {
  return ScmIntegrations.fromConfig(
    new ConfigReader({ integrations: { github } }),
  );
}

describe('fastapi:validate-target', () => {
  const root = createMockDirectory();
  const local = {
    root: root.path,
    defaultAuthor: { name: 'A', email: 'a@example.com' },
  };
  const withToken = integrationsWith([{ host: 'github.com', token: 't0k' }]);
  // app-config's `token: ${GITHUB_TOKEN:-}` with the variable unset leaves no token
  const withoutToken = integrationsWith([{ host: 'github.com' }]);

  async function run(
    input: Record<string, unknown>,
    integrations = withToken,
    options: { isDryRun?: boolean; local?: typeof local } = { local },
  ) {
    const ctx = createMockActionContext({ input: input as any });
    ctx.isDryRun = options.isDryRun;
    jest.spyOn(ctx.logger, 'warn');
    await createValidateTargetAction({
      integrations,
      local: options.local,
    }).handler(ctx as any);
    return ctx;
  }

  beforeEach(() => root.setContent({ 'orders-api': { 'README.md': '# x' } }));

  it.each(examples.map(e => [e.description, e.example]))(
    'the example "%s" refuses what it says, with the fix',
    async (_, example) => {
      const [step] = parseYaml(example).steps;
      await expect(run(step.input, withoutToken)).rejects.toThrow(
        step.input.publishTarget === 'github'
          ? /set the GITHUB_TOKEN environment variable/
          : 'The local target already has a repository named "orders-api"; choose another name',
      );
    },
  );

  it('accepts a free local name and GitHub with a token, in dry-runs too', async () => {
    await expect(
      run({ publishTarget: 'local', name: 'billing' }),
    ).resolves.toBeDefined();
    await run(
      {
        publishTarget: 'github',
        name: 'orders-api',
        repoUrl: 'github.com?owner=acme&repo=orders-api',
      },
      withToken,
      { isDryRun: true, local },
    );
  });

  it('refuses GitHub without credentials naming GITHUB_TOKEN and integrations.github, not a sign-in provider', async () => {
    const run1 = run(
      {
        publishTarget: 'github',
        name: 'orders-api',
        repoUrl: 'github.com?owner=acme&repo=orders-api',
      },
      withoutToken,
    );
    await expect(run1).rejects.toThrow(
      'Publishing to GitHub needs credentials for github.com: set the GITHUB_TOKEN environment variable (integrations.github[].token in app-config)',
    );
    await expect(run1).rejects.toMatchObject({ name: 'InputError' });
  });

  it('only warns in a dry-run, which publishes nothing', async () => {
    const ctx = await run(
      {
        publishTarget: 'github',
        name: 'orders-api',
        repoUrl: 'github.com?owner=acme&repo=orders-api',
      },
      withoutToken,
      { isDryRun: true, local },
    );
    expect(ctx.logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Dry run: a real run would stop here: Publishing to GitHub needs credentials/,
      ),
    );
  });

  it('refuses GitHub without a repository location, and a host without an integration', async () => {
    await expect(
      run({ publishTarget: 'github', name: 'orders-api' }),
    ).rejects.toThrow('The GitHub target needs a repository location');
    await expect(
      run({
        publishTarget: 'github',
        name: 'orders-api',
        repoUrl: 'gitlab.example.com?owner=acme&repo=orders-api',
      }),
    ).rejects.toThrow(/repoUrl/);
  });

  it('refuses the local target when it is not configured, and a name that is not a repository name', async () => {
    await expect(
      run({ publishTarget: 'local', name: 'x' }, withToken, {
        local: undefined,
      }),
    ).rejects.toThrow('set fastapiGoldenPath.local.root');
    await expect(
      run({ publishTarget: 'local', name: '../escape' }),
    ).rejects.toThrow('must be 1–63 lowercase letters');
  });

  it('never names the root directory in its messages', async () => {
    await expect(
      run({ publishTarget: 'local', name: 'orders-api' }),
    ).rejects.toThrow(
      expect.objectContaining({
        message: expect.not.stringContaining(root.path),
      }),
    );
  });
});
