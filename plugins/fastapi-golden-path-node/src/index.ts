/**
 * Node library of the FastAPI golden path: settings that several backend modules read.
 *
 * @packageDocumentation
 */
export {
  LOCAL_REPOSITORIES_CONFIG_KEY,
  readLocalRepositoriesConfig,
} from './localRepositoriesConfig';
export type { LocalRepositoriesConfig } from './localRepositoriesConfig';
export {
  LOCAL_REPOSITORY_VIEW,
  localRepositoryViewUrl,
} from './localRepositoryView';
