import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { assertFilesWritable } from './fileDestinations';
import { assertNoGitMetadata } from './paths';
import type { RenderedFile } from './renderSkeleton';

async function exists(file: string): Promise<boolean> {
  return fs.lstat(file).then(
    () => true,
    () => false,
  );
}

/**
 * Writes rendered files under the target directory. Every destination is resolved and
 * checked first, so a refusal (outside the workspace, or an existing file without
 * `replace`) happens before the first byte is written.
 */
export async function writeRenderedFiles(options: {
  workspacePath: string;
  targetPath: string;
  files: RenderedFile[];
  replace: boolean;
}): Promise<string> {
  const { workspacePath, targetPath, files, replace } = options;
  let targetDir: string;
  try {
    targetDir = resolveSafeChildPath(workspacePath, targetPath);
  } catch {
    throw new InputError(`targetPath "${targetPath}" is outside the workspace`);
  }
  assertNoGitMetadata(path.posix.normalize(targetPath), 'targetPath');
  // Before resolving them: a file on the way makes the resolution fail with ENOTDIR.
  await assertFilesWritable(
    targetDir,
    files.map(file => file.path),
  );
  const destinations = files.map(file => ({
    file,
    absolute: resolveSafeChildPath(targetDir, file.path),
  }));
  if (!replace) {
    const existing: string[] = [];
    for (const { file, absolute } of destinations) {
      if (await exists(absolute)) existing.push(file.path);
    }
    if (existing.length) {
      throw new InputError(
        `Refusing to overwrite existing files (set replace: true to allow): ${existing
          .slice(0, 5)
          .join(', ')}${existing.length > 5 ? ', …' : ''}`,
      );
    }
  }
  for (const { file, absolute } of destinations) {
    await fs.mkdir(path.dirname(absolute), { recursive: true });
    await fs.writeFile(absolute, file.content, { mode: file.mode });
  }
  return targetDir;
}
