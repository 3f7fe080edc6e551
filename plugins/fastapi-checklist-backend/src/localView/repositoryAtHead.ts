import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import git from 'isomorphic-git';
import fs from 'node:fs';
import path from 'node:path';
import { looseObjectSize } from './looseObjectSize';

/** Git tree entry modes that are neither files nor directories: never followed. */
const SYMLINK_MODE = '120000';
const SUBMODULE_MODE = '160000';

/** A directory of the repository at HEAD. */
export type HeadTree = {
  type: 'tree';
  entries: { name: string; type: 'tree' | 'blob' | 'symlink' | 'submodule' }[];
};
/** A file of the repository at HEAD; `content` is absent when it exceeds the limit. */
export type HeadBlob = { type: 'blob'; size: number; content?: Uint8Array };

/** A repository name is one directory directly under the root. */
const REPOSITORY_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** True for a name that can be a repository directly under the root. */
export function isRepositoryName(name: string): boolean {
  return REPOSITORY_NAME.test(name) && name !== '.' && name !== '..';
}

/**
 * The repository directory `<root>/<name>`, only when it is a real git repository
 * inside the root: symlinks are resolved first, so neither the repository nor its
 * `.git` can point elsewhere on disk. Anything else is "not found", never a path.
 */
export async function openLocalRepository(
  root: string,
  name: string,
): Promise<string> {
  const notFound = new NotFoundError(`No local repository named ${name}`);
  if (!isRepositoryName(name)) throw notFound;
  let dir: string;
  let gitDir: string;
  try {
    dir = resolveSafeChildPath(root, name);
    gitDir = resolveSafeChildPath(dir, '.git');
  } catch {
    throw notFound;
  }
  const stats = await fs.promises.lstat(gitDir).catch(() => undefined);
  if (!stats?.isDirectory()) throw notFound;
  return dir;
}

/** Splits a request path into tree segments; `.`/`..`/empty segments are refused. */
export function pathSegments(filepath: string): string[] {
  if (filepath === '') return [];
  const segments = filepath.replace(/\/$/, '').split('/');
  for (const segment of segments) {
    if (
      segment === '' ||
      segment === '.' ||
      segment === '..' ||
      segment.includes('\0')
    ) {
      throw new InputError(`Not a path inside the repository: ${filepath}`);
    }
  }
  return segments;
}

function entryType(mode: string, type: string): HeadTree['entries'][0]['type'] {
  if (mode === SYMLINK_MODE) return 'symlink';
  if (mode === SUBMODULE_MODE) return 'submodule';
  return type === 'tree' ? 'tree' : 'blob';
}

/**
 * Reads one path of the repository as committed at HEAD (the working tree is never
 * read), walking the git trees segment by segment: a symbolic link or submodule is
 * listed but not followed, and a file larger than `maxBytes` is neither read nor returned.
 */
export async function readAtHead(
  dir: string,
  filepath: string,
  maxBytes: number,
): Promise<HeadTree | HeadBlob> {
  const segments = pathSegments(filepath);
  const cache = {};
  let oid: string;
  try {
    oid = await git.resolveRef({ fs, dir, ref: 'HEAD' });
  } catch {
    throw new NotFoundError('The repository has no commit yet');
  }
  let { tree } = await git.readTree({ fs, dir, oid, cache });
  for (const [index, segment] of segments.entries()) {
    const entry = tree.find(e => e.path === segment);
    if (!entry) throw new NotFoundError(`No ${filepath} at HEAD`);
    const type = entryType(entry.mode, entry.type);
    const last = index === segments.length - 1;
    if (type === 'symlink' || type === 'submodule') {
      throw new NotFoundError(
        `${filepath} is a ${
          type === 'symlink' ? 'symbolic link' : 'submodule'
        }, which this view does not follow`,
      );
    }
    if (type === 'tree') {
      ({ tree } = await git.readTree({ fs, dir, oid: entry.oid, cache }));
      continue;
    }
    if (!last) throw new NotFoundError(`No ${filepath} at HEAD`);
    // The size first, from the object's header: a file above the limit is never read.
    // (A packed object has no loose header; isomorphic-git reads it from its pack.)
    const loose = await looseObjectSize(path.join(dir, '.git'), entry.oid);
    if (loose && loose.size > maxBytes)
      return { type: 'blob', size: loose.size };
    const { blob } = await git.readBlob({ fs, dir, oid: entry.oid, cache });
    return blob.length > maxBytes
      ? { type: 'blob', size: blob.length }
      : { type: 'blob', size: blob.length, content: blob };
  }
  return {
    type: 'tree',
    entries: tree
      .map(e => ({ name: e.path, type: entryType(e.mode, e.type) }))
      .sort(
        (a, b) =>
          Number(b.type === 'tree') - Number(a.type === 'tree') ||
          a.name.localeCompare(b.name),
      ),
  };
}
