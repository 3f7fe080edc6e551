import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import { apiHolder } from './testApis';
import { validateServiceName } from './serviceNameValidation';

const ordersApi = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders-api', namespace: 'default' },
  spec: {},
};

async function errorsFor(name: string) {
  const validation = createFieldValidation();
  await validateServiceName(name, validation, {
    apiHolder: apiHolder([
      [catalogApiRef, catalogApiMock({ entities: [ordersApi] })],
    ]),
    formData: { name },
    schema: {},
    uiSchema: {},
  } as any);
  return validation.__errors;
}

describe('validateServiceName', () => {
  it('refuses a name the catalog already has as a component', async () => {
    expect(await errorsFor('orders-api')).toEqual([
      'The catalog already has a component named "orders-api"; choose another name',
    ]);
  });

  it('accepts a free name', async () => {
    expect(await errorsFor('billing')).toEqual([]);
  });

  it('does not look up malformed names (the schema pattern reports them)', async () => {
    const catalogApi = catalogApiMock.mock();
    const validation = createFieldValidation();
    await validateServiceName('Orders API', validation, {
      apiHolder: apiHolder([[catalogApiRef, catalogApi]]),
    } as any);
    expect(catalogApi.getEntityByRef).not.toHaveBeenCalled();
    expect(validation.__errors).toEqual([]);
  });
});
