import { TestApiProvider } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { act, render, screen, waitFor } from '@testing-library/react';
import { ServiceNameField } from './ServiceNameField';

const ordersApi = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders-api', namespace: 'default' },
  spec: {},
};

function renderField(
  name: string,
  rawErrors: string[] = [],
  catalogApi = catalogApiMock({ entities: [ordersApi] }),
  description?: string,
) {
  render(
    <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
      <ServiceNameField
        {...({
          schema: { title: 'Name', type: 'string', maxLength: 63, description },
          formData: name,
          onChange: jest.fn(),
          uiSchema: {},
          idSchema: { $id: 'root_name' },
          rawErrors,
          required: true,
        } as any)}
      />
    </TestApiProvider>,
  );
}

describe('ServiceNameField', () => {
  it('says on the field, while typing, that the catalog has the name', async () => {
    renderField('orders-api');
    expect(
      await screen.findByText(
        'The catalog already has a component named "orders-api"; choose another name',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Name/ })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });

  it('leaves a clash Next refused to the form’s error, said once', async () => {
    const taken =
      'The catalog already has a component named "orders-api"; choose another name';
    const catalogApi = catalogApiMock({ entities: [ordersApi] });
    const lookup = jest.spyOn(catalogApi, 'getEntityByRef');
    renderField('orders-api', [taken], catalogApi);
    await waitFor(() => expect(lookup).toHaveBeenCalled());
    await act(() => lookup.mock.results[0].value);
    expect(screen.queryByText(taken)).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Name/ })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });

  it('still says a clash the form’s errors do not (they are about an earlier name)', async () => {
    renderField('orders-api', [
      'The catalog already has a component named "billing"; choose another name',
    ]);
    expect(
      await screen.findByText(
        'The catalog already has a component named "orders-api"; choose another name',
      ),
    ).toBeInTheDocument();
  });

  it('says a free name is free', async () => {
    renderField('billing');
    expect(
      await screen.findByText('"billing" is free in the catalog'),
    ).toBeInTheDocument();
  });

  it('keeps the naming rules (the schema description) visible beside an error', () => {
    const rules =
      'Lowercase letters, digits and single hyphens, e.g. orders-api.';
    renderField('Bad Name', ['Use 2–63 lowercase letters'], undefined, rules);
    expect(screen.getByRole('textbox')).toHaveAccessibleDescription(rules);
    expect(screen.getByText(rules)).toBeVisible();
  });
});
