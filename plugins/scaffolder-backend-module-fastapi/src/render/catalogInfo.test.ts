import {
  apiEntityV1alpha1Validator,
  componentEntityV1alpha1Validator,
  Entity,
} from '@backstage/catalog-model';
import { parseAllDocuments } from 'yaml';
import { apiTitle, catalogEntities, catalogInfoYaml } from './catalogInfo';
import { buildSkeletonContext } from './context';
import { parseRenderParameters } from './parameters';

const context = (extra: Record<string, unknown> = {}) =>
  buildSkeletonContext(
    parseRenderParameters({
      name: 'orders-api',
      owner: 'group:default/team-a',
      ...extra,
    }),
    { name: 'fastapi-service', version: '0.1.0' },
  );

describe('catalog-info.yaml', () => {
  it('holds a valid Component and the API it provides, with the golden-path annotations', async () => {
    const yaml = catalogInfoYaml(
      catalogEntities(context({ system: 'system:default/shop' }), {
        githubSlug: 'acme/orders-api',
      }),
    );
    const [component, api] = parseAllDocuments(yaml).map(
      d => d.toJS() as Entity,
    );
    expect(await componentEntityV1alpha1Validator.check(component)).toBe(true);
    expect(api.spec).toMatchObject({
      type: 'openapi',
      definition: { $text: './openapi.json' },
    });
    // The catalog resolves $text before validating; validate what it will see.
    const resolved = {
      ...api,
      spec: { ...api.spec, definition: '{"openapi": "3.1.0"}' },
    };
    expect(await apiEntityV1alpha1Validator.check(resolved)).toBe(true);
    expect(component.metadata.annotations).toEqual({
      'fastapi-golden-path/checklist': 'enabled',
      'fastapi-golden-path/template': 'fastapi-service@0.1.0',
      'backstage.io/techdocs-ref': 'dir:.',
      'github.com/project-slug': 'acme/orders-api',
      'backstage.io/source-location':
        'url:https://github.com/acme/orders-api/tree/main/',
    });
    expect(component.spec).toMatchObject({
      system: 'system:default/shop',
      providesApis: ['api:orders-api'],
    });
  });

  it('keeps hostile descriptions as data', async () => {
    const description = 'x: {{ y }}\n- not a list\n"quoted" # not a comment';
    const yaml = catalogInfoYaml(catalogEntities(context({ description })));
    const [component] = parseAllDocuments(yaml).map(d => d.toJS() as Entity);
    expect(component.metadata.description).toBe(description);
    expect(component.spec).not.toHaveProperty('system');
  });

  it('titles the API once: "Payments API", not "Payments API API"', () => {
    const [component, api] = catalogEntities(context({ name: 'payments-api' }));
    expect(component.metadata.title).toBe('Payments API');
    expect(api.metadata.title).toBe('Payments API');
    const [, orders] = catalogEntities(context({ name: 'orders' }));
    expect(orders.metadata.title).toBe('Orders API');
    expect(apiTitle('Rapid Sales')).toBe('Rapid Sales API');
  });
});
