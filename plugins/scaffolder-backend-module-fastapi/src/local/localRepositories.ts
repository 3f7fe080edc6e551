import { InputError } from '@backstage/errors';
import type { LocalRepositoriesConfig } from '@fastapi-golden-path/plugin-fastapi-golden-path-node';
import path from 'node:path';
import { KEBAB_NAME } from '../render/identifiers';

/**
 * What the local publish and register actions need of `fastapiGoldenPath.local`.
 *
 * @public
 */
export type LocalRepositoriesOptions = Pick<
  LocalRepositoriesConfig,
  'root' | 'defaultAuthor'
>;

export function requireLocalOptions(
  options: LocalRepositoriesOptions | undefined,
): LocalRepositoriesOptions {
  if (!options) {
    throw new InputError(
      'The local publish target is not configured: set fastapiGoldenPath.local.root in app-config',
    );
  }
  return options;
}

/** The directory of a named repository, always a direct child of the root. */
export function repositoryDirectory(
  options: LocalRepositoriesOptions,
  name: string,
): string {
  if (!KEBAB_NAME.test(name) || name.length > 63) {
    throw new InputError(
      `Repository name "${name}" must be 1–63 lowercase letters, digits and single hyphens`,
    );
  }
  return path.join(options.root, name);
}

/** Resolves a file path and refuses anything outside the root (after following `..`). */
export function pathInsideRoot(
  options: LocalRepositoriesOptions,
  candidate: string,
): string {
  const resolved = path.resolve(options.root, candidate);
  const relative = path.relative(options.root, resolved);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new InputError(
      `${candidate} is outside the local repositories root ${options.root}`,
    );
  }
  return resolved;
}
