import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/** Directories that are never part of a repository's source. */
const SKIPPED = new Set(['.git', 'node_modules', '.venv']);

/**
 * A fingerprint of a directory's files (paths, sizes, modification times), used as the
 * etag of a local repository: any edit, addition or removal changes it.
 */
export async function directoryFingerprint(root: string): Promise<string> {
  const hash = createHash('sha256');
  async function walk(relative: string): Promise<void> {
    const entries = await fs.readdir(path.join(root, relative), {
      withFileTypes: true,
    });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (SKIPPED.has(entry.name)) continue;
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) {
        const stats = await fs.stat(path.join(root, child));
        hash.update(`${child}\0${stats.size}\0${stats.mtimeMs}\n`);
      }
    }
  }
  await walk('');
  return hash.digest('hex');
}
