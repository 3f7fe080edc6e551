import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { fastapiChecklistPermissions } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  AnalysisPool,
  readAnalysisPoolOptions,
  readChecklistLevels,
  readChecklistOptions,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import { readLocalRepositoriesConfig } from '@fastapi-golden-path/plugin-fastapi-golden-path-node';
import { readChecklistBackendConfig } from './config';
import { DatabaseChecklistStore } from './database/DatabaseChecklistStore';
import { oneReplicaAtATime } from './database/oneReplicaAtATime';
import { mountLocalRepositoryView } from './localView/localRepositoryViewRouter';
import { FixPreviews } from './fix/FixPreviews';
import { FleetFixes } from './fix/FleetFixes';
import { ChecklistAccess } from './permissions';
import { createRouter } from './router';
import { ChecklistService } from './service/ChecklistService';
import { scheduleChecklistTasks } from './service/scheduleChecklistTasks';
import { githubClients } from './upgrade/githubClients';
import { RepositoryAnswers } from './upgrade/RepositoryAnswers';
import { UpgradeChanges } from './upgrade/UpgradeChanges';

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
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        urlReader: coreServices.urlReader,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
      },
      async init({
        config,
        lifecycle,
        logger,
        database,
        scheduler,
        urlReader,
        httpRouter,
        httpAuth,
        auth,
        permissions,
        permissionsRegistry,
        discovery,
        catalog,
      }) {
        permissionsRegistry.addPermissions(fastapiChecklistPermissions);
        const settings = readChecklistBackendConfig(config);
        const checklistOptions = readChecklistOptions(config);
        // validated now: a broken ladder stops the backend at startup, naming the key
        const levels = readChecklistLevels(config, checklistOptions);
        // Analyses run in worker threads, so a large repository neither blocks this
        // backend's event loop nor exhausts its heap.
        const analysisOptions = readAnalysisPoolOptions(config);
        const analyzer = new AnalysisPool(analysisOptions);
        lifecycle.addShutdownHook(() => analyzer.close());
        // The checklist's tables and the scheduler's live in this plugin's database, and
        // both are created on first use: replicas starting together take turns.
        const { service, store } = await oneReplicaAtATime(
          await database.getClient(),
          async () => {
            const checklistStore = await DatabaseChecklistStore.create({
              database,
            });
            const checklistService = new ChecklistService({
              catalog,
              auth,
              urlReader,
              store: checklistStore,
              logger,
              checklist: checklistOptions,
              levels,
              // Repositories of the golden path's local target are read from disk.
              localRoot: readLocalRepositoriesConfig(config)?.root,
              analyzer,
              limits: analysisOptions.limits,
              historyLimit: settings.historyLimit,
              concurrency: settings.concurrency,
              claimTimeout: settings.claimTimeout,
              minRefreshInterval: settings.minRefreshInterval,
            });
            await scheduleChecklistTasks({
              scheduler,
              service: checklistService,
              settings,
            });
            return { service: checklistService, store: checklistStore };
          },
        );

        const access = new ChecklistAccess(permissions);
        // read-only pages of the local repositories' files, for the portal's links,
        // to those who may read the checklist of the repository's entity
        mountLocalRepositoryView({
          httpRouter,
          httpAuth,
          catalog,
          access,
          root: readLocalRepositoriesConfig(config)?.root,
        });
        // upgrade changes: local branches read from disk, pull requests through the
        // app's GitHub integrations
        const upgrades = new UpgradeChanges({
          catalog,
          auth,
          localRoot: readLocalRepositoriesConfig(config)?.root,
          viewBaseUrl: () => discovery.getExternalBaseUrl('fastapi-checklist'),
          github: githubClients(ScmIntegrations.fromConfig(config)),
          // the upgrade form of a service that records no answers opens with the ones
          // its repository states, read as the checklist reads it
          answers: new RepositoryAnswers({
            urlReader,
            localRoot: readLocalRepositoriesConfig(config)?.root,
            limits: analysisOptions.limits,
            inferrer: analyzer,
          }),
        });
        // "Fix it" previews read the repository as the checklist does, within its limits
        const fixes = new FixPreviews({
          urlReader,
          checklist: checklistOptions,
          localRoot: readLocalRepositoriesConfig(config)?.root,
          limits: analysisOptions.limits,
          timeoutMs: analysisOptions.timeoutMs,
          fixer: analyzer,
        });
        // the org page's bulk fixes: who fails or warns each fixable check
        const fleetFixes = new FleetFixes({ catalog, store });
        httpRouter.use(
          await createRouter({
            httpAuth,
            service,
            access,
            upgrades,
            fixes,
            fleetFixes,
          }),
        );
      },
    });
  },
});
