import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { readLocalRepositoriesConfig } from '@fastapi-golden-path/plugin-fastapi-golden-path-node';
import { LocalRepositoriesProvider } from './LocalRepositoriesProvider';

/**
 * Registers the local repositories of the FastAPI golden path with the catalog.
 *
 * @public
 */
export const catalogModuleFastapiLocal = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'fastapi-local-repositories',
  register({ registerInit }) {
    registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, logger, scheduler }) {
        const local = readLocalRepositoriesConfig(config);
        if (!local) {
          logger.info(
            'fastapiGoldenPath.local is not configured; no local repositories to offer',
          );
          return;
        }
        catalog.addEntityProvider(
          new LocalRepositoriesProvider({
            root: local.root,
            logger,
            taskRunner: scheduler.createScheduledTaskRunner({
              frequency: local.scanInterval,
              timeout: { minutes: 1 },
            }),
          }),
        );
      },
    });
  },
});
