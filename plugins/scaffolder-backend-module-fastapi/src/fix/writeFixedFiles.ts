import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import type { FixReport } from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  assertFilesWritable,
  assertNoSymlinkOnPath,
} from '../render/fileDestinations';

/**
 * Writes a fix report's files into the checkout (deleted files removed), never outside
 * it. Every destination is checked first (no symbolic link on the way: the analysis
 * does not read links, so a fix adding `health.py` where a link stands would write
 * through it into the file it names; no file where a directory goes or the reverse),
 * so a refusal changes nothing.
 */
export async function writeFixedFiles(
  directory: string,
  files: FixReport['files'],
): Promise<void> {
  for (const file of files)
    await assertNoSymlinkOnPath(directory, file.path, 'fix');
  await assertFilesWritable(
    directory,
    files.filter(file => !('deleted' in file)).map(file => file.path),
    files.filter(file => 'deleted' in file).map(file => file.path),
  );
  for (const file of files) {
    if ('deleted' in file)
      await fs.rm(resolveSafeChildPath(directory, file.path), { force: true });
  }
  for (const file of files) {
    if ('deleted' in file) continue;
    const target = resolveSafeChildPath(directory, file.path);
    await fs.mkdir(path.dirname(target), { recursive: true });
    await fs.writeFile(target, file.content, 'utf8');
  }
}
