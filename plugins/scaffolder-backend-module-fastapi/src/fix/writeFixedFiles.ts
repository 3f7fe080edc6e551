import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import type { FixReport } from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Writes a fix report's files into the checkout (deleted files removed), never outside it. */
export async function writeFixedFiles(
  directory: string,
  files: FixReport['files'],
): Promise<void> {
  for (const file of files) {
    const target = resolveSafeChildPath(directory, file.path);
    if ('deleted' in file) {
      await fs.rm(target, { force: true });
    } else {
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, file.content, 'utf8');
    }
  }
}
