import fs from 'node:fs';
import {
  LocalRepositoriesOptions,
  repositoryDirectory,
} from './localRepositories';

/**
 * Whether the local root already has an entry of this name (a repository or anything
 * else fastapi:local:publish would refuse to overwrite). Throws InputError for a name
 * that is not a repository name, so no other path is ever looked at.
 */
export async function localRepositoryExists(
  local: LocalRepositoriesOptions,
  name: string,
): Promise<boolean> {
  const directory = repositoryDirectory(local, name);
  try {
    await fs.promises.lstat(directory);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
