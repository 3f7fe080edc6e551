import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import path from 'node:path';
import type { ChecklistAccess } from '../permissions';
import { isRepositoryName } from './repositoryAtHead';

/** Decides whether the caller may see a local repository's files. */
export type LocalRepositoryAuthorizer = (
  repository: string,
  credentials: BackstageCredentials,
) => Promise<void>;

/**
 * A local repository's files are as readable as its checklist: the caller must see an
 * entity the catalog took from that repository's catalog-info.yaml and hold
 * `fastapi.checklist.read` on it. The repository is found by `managed-by-location`,
 * which the catalog sets from where it read the entity (an author cannot claim another
 * repository with it, as a source-location annotation could); the filter also asks by
 * name, as the catalog cannot search values above 200 characters (a long root), and the
 * location is compared here. No entity: 404; only entities the policy denies: 403.
 */
export function createLocalRepositoryAuthorizer(options: {
  root: string;
  catalog: CatalogService;
  access: ChecklistAccess;
}): LocalRepositoryAuthorizer {
  const { root, catalog, access } = options;
  return async function assertMayView(repository, credentials) {
    if (!isRepositoryName(repository)) {
      throw new NotFoundError(`No local repository named ${repository}`);
    }
    // where LocalRepositoriesProvider offers the repository to the catalog
    const location = `file:${path.join(root, repository, 'catalog-info.yaml')}`;
    const { items } = await catalog.getEntities(
      {
        filter: [
          { [`metadata.annotations.${ANNOTATION_LOCATION}`]: location },
          { 'metadata.name': repository },
        ],
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          `metadata.annotations.${ANNOTATION_LOCATION}`,
        ],
      },
      { credentials },
    );
    const refs = items
      .filter(e => e.metadata.annotations?.[ANNOTATION_LOCATION] === location)
      .map(e => stringifyEntityRef(e));
    if (!refs.length) {
      throw new NotFoundError(`No local repository named ${repository}`);
    }
    if (!(await access.readable(refs, credentials)).size) {
      throw new NotAllowedError(
        `Permission fastapi.checklist.read on the entities of ${repository} is denied`,
      );
    }
  };
}
