import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  assertFilesWritable,
  assertNoSymlinkOnPath,
} from '../render/fileDestinations';
import type { MergedFiles } from './mergeFiles';

/**
 * Writes a merge into the service's directory. Every destination is checked (inside the
 * directory, no symlink on the way, no file where a directory goes or the reverse) before
 * the first write, so a refusal changes nothing.
 */
export async function applyMerge(
  serviceDir: string,
  merged: MergedFiles,
): Promise<void> {
  const targets = [...merged.write.keys(), ...merged.remove];
  for (const relative of targets)
    await assertNoSymlinkOnPath(serviceDir, relative, 'upgrade');
  // Before resolving them: a file on the way makes the resolution fail with ENOTDIR.
  await assertFilesWritable(serviceDir, merged.write.keys(), merged.remove);
  for (const relative of merged.remove)
    resolveSafeChildPath(serviceDir, relative);
  // With no symlink on the way (above), staying inside is a matter of the path itself;
  // a write under a file removed first cannot be resolved on disk yet.
  for (const relative of merged.write.keys()) {
    const inside = path.relative(
      serviceDir,
      path.resolve(serviceDir, relative),
    );
    if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) {
      throw new InputError(
        `Cannot upgrade ${relative}: it is outside the service`,
      );
    }
  }
  // Removals first: a file the new version turns into a directory makes room for it.
  for (const relative of merged.remove) {
    await fs.rm(resolveSafeChildPath(serviceDir, relative), { force: true });
  }
  for (const [relative, content] of merged.write) {
    const destination = resolveSafeChildPath(serviceDir, relative);
    await fs.mkdir(path.dirname(destination), { recursive: true });
    await fs.writeFile(destination, content);
  }
}
