import type { WalkedFile } from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import { createHash } from 'node:crypto';

/**
 * A fingerprint of a directory's walked files (paths, sizes, modification times), used as
 * the etag of a local repository: any edit, addition or removal of a file the analysis
 * reads changes it. The walk is the one the tree is then read from, so both see the same
 * files (ignored directories such as .git, node_modules or .venv left out).
 */
export function directoryFingerprint(files: WalkedFile[]): string {
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file.path}\0${file.size}\0${file.mtimeMs}\n`);
  }
  return hash.digest('hex');
}
