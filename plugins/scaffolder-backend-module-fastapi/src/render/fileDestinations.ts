import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';

async function statOf(file: string) {
  return fs.stat(file).catch(() => undefined);
}

/**
 * Proves a set of files (forward-slash paths under `root`) can all be written before the
 * first is: no path is also another's directory, no directory on the way exists as a
 * file (unless it is among the files `removed` first), and no destination exists as a
 * directory. Without it such a set failed half written, with the file system's error
 * naming server paths.
 */
export async function assertFilesWritable(
  root: string,
  files: Iterable<string>,
  removed: Iterable<string> = [],
): Promise<void> {
  const paths = new Set(files);
  const removedFirst = new Set(removed);
  for (const file of paths) {
    const segments = file.split('/');
    for (let end = 1; end < segments.length; end++) {
      const directory = segments.slice(0, end).join('/');
      if (paths.has(directory)) {
        throw new InputError(
          `Cannot write both ${directory} and ${file}: ${directory} would be a file and a directory`,
        );
      }
    }
  }
  const checked = new Set<string>();
  for (const file of paths) {
    const segments = file.split('/');
    for (let end = 1; end < segments.length; end++) {
      const directory = segments.slice(0, end).join('/');
      if (checked.has(directory)) continue;
      checked.add(directory);
      const stats = removedFirst.has(directory)
        ? undefined
        : await statOf(path.join(root, directory));
      if (!stats) break;
      if (!stats.isDirectory()) {
        throw new InputError(
          `Cannot write ${file}: ${directory} exists and is not a directory`,
        );
      }
    }
    if ((await statOf(path.join(root, file)))?.isDirectory()) {
      throw new InputError(`Cannot write ${file}: it exists as a directory`);
    }
  }
}

/**
 * Refuses a destination reached through a symlink in the service: a write must not leave
 * it, nor land in another of its files.
 */
export async function assertNoSymlinkOnPath(
  root: string,
  relative: string,
  verb: string,
) {
  let current = root;
  for (const segment of relative.split('/')) {
    current = path.join(current, segment);
    const stats = await fs.lstat(current).catch(() => undefined);
    if (!stats) return;
    if (stats.isSymbolicLink()) {
      throw new InputError(
        `Cannot ${verb} ${relative}: ${path.relative(
          root,
          current,
        )} is a symbolic link in the service`,
      );
    }
  }
}
