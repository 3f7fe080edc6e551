import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  AnalysisPool,
  readAnalysisPoolOptions,
  readChecklistOptions,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import { readLocalRepositoriesConfig } from '@fastapi-golden-path/plugin-fastapi-golden-path-node';
import { createFastapiChecklistAction } from './actions/checklist';
import { createLocalPublishAction } from './actions/localPublish';
import { createLocalRegisterAction } from './actions/localRegister';
import { createFastapiRenderAction } from './actions/render';
import { readRenderLimits } from './render/renderLimits';

/**
 * Registers the FastAPI golden path's actions with the scaffolder.
 *
 * @public
 */
export const scaffolderModuleFastapi = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'fastapi',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        lifecycle: coreServices.lifecycle,
        reader: coreServices.urlReader,
        catalog: catalogServiceRef,
      },
      async init({ scaffolder, config, lifecycle, reader, catalog }) {
        const integrations = ScmIntegrations.fromConfig(config);
        // The readers validate now, so a typo in any of them fails at startup.
        const checklist = readChecklistOptions(config);
        const local = readLocalRepositoriesConfig(config);
        const renderLimits = readRenderLimits(config);
        // fastapi:checklist analyses in worker threads, off the backend's event loop.
        const analysisOptions = readAnalysisPoolOptions(config);
        const analyzer = new AnalysisPool(analysisOptions);
        lifecycle.addShutdownHook(() => analyzer.close());
        scaffolder.addActions(
          createFastapiRenderAction({ reader, integrations, renderLimits }),
          createFastapiChecklistAction({
            checklist,
            analyzer,
            limits: analysisOptions.limits,
          }),
          createLocalPublishAction({ local }),
          createLocalRegisterAction({ local, catalog }),
        );
      },
    });
  },
});
