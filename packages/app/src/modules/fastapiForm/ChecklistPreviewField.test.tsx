import { TestApiProvider } from '@backstage/frontend-test-utils';
import { render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes } from 'react-router-dom';
import { ChecklistPreviewField } from './ChecklistPreviewField';
import { formApis, formRoutesFetch } from './testApis';

const answers = { name: 'orders-api', owner: 'group:default/team-a' };

function renderField(fetch: ReturnType<typeof formRoutesFetch>) {
  const onChange = jest.fn();
  render(
    <TestApiProvider apis={formApis(fetch) as any}>
      <MemoryRouter
        initialEntries={['/create/templates/default/fastapi-service']}
      >
        <Routes>
          <Route
            path="/create/templates/:namespace/:templateName"
            element={
              <ChecklistPreviewField
                {...({
                  name: 'checklistPreview',
                  schema: { title: 'Production-readiness checklist' },
                  formContext: {
                    formData: { ...answers, checklistPreview: 'stale' },
                  },
                  onChange,
                  uiSchema: {},
                  idSchema: { $id: 'root_checklistPreview' },
                  rawErrors: [],
                } as any)}
              />
            }
          />
        </Routes>
      </MemoryRouter>
    </TestApiProvider>,
  );
  return onChange;
}

describe('ChecklistPreviewField', () => {
  it("shows and keeps the score the template's backend previews for the answers", async () => {
    const fetch = formRoutesFetch({
      '/checklist-preview': {
        score: 100,
        passed: 11,
        applicable: 11,
        items: [],
      },
    });
    const onChange = renderField(fetch);
    expect(
      await screen.findByText('Born at 100/100 (11/11 checks)'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(onChange).toHaveBeenCalledWith('Born at 100/100 (11/11 checks)'),
    );
    const [, init] = fetch.mock.calls[0];
    // the answers without the field's own (stale) verdict, for this template
    expect(JSON.parse(String(init?.body))).toEqual({
      templateRef: 'template:default/fastapi-service',
      values: answers,
    });
  });

  it("shows the backend's refusal instead of a score", async () => {
    const onChange = renderField(
      formRoutesFetch({
        '/checklist-preview': {
          status: 400,
          message:
            'Invalid fastapi:render input: workers: workers must be at most 32',
        },
      }),
    );
    expect(
      await screen.findByText(
        'No preview: Invalid fastapi:render input: workers: workers must be at most 32',
      ),
    ).toBeInTheDocument();
    expect(onChange).toHaveBeenCalledWith(undefined);
  });
});
