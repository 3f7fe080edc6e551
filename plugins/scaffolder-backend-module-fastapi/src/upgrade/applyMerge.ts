import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { MergedFiles } from './mergeFiles';

/** Refuses a destination reached through a symlink: a write must not leave the service. */
async function assertNoSymlinkOnPath(root: string, relative: string) {
  let current = root;
  for (const segment of relative.split('/')) {
    current = path.join(current, segment);
    const stats = await fs.lstat(current).catch(() => undefined);
    if (!stats) return;
    if (stats.isSymbolicLink()) {
      throw new InputError(
        `Cannot upgrade ${relative}: ${path.relative(
          root,
          current,
        )} is a symbolic link in the service`,
      );
    }
  }
}

/**
 * Writes a merge into the service's directory. Every destination is checked (inside the
 * directory, no symlink on the way) before the first write, so a refusal changes nothing.
 */
export async function applyMerge(
  serviceDir: string,
  merged: MergedFiles,
): Promise<void> {
  const targets = [...merged.write.keys(), ...merged.remove];
  for (const relative of targets) {
    await assertNoSymlinkOnPath(serviceDir, relative);
    resolveSafeChildPath(serviceDir, relative);
  }
  for (const [relative, content] of merged.write) {
    const destination = resolveSafeChildPath(serviceDir, relative);
    await fs.mkdir(path.dirname(destination), { recursive: true });
    await fs.writeFile(destination, content);
  }
  for (const relative of merged.remove) {
    await fs.rm(resolveSafeChildPath(serviceDir, relative), { force: true });
  }
}
