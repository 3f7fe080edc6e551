/**
 * Scaffolder actions of the FastAPI golden path.
 *
 * @packageDocumentation
 */
export { scaffolderModuleFastapi as default } from './module';
export { createFastapiRenderAction } from './actions/render';
export { skeletonFilters } from './render/filters';
