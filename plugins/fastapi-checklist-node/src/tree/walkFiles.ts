import fs from 'node:fs/promises';
import path from 'node:path';

/** Directories that never hold the service's own source. */
export const IGNORED_DIRECTORIES: ReadonlySet<string> = new Set([
  '.git',
  'node_modules',
  '.venv',
  'venv',
  '__pycache__',
  '.mypy_cache',
  '.ruff_cache',
  '.pytest_cache',
  '.tox',
  'site-packages',
  'dist',
  'build',
]);

/**
 * A regular file found under the walked root.
 *
 * @public
 */
export type WalkedFile = {
  /** Relative to the root, forward slashes. */
  path: string;
  absolutePath: string;
};

/**
 * The regular files under `root`, depth first in name order, without descending into
 * IGNORED_DIRECTORIES (a virtualenv or node_modules can hold more files than the whole
 * service) and without following symbolic links.
 *
 * @public
 */
export async function* walkFiles(root: string): AsyncGenerator<WalkedFile> {
  const dirents = await fs.readdir(root, { withFileTypes: true });
  dirents.sort((a, b) => (a.name < b.name ? -1 : Number(a.name > b.name)));
  for (const dirent of dirents) {
    const absolutePath = path.join(root, dirent.name);
    if (dirent.isDirectory()) {
      if (IGNORED_DIRECTORIES.has(dirent.name)) continue;
      for await (const file of walkFiles(absolutePath)) {
        yield { ...file, path: `${dirent.name}/${file.path}` };
      }
    } else if (dirent.isFile()) {
      yield { path: dirent.name, absolutePath };
    }
  }
}
