/**
 * Offers the FastAPI golden path's local repositories to the catalog.
 *
 * @packageDocumentation
 */
export { catalogModuleFastapiLocal as default } from './module';
export { LocalRepositoriesProvider } from './LocalRepositoriesProvider';
