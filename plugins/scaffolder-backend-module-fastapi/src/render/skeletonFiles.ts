import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  DEFAULT_RENDER_LIMITS,
  RENDER_LIMITS_CONFIG_KEY,
  RenderLimits,
} from './renderLimits';

export type SkeletonFile = {
  /** Forward-slash path relative to the skeleton root. */
  path: string;
  content: Buffer;
  mode: number;
  /** Binary files are copied as they are, never rendered. */
  binary: boolean;
};

function isInside(root: string, candidate: string): boolean {
  const relative = path.relative(root, candidate);
  return (
    relative === '' ||
    (!relative.startsWith('..') && !path.isAbsolute(relative))
  );
}

/**
 * Reads a skeleton directory into memory, at most `maxSkeletonBytes` in all. Symbolic
 * links are followed only when they point at a file inside the skeleton; anything
 * pointing out is refused, so a forked skeleton can never pull files from the backend
 * host into a generated repository.
 *
 * @public
 */
export async function readSkeletonFiles(
  root: string,
  limits: Pick<RenderLimits, 'maxSkeletonBytes'> = DEFAULT_RENDER_LIMITS,
): Promise<SkeletonFile[]> {
  const realRoot = await fs.realpath(root).catch(() => {
    throw new InputError(`Skeleton directory ${root} does not exist`);
  });
  const files: SkeletonFile[] = [];
  let bytes = 0;

  async function walk(relativeDir: string): Promise<void> {
    const entries = await fs.readdir(path.join(realRoot, relativeDir), {
      withFileTypes: true,
    });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const relative = relativeDir
        ? `${relativeDir}/${entry.name}`
        : entry.name;
      const absolute = path.join(realRoot, relative);
      if (entry.isDirectory()) {
        await walk(relative);
        continue;
      }
      let source = absolute;
      if (entry.isSymbolicLink()) {
        const target = await fs.realpath(absolute).catch(() => {
          throw new InputError(`Skeleton symlink ${relative} is broken`);
        });
        if (!isInside(realRoot, target)) {
          throw new InputError(
            `Skeleton symlink ${relative} points outside the skeleton`,
          );
        }
        if ((await fs.stat(target)).isDirectory()) {
          throw new InputError(
            `Skeleton symlink ${relative} points at a directory; only file links are supported`,
          );
        }
        source = target;
      } else if (!entry.isFile()) {
        throw new InputError(
          `Skeleton entry ${relative} is not a regular file`,
        );
      }
      // Sized before it is read, so a huge file (or many links to one) is never loaded.
      const stats = await fs.stat(source);
      bytes += stats.size;
      if (bytes > limits.maxSkeletonBytes) {
        throw new InputError(
          `Skeleton file ${relative} stopped the read: the skeleton's files exceed ${limits.maxSkeletonBytes} bytes (the limit is set by ${RENDER_LIMITS_CONFIG_KEY}.maxSkeletonBytes)`,
        );
      }
      const content = await fs.readFile(source);
      files.push({
        path: relative,
        content,
        mode: stats.mode & 0o777,
        binary: content.includes(0),
      });
    }
  }

  await walk('');
  return files;
}
