import fs from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '@fastapi-golden-path/plugin-fastapi-checklist-common';

/** A repository's files in memory: path (forward slashes, relative) → content. */
export type SourceTree = {
  files: Map<string, Buffer>;
  /** Files left out (too large, too many), reported instead of read. */
  skipped: Diagnostic[];
};

export type TreeLimits = { maxFileBytes: number; maxFiles: number };

export const DEFAULT_LIMITS: TreeLimits = {
  maxFileBytes: 512 * 1024,
  maxFiles: 20_000,
};

/** Directories that never hold the service's own source. */
const IGNORED_DIRECTORIES = new Set([
  '.git',
  'node_modules',
  '.venv',
  'venv',
  '__pycache__',
  '.mypy_cache',
  '.ruff_cache',
  '.pytest_cache',
  '.tox',
  'site-packages',
  'dist',
  'build',
]);

export function isIgnoredPath(relativePath: string): boolean {
  return relativePath
    .split('/')
    .some(segment => IGNORED_DIRECTORIES.has(segment));
}

/** Builds a tree from path → content pairs (a UrlReader tree, a test fixture…). */
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

/** Reads a directory (a workspace or a checkout) without following symlinks. */
export async function treeFromDirectory(
  root: string,
  limits: TreeLimits = DEFAULT_LIMITS,
): Promise<SourceTree> {
  const entries: [string, Buffer][] = [];
  const skipped: Diagnostic[] = [];
  async function walk(relative: string): Promise<void> {
    const dirents = await fs.readdir(path.join(root, relative), {
      withFileTypes: true,
    });
    for (const dirent of dirents) {
      const child = relative ? `${relative}/${dirent.name}` : dirent.name;
      if (dirent.isDirectory()) {
        if (!IGNORED_DIRECTORIES.has(dirent.name)) await walk(child);
      } else if (dirent.isFile()) {
        if (entries.length >= limits.maxFiles) {
          skipped.push({
            path: child,
            message: `skipped: more than ${limits.maxFiles} files`,
          });
          continue;
        }
        const stats = await fs.stat(path.join(root, child));
        if (stats.size > limits.maxFileBytes) {
          skipped.push({
            path: child,
            message: `skipped: larger than ${limits.maxFileBytes} bytes`,
          });
          continue;
        }
        entries.push([child, await fs.readFile(path.join(root, child))]);
      }
    }
  }
  await walk('');
  const tree = treeFromEntries(entries, limits);
  tree.skipped.push(...skipped);
  return tree;
}

export function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}
