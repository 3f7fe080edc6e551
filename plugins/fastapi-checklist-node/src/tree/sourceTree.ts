import fs from 'node:fs';
import type { Diagnostic } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  AnalysisLimitError,
  DEFAULT_ANALYSIS_LIMITS,
  LIMIT_KEYS,
} from '../limits';
import {
  EventLoopSlices,
  IGNORED_DIRECTORIES,
  walkFiles,
  WalkedFile,
} from './walkFiles';

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
export type TreeLimits = {
  maxFileBytes: number;
  maxFiles: number;
  /** More bytes in all refuse the repository (AnalysisLimitError); the analysis default when absent. */
  maxTotalBytes?: number;
};

/**
 * The limits a tree is read with when none are given.
 *
 * @public
 */
export const DEFAULT_LIMITS: Required<TreeLimits> = {
  maxFileBytes: DEFAULT_ANALYSIS_LIMITS.maxFileBytes,
  maxFiles: DEFAULT_ANALYSIS_LIMITS.maxFiles,
  maxTotalBytes: DEFAULT_ANALYSIS_LIMITS.maxTotalBytes,
};

/** Counts what a tree reads, refusing the repository once it holds too much in all. */
class TotalBytes {
  private total = 0;
  constructor(private readonly max: number) {}

  add(bytes: number): void {
    this.total += bytes;
    if (this.total > this.max) throw totalBytesExceeded(this.max);
  }
}

export function totalBytesExceeded(max: number): AnalysisLimitError {
  return new AnalysisLimitError(
    `The repository holds more than ${max} bytes in files the analyzer reads (limit ${LIMIT_KEYS.maxTotalBytes})`,
  );
}

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
  const total = new TotalBytes(
    limits.maxTotalBytes ?? DEFAULT_LIMITS.maxTotalBytes,
  );
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
      total.add(buffer.length);
      tree.files.set(relative, buffer);
    }
  }
  return tree;
}

/** Files up to this size are read synchronously (cheaper than a thread-pool round trip). */
const SYNC_READ_MAX_BYTES = 64 * 1024;

/**
 * Reads a directory (a workspace or a checkout) without following symlinks.
 *
 * @public
 */
export async function treeFromDirectory(
  root: string,
  limits: TreeLimits = DEFAULT_LIMITS,
): Promise<SourceTree> {
  return treeFromWalkedFiles(await walkFiles(root), limits);
}

/**
 * Reads the files a walk found (a caller that already walked the directory, e.g. to
 * fingerprint it, need not walk it again).
 *
 * @public
 */
export async function treeFromWalkedFiles(
  files: WalkedFile[],
  limits: TreeLimits = DEFAULT_LIMITS,
): Promise<SourceTree> {
  const entries: [string, Buffer][] = [];
  const skipped: Diagnostic[] = [];
  // Counted while reading, so a huge repository is refused before it is all in memory.
  const total = new TotalBytes(
    limits.maxTotalBytes ?? DEFAULT_LIMITS.maxTotalBytes,
  );
  const slices = new EventLoopSlices();
  for (const file of files) {
    if (entries.length >= limits.maxFiles) {
      skipped.push({
        path: file.path,
        message: `skipped: more than ${limits.maxFiles} files`,
      });
      continue;
    }
    if (file.size > limits.maxFileBytes) {
      skipped.push({
        path: file.path,
        message: `skipped: larger than ${limits.maxFileBytes} bytes`,
      });
      continue;
    }
    total.add(file.size);
    await slices.pause();
    entries.push([
      file.path,
      file.size <= SYNC_READ_MAX_BYTES
        ? fs.readFileSync(file.absolutePath)
        : await fs.promises.readFile(file.absolutePath),
    ]);
  }
  const tree = treeFromEntries(entries, limits);
  tree.skipped.push(...skipped);
  return tree;
}

export function isBinary(content: Buffer): boolean {
  return content.subarray(0, 8000).includes(0);
}
