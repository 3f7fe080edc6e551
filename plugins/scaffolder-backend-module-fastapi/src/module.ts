import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readChecklistOptions } from '@fastapi-golden-path/plugin-fastapi-checklist-node';
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
        reader: coreServices.urlReader,
        catalog: catalogServiceRef,
        discovery: coreServices.discovery,
      },
      async init({ scaffolder, config, reader, catalog, discovery }) {
        const integrations = ScmIntegrations.fromConfig(config);
        // The readers validate now, so a typo in any of them fails at startup.
        const checklist = readChecklistOptions(config);
        const local = readLocalRepositoriesConfig(config);
        const renderLimits = readRenderLimits(config);
        scaffolder.addActions(
          createFastapiRenderAction({ reader, integrations, renderLimits }),
          createFastapiChecklistAction({ checklist }),
          createLocalPublishAction({ local, discovery }),
          createLocalRegisterAction({ local, catalog }),
        );
      },
    });
  },
});
