import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import path from 'node:path';
import { LocalRepositoriesProvider } from './LocalRepositoriesProvider';

/** Registers the local repositories of the FastAPI golden path with the catalog. */
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
        const local = config.getOptionalConfig('fastapiGoldenPath.local');
        if (!local) {
          logger.info(
            'fastapiGoldenPath.local is not configured; no local repositories to offer',
          );
          return;
        }
        const interval = local.getOptionalConfig('scanInterval');
        catalog.addEntityProvider(
          new LocalRepositoriesProvider({
            root: path.resolve(local.getString('root')),
            logger,
            taskRunner: scheduler.createScheduledTaskRunner({
              frequency: interval
                ? {
                    seconds: interval.getOptionalNumber('seconds'),
                    minutes: interval.getOptionalNumber('minutes'),
                  }
                : { seconds: 10 },
              timeout: { minutes: 1 },
            }),
          }),
        );
      },
    });
  },
});
