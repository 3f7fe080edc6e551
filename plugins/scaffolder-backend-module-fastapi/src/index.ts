/**
 * Scaffolder actions of the FastAPI golden path.
 *
 * @packageDocumentation
 */
export { scaffolderModuleFastapi as default } from './module';
export { createFastapiRenderAction } from './actions/render';
export { createFastapiChecklistAction } from './actions/checklist';
export { createLocalPublishAction } from './actions/localPublish';
export { createLocalRegisterAction } from './actions/localRegister';
export { readLocalRepositoriesOptions } from './local/localRepositories';
export type { LocalRepositoriesOptions } from './local/localRepositories';
export { skeletonFilters } from './render/filters';
export { buildSkeletonContext } from './render/context';
export type { SkeletonContext, TemplateProvenance } from './render/context';
export { parseRenderParameters } from './render/parameters';
export type { RenderParameters } from './render/parameters';
export { readSkeletonFiles } from './render/skeletonFiles';
export { renderSkeleton } from './render/renderSkeleton';
