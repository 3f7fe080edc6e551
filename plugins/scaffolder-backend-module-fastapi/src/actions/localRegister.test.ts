import { createMockDirectory } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { createLocalRegisterAction } from './localRegister';
import { examples } from './localRegister.examples';

const component = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders-api', namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'experimental',
    owner: 'group:default/team-a',
  },
};

describe('fastapi:local:register', () => {
  const root = createMockDirectory();
  const local = {
    root: root.path,
    defaultAuthor: { name: 'a', email: 'a@b.c' },
  };
  const file = path.join(root.path, 'orders-api', 'catalog-info.yaml');

  beforeEach(() =>
    root.setContent({
      'orders-api/catalog-info.yaml': `apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata: {name: orders-api}\n---\n${JSON.stringify(
        component,
      )}\n`,
    }),
  );

  async function run(input: Record<string, unknown>, entities: object[]) {
    const outputs: Record<string, any> = {};
    const ctx = createMockActionContext({ input: input as any });
    ctx.output = (name: string, value: unknown) => {
      outputs[name] = value;
    };
    const catalog = catalogServiceMock({ entities: entities as any });
    await createLocalRegisterAction({ local, catalog }).handler(ctx as any);
    return outputs;
  }

  it('runs its example once the catalog has the Component', async () => {
    const [step] = parseYaml(examples[0].example).steps;
    expect(step.input.catalogInfoUrl).toContain(
      "steps['publish'].output.catalogInfoUrl",
    );
    const ours = {
      ...component,
      metadata: {
        ...component.metadata,
        annotations: { 'backstage.io/managed-by-location': `file:${file}` },
      },
    };
    const output = await run({ catalogInfoUrl: `file://${file}` }, [ours]);
    expect(output).toEqual({
      entityRef: 'component:default/orders-api',
      catalogInfoUrl: file,
    });
  });

  it('refuses an entity of the same name that the catalog has from another repository', async () => {
    const theirs = {
      ...component,
      metadata: {
        ...component.metadata,
        annotations: {
          'backstage.io/managed-by-location':
            'file:/srv/other-team/orders-api/catalog-info.yaml',
        },
      },
    };
    await expect(
      run({ catalogInfoUrl: file, timeoutSeconds: 1 }, [theirs]),
    ).rejects.toThrow(
      'component:default/orders-api already exists in the catalog from file:/srv/other-team/orders-api/catalog-info.yaml, so the catalog will not take it from the new repository; choose another name (the new repository is left in place)',
    );
  });

  it('times out with a message naming the missing catalog module', async () => {
    await expect(
      run({ catalogInfoUrl: file, timeoutSeconds: 1 }, []),
    ).rejects.toThrow(
      'component:default/orders-api did not appear in the catalog within 1 s; is the catalog module @fastapi-golden-path/plugin-catalog-backend-module-fastapi-local installed?',
    );
  });

  it('refuses files outside the local root', async () => {
    await expect(
      run({ catalogInfoUrl: 'file:///etc/passwd' }, []),
    ).rejects.toThrow(
      `/etc/passwd is outside the local repositories root ${root.path}`,
    );
    await expect(
      run({ catalogInfoUrl: `${root.path}/../x.yaml` }, []),
    ).rejects.toThrow('is outside the local repositories root');
  });

  it('names files inside the root, never the server directories, in its log and errors', async () => {
    const ours = {
      ...component,
      metadata: {
        ...component.metadata,
        annotations: { 'backstage.io/managed-by-location': `file:${file}` },
      },
    };
    const info = jest.fn();
    const ctx = createMockActionContext({
      input: { catalogInfoUrl: `file://${file}` } as any,
    });
    Object.assign(ctx.logger, { info });
    const catalog = catalogServiceMock({ entities: [ours] as any });
    await createLocalRegisterAction({ local, catalog }).handler(ctx as any);
    expect(info).toHaveBeenCalledWith(
      'The catalog has component:default/orders-api from orders-api/catalog-info.yaml',
    );
    const missing = createMockActionContext({
      input: {
        catalogInfoUrl: path.join(root.path, 'gone', 'catalog-info.yaml'),
      } as any,
    });
    await expect(
      createLocalRegisterAction({ local, catalog }).handler(missing as any),
    ).rejects.toThrow(
      /^gone\/catalog-info\.yaml does not exist in the local repositories root$/,
    );
  });
});
