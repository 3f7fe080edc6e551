import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { readChecklistOptions } from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import { createFastapiChecklistAction } from './actions/checklist';
import { createFastapiRenderAction } from './actions/render';

/** Registers the FastAPI golden path's actions with the scaffolder. */
export const scaffolderModuleFastapi = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'fastapi',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        reader: coreServices.urlReader,
      },
      async init({ scaffolder, config, reader }) {
        const integrations = ScmIntegrations.fromConfig(config);
        // Reads and validates fastapiChecklist.checks now, so a typo fails at startup.
        const checklist = readChecklistOptions(config);
        scaffolder.addActions(
          createFastapiRenderAction({ reader, integrations }),
          createFastapiChecklistAction({ checklist }),
        );
      },
    });
  },
});
