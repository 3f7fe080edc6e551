import { isChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isGitMetadataSegment } from '../render/paths';

/**
 * Refuses a directory that cannot become a local repository as it is, before anything is
 * created: a `.git` of its own (its configuration and history would become the new
 * repository's: `core.fsmonitor` runs a command on the next `git status` there), a
 * symbolic link that is absolute or resolves outside the directory (the copy would point
 * out of the repository, and catalog-info.yaml is rewritten through it), and anything
 * that is not a file, directory or link (a FIFO would block the copy).
 */
export async function assertPublishableSource(source: string): Promise<void> {
  async function walk(relativeDir: string): Promise<void> {
    const entries = await fs.readdir(path.join(source, relativeDir), {
      withFileTypes: true,
    });
    for (const entry of entries) {
      const relative = relativeDir
        ? `${relativeDir}/${entry.name}`
        : entry.name;
      if (isGitMetadataSegment(entry.name)) {
        throw new InputError(
          `The workspace holds ${relative}: a repository's own git metadata is never published (it would set the new repository's configuration and history)`,
        );
      }
      const absolute = path.join(source, relative);
      if (entry.isDirectory()) {
        await walk(relative);
      } else if (entry.isSymbolicLink()) {
        const target = await fs.readlink(absolute);
        if (
          path.isAbsolute(target) ||
          !isChildPath(source, path.resolve(path.dirname(absolute), target))
        ) {
          throw new InputError(
            `The workspace's symbolic link ${relative} points outside the directory being published (${target}); only relative links inside it are published`,
          );
        }
      } else if (!entry.isFile()) {
        throw new InputError(
          `The workspace's ${relative} is not a file, directory or symbolic link`,
        );
      }
    }
  }
  await walk('');
}
