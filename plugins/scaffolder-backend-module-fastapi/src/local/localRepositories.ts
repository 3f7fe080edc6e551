import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import path from 'node:path';
import { KEBAB_NAME } from '../render/identifiers';

export type LocalRepositoriesOptions = {
  /** Absolute directory that holds every local repository. */
  root: string;
  defaultAuthor: { name: string; email: string };
};

/** Reads `fastapiGoldenPath.local`; undefined when the local target is not configured. */
export function readLocalRepositoriesOptions(
  config: Config,
): LocalRepositoriesOptions | undefined {
  const local = config.getOptionalConfig('fastapiGoldenPath.local');
  if (!local) return undefined;
  return {
    root: path.resolve(local.getString('root')),
    defaultAuthor: {
      name:
        local.getOptionalString('defaultAuthor.name') ?? 'FastAPI Golden Path',
      email:
        local.getOptionalString('defaultAuthor.email') ??
        'golden-path@localhost',
    },
  };
}

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
