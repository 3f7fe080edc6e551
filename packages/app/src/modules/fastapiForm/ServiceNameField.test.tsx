import { TestApiProvider } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { render, screen } from '@testing-library/react';
import { ServiceNameField } from './ServiceNameField';

const ordersApi = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders-api', namespace: 'default' },
  spec: {},
};

function renderField(name: string) {
  render(
    <TestApiProvider
      apis={[[catalogApiRef, catalogApiMock({ entities: [ordersApi] })]]}
    >
      <ServiceNameField
        {...({
          schema: { title: 'Name', type: 'string', maxLength: 63 },
          formData: name,
          onChange: jest.fn(),
          uiSchema: {},
          idSchema: { $id: 'root_name' },
          rawErrors: [],
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

  it('says a free name is free', async () => {
    renderField('billing');
    expect(
      await screen.findByText('"billing" is free in the catalog'),
    ).toBeInTheDocument();
  });
});
