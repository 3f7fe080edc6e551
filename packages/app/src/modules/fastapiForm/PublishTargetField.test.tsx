import { TestApiProvider } from '@backstage/frontend-test-utils';
import { render, screen, waitFor } from '@testing-library/react';
import { PublishTargetField } from './PublishTargetField';
import { formApis, formRoutesFetch } from './testApis';

const schema = {
  title: 'Where to publish',
  type: 'string' as const,
  enum: ['local', 'github'],
  enumNames: ['Local git repository (offline, this portal)', 'GitHub'],
};

function renderField(targets: unknown) {
  const onChange = jest.fn();
  render(
    <TestApiProvider
      apis={formApis(formRoutesFetch({ '/publish-targets': targets })) as any}
    >
      <PublishTargetField
        {...({
          schema,
          formData: 'local',
          onChange,
          idSchema: { $id: 'root_publishTarget' },
          uiSchema: {},
          rawErrors: [],
        } as any)}
      />
    </TestApiProvider>,
  );
  return onChange;
}

describe('PublishTargetField', () => {
  it('disables GitHub without credentials and says why', async () => {
    renderField({
      local: { available: true },
      github: {
        available: false,
        reason: 'Publishing to GitHub needs credentials: set GITHUB_TOKEN',
      },
    });
    expect(
      await screen.findByText(
        'Unavailable: Publishing to GitHub needs credentials: set GITHUB_TOKEN',
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('GitHub')).toBeDisabled();
    expect(
      screen.getByLabelText('Local git repository (offline, this portal)'),
    ).toBeChecked();
  });

  it('offers GitHub when it can publish', async () => {
    const onChange = renderField({
      local: { available: true },
      github: { available: true },
    });
    const github = screen.getByLabelText('GitHub');
    await waitFor(() => expect(github).toBeEnabled());
    github.click();
    expect(onChange).toHaveBeenCalledWith('github');
    expect(screen.queryByText(/Unavailable/)).not.toBeInTheDocument();
  });
});
