import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import Router from 'express-promise-router';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  AnalysisPool,
  readAnalysisPoolOptions,
  readChecklistOptions,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import { readLocalRepositoriesConfig } from '@fastapi-golden-path/plugin-fastapi-golden-path-node';
import { createFastapiChecklistAction } from './actions/checklist';
import { createFastapiFixAction } from './actions/fix';
import { createGithubFindPullRequestAction } from './actions/githubFindPullRequest';
import { createLocalBranchAction } from './actions/localBranch';
import { createLocalCheckoutAction } from './actions/localCheckout';
import { createLocalPublishAction } from './actions/localPublish';
import { createLocalRegisterAction } from './actions/localRegister';
import { createRecoverAnswersAction } from './actions/recoverAnswers';
import { createFastapiRenderAction } from './actions/render';
import { createFastapiUpgradeAction } from './actions/upgrade';
import { withUserFacingErrors } from './actions/userFacingErrors';
import { createValidateTargetAction } from './actions/validateTarget';
import { createFastapiFormRouter } from './http/router';
import { localRepositoryExists } from './local/localRepositoryExists';
import { createChecklistPreview } from './preview/checklistPreview';
import { readRenderLimits } from './render/renderLimits';
import { publishTargets } from './targets/publishTargets';

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
        logger: coreServices.logger,
        reader: coreServices.urlReader,
        catalog: catalogServiceRef,
        discovery: coreServices.discovery,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
      },
      async init({
        scaffolder,
        config,
        lifecycle,
        logger,
        reader,
        catalog,
        discovery,
        httpRouter,
        httpAuth,
        auth,
      }) {
        const integrations = ScmIntegrations.fromConfig(config);
        // The readers validate now, so a typo in any of them fails at startup.
        const checklist = readChecklistOptions(config);
        const local = readLocalRepositoriesConfig(config);
        const renderLimits = readRenderLimits(config);
        // fastapi:checklist and the form's preview analyse in this pool's worker
        // threads, off the backend's event loop; one pool, closed on shutdown.
        const analysisOptions = readAnalysisPoolOptions(config);
        const analyzer = new AnalysisPool(analysisOptions);
        lifecycle.addShutdownHook(() => analyzer.close());
        // A failed step's log shows its error's message, not a stack or server paths.
        scaffolder.addActions(
          ...[
            createValidateTargetAction({ integrations, local }),
            createFastapiRenderAction({ reader, integrations, renderLimits }),
            createFastapiUpgradeAction({ reader, integrations, renderLimits }),
            createFastapiChecklistAction({
              checklist,
              analyzer,
              limits: analysisOptions.limits,
            }),
            // Fix it: the checklist's automatic fixes, proven by the same checklist options.
            createFastapiFixAction({
              checklist,
              limits: analysisOptions.limits,
            }),
            createLocalPublishAction({ local, discovery }),
            createLocalRegisterAction({ local, catalog }),
            // The upgrade template's local target: read a repository, open a branch.
            createLocalCheckoutAction({
              local,
              limits: analysisOptions.limits,
            }),
            createLocalBranchAction({ local }),
            // The upgrade template's GitHub target: an open pull request is reported, not opened twice.
            createGithubFindPullRequestAction({ integrations }),
            // Answers of services made before repositories recorded them: the creating task's.
            // Without both, the form's: compared with what the repository states.
            createRecoverAnswersAction({ discovery, auth, inferrer: analyzer }),
          ].map(action =>
            withUserFacingErrors(action, { logger, localRoot: local?.root }),
          ),
        );
        // The Create form's fields ask these before anything runs (/api/scaffolder/fastapi).
        httpRouter.use(
          Router().use(
            '/fastapi',
            createFastapiFormRouter({
              httpAuth,
              publishTargets: () => publishTargets(integrations, local),
              localRepositoryExists:
                local && (name => localRepositoryExists(local, name)),
              previewChecklist: createChecklistPreview({
                reader,
                integrations,
                catalog,
                checklist,
                analyzer,
                renderLimits,
              }),
            }),
          ),
        );
      },
    });
  },
});
