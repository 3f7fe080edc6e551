import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { LocalRepositoriesProvider } from './LocalRepositoriesProvider';
import { catalogModuleFastapiLocal } from './module';

function start(data: object) {
  const catalog = { addEntityProvider: jest.fn() };
  const scheduler = mockServices.scheduler.mock();
  const backend = startTestBackend({
    extensionPoints: [[catalogProcessingExtensionPoint, catalog]],
    features: [
      catalogModuleFastapiLocal,
      scheduler.factory,
      mockServices.rootConfig.factory({ data }),
    ],
  });
  return { backend, catalog, scheduler };
}

describe('catalogModuleFastapiLocal', () => {
  it('adds the provider for the configured root, scanning at the configured interval', async () => {
    const { backend, catalog, scheduler } = start({
      fastapiGoldenPath: {
        local: { root: '/srv/repos', scanInterval: { seconds: 5 } },
      },
    });
    await backend;
    expect(catalog.addEntityProvider).toHaveBeenCalledWith(
      expect.any(LocalRepositoriesProvider),
    );
    expect(scheduler.createScheduledTaskRunner).toHaveBeenCalledWith({
      frequency: { seconds: 5 },
      timeout: { minutes: 1 },
    });
  });

  it('adds nothing when the local target is not configured', async () => {
    const { backend, catalog } = start({});
    await backend;
    expect(catalog.addEntityProvider).not.toHaveBeenCalled();
  });

  it('refuses to start with a malformed scan interval', async () => {
    const { backend } = start({
      fastapiGoldenPath: { local: { root: '/srv', scanInterval: 'often' } },
    });
    await expect(backend).rejects.toThrow(
      "Invalid duration 'often' in config at 'fastapiGoldenPath.local.scanInterval'",
    );
  });
});
