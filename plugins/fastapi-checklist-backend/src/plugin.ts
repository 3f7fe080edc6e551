import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readChecklistOptions } from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import { readLocalRepositoriesConfig } from '@fastapi-golden-path/plugin-fastapi-golden-path-node';
import { readChecklistBackendConfig } from './config';
import { DatabaseChecklistStore } from './database/DatabaseChecklistStore';
import { createRouter } from './router';
import { ChecklistService } from './service/ChecklistService';

/**
 * Live FastAPI production-readiness checklists for catalog entities.
 *
 * @public
 */
export const fastapiChecklistPlugin = createBackendPlugin({
  pluginId: 'fastapi-checklist',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
      },
      async init({
        config,
        logger,
        database,
        scheduler,
        urlReader,
        httpRouter,
        httpAuth,
        auth,
        catalog,
      }) {
        const settings = readChecklistBackendConfig(config);
        const service = new ChecklistService({
          catalog,
          auth,
          urlReader,
          store: await DatabaseChecklistStore.create({ database }),
          logger,
          checklist: readChecklistOptions(config),
          // Repositories of the golden path's local target are read from disk.
          localRoot: readLocalRepositoriesConfig(config)?.root,
          historyLimit: settings.historyLimit,
          concurrency: settings.concurrency,
        });

        await scheduler.scheduleTask({
          id: 'fastapi-checklist-refresh',
          ...settings.schedule,
          fn: async () => {
            await service.refreshAll();
          },
        });

        httpRouter.use(await createRouter({ httpAuth, service }));
      },
    });
  },
});
