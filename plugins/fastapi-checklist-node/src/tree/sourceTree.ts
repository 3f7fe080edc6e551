import fs from 'node:fs/promises';
import type { Diagnostic } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { IGNORED_DIRECTORIES, walkFiles } from './walkFiles';

/**
 * A repository's files in memory: path (forward slashes, relative) → content.
 *
 * @public
 */
export type SourceTree = {
  files: Map<string, Buffer>;
  /** Files left out (too large, too many), reported instead of read. */
  skipped: Diagnostic[];
};

/**
 * What a tree may hold; files beyond it are skipped (listed in `skipped`) or refused.
 *
 * @public
 */
export type TreeLimits = { maxFileBytes: number; maxFiles: number };

/**
 * The limits a tree is read with when none are given.
 *
 * @public
 */
export const DEFAULT_LIMITS: TreeLimits = {
  maxFileBytes: 512 * 1024,
  maxFiles: 20_000,
};

export function isIgnoredPath(relativePath: string): boolean {
  return relativePath
    .split('/')
    .some(segment => IGNORED_DIRECTORIES.has(segment));
}

/**
 * Builds a tree from path → content pairs (a UrlReader tree, a test fixture…).
 *
 * @public
 */
export function treeFromEntries(
  entries: Iterable<[string, Buffer | string]>,
  limits: TreeLimits = DEFAULT_LIMITS,
): SourceTree {
  const tree: SourceTree = { files: new Map(), skipped: [] };
  for (const [rawPath, content] of entries) {
    const relative = rawPath.replace(/\\/g, '/').replace(/^\.?\//, '');
    if (isIgnoredPath(relative)) continue;
    const buffer =
      typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    if (buffer.length > limits.maxFileBytes) {
      tree.skipped.push({
        path: relative,
        message: `skipped: larger than ${limits.maxFileBytes} bytes`,
      });
    } else if (tree.files.size >= limits.maxFiles) {
      tree.skipped.push({
        path: relative,
        message: `skipped: more than ${limits.maxFiles} files`,
      });
    } else {
      tree.files.set(relative, buffer);
    }
  }
  return tree;
}

/**
 * Reads a directory (a workspace or a checkout) without following symlinks.
 *
 * @public
 */
export async function treeFromDirectory(
  root: string,
  limits: TreeLimits = DEFAULT_LIMITS,
): Promise<SourceTree> {
  const entries: [string, Buffer][] = [];
  const skipped: Diagnostic[] = [];
  for await (const file of walkFiles(root)) {
    if (entries.length >= limits.maxFiles) {
      skipped.push({
        path: file.path,
        message: `skipped: more than ${limits.maxFiles} files`,
      });
      continue;
    }
    const stats = await fs.stat(file.absolutePath);
    if (stats.size > limits.maxFileBytes) {
      skipped.push({
        path: file.path,
        message: `skipped: larger than ${limits.maxFileBytes} bytes`,
      });
      continue;
    }
    entries.push([file.path, await fs.readFile(file.absolutePath)]);
  }
  const tree = treeFromEntries(entries, limits);
  tree.skipped.push(...skipped);
  return tree;
}

export function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}
