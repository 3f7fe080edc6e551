import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import { LocalRepositoriesProvider } from './LocalRepositoriesProvider';

describe('LocalRepositoriesProvider', () => {
  const root = createMockDirectory();

  it('offers exactly the catalog-info.yaml files directly under the root, as file locations', async () => {
    root.setContent({
      'svc-a': { 'catalog-info.yaml': 'a' },
      'svc-b': {
        'catalog-info.yaml': 'b',
        nested: { 'catalog-info.yaml': 'n' },
      },
      'no-catalog': { 'README.md': 'x' },
      'catalog-info.yaml': 'the root itself is not a repository',
    });
    // A symlink could point anywhere on disk: only regular files are offered.
    fs.mkdirSync(path.join(root.path, 'svc-link'));
    fs.symlinkSync(
      path.join(root.path, 'svc-a/catalog-info.yaml'),
      path.join(root.path, 'svc-link/catalog-info.yaml'),
    );
    const taskRunner = { run: jest.fn() };
    const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
    const provider = new LocalRepositoriesProvider({
      root: root.path,
      logger: mockServices.logger.mock(),
      taskRunner,
    });
    await provider.connect(connection);
    expect(taskRunner.run).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'fastapi-golden-path-local-repositories:scan',
      }),
    );

    await provider.scan();
    const [mutation] = connection.applyMutation.mock.calls[0];
    expect(mutation.type).toBe('full');
    expect(
      mutation.entities.map((e: { locationKey: string }) => e.locationKey),
    ).toEqual(
      ['svc-a', 'svc-b'].map(
        name => `file:${path.join(root.path, name, 'catalog-info.yaml')}`,
      ),
    );
    expect(mutation.entities[0].entity).toMatchObject({
      kind: 'Location',
      spec: {
        type: 'file',
        target: path.join(root.path, 'svc-a', 'catalog-info.yaml'),
      },
    });
  });

  it('offers nothing, without failing, while the root does not exist yet', async () => {
    const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
    const provider = new LocalRepositoriesProvider({
      root: path.join(root.path, 'not-created-yet'),
      logger: mockServices.logger.mock(),
      taskRunner: { run: jest.fn() },
    });
    await provider.connect(connection);
    await provider.scan();
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [],
    });
  });
});
