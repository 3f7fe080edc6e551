import { isChildPath } from '@backstage/backend-plugin-api';
import { parseLocationRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import path from 'node:path';

/**
 * The repository directory of an entity registered from a `file:` location. Only
 * directories inside the local repositories root are read (symlinks resolved), and never
 * the root itself, so a file location elsewhere on disk cannot make the backend read it.
 */
export function localRepositoryDirectory(
  location: string,
  localRoot: string | undefined,
): string {
  if (!localRoot) {
    throw new InputError(
      `${location} is a file location, but the local target is not configured (fastapiGoldenPath.local.root)`,
    );
  }
  const directory = path.dirname(
    path.resolve(parseLocationRef(location).target),
  );
  if (directory === localRoot || !isChildPath(localRoot, directory)) {
    throw new InputError(
      `${location} is not inside a repository under the local repositories root ${localRoot}`,
    );
  }
  return directory;
}
