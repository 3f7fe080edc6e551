/**
 * Scaffolder actions of the FastAPI golden path.
 *
 * @packageDocumentation
 */
export { scaffolderModuleFastapi as default } from './module';
export { createFastapiRenderAction } from './actions/render';
export { createFastapiUpgradeAction } from './actions/upgrade';
export { createFastapiChecklistAction } from './actions/checklist';
export { createFastapiFixAction } from './actions/fix';
export { createLocalPublishAction } from './actions/localPublish';
export { createLocalRegisterAction } from './actions/localRegister';
export { createLocalCheckoutAction } from './actions/localCheckout';
export { createLocalBranchAction } from './actions/localBranch';
export { createGithubFindPullRequestAction } from './actions/githubFindPullRequest';
export { createRecoverAnswersAction } from './actions/recoverAnswers';
export type { LocalRepositoriesOptions } from './local/localRepositories';
export { skeletonFilters } from './render/filters';
export { buildSkeletonContext } from './render/context';
export type { SkeletonContext, TemplateProvenance } from './render/context';
export { parseRenderParameters } from './render/parameters';
export type { RenderParameters } from './render/parameters';
// The name rules the template's form repeats as patterns.
export { KEBAB_NAME, MAX_RESOURCE_LENGTH } from './render/identifiers';
export { readSkeletonFiles } from './render/skeletonFiles';
export { renderSkeleton, renderSkeletonInTurns } from './render/renderSkeleton';
export { DEFAULT_RENDER_LIMITS, readRenderLimits } from './render/renderLimits';
export type { RenderLimits } from './render/renderLimits';
