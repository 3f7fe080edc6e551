import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readChecklistOptions } from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import path from 'node:path';
import { ChecklistStore } from './database/ChecklistStore';
import { createRouter } from './router';
import { ChecklistService } from './service/ChecklistService';

/** Live FastAPI production-readiness checklists for catalog entities. */
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
        const checklist = readChecklistOptions(config);
        const localRoot =
          config.getOptionalString('fastapiChecklist.localRoot') ??
          config.getOptionalString('fastapiGoldenPath.local.root');
        const store = await ChecklistStore.create(database);
        const service = new ChecklistService({
          catalog,
          auth,
          urlReader,
          store,
          logger,
          checklist,
          localRoot: localRoot ? path.resolve(localRoot) : undefined,
          historyLimit:
            config.getOptionalNumber('fastapiChecklist.historyLimit') ?? 50,
          concurrency:
            config.getOptionalNumber('fastapiChecklist.refresh.concurrency') ??
            4,
        });

        const schedule = config.has('fastapiChecklist.refresh.schedule')
          ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
              config.getConfig('fastapiChecklist.refresh.schedule'),
            )
          : {
              frequency: { minutes: 30 },
              timeout: { minutes: 10 },
              initialDelay: { seconds: 30 },
            };
        await scheduler.scheduleTask({
          id: 'fastapi-checklist-refresh',
          ...schedule,
          fn: async () => {
            await service.refreshAll();
          },
        });

        httpRouter.use(
          await createRouter({ httpAuth, service, store, catalog }),
        );
      },
    });
  },
});
