import { InputError } from '@backstage/errors';
import path from 'node:path';

/**
 * A normalized forward-slash path that stays inside its root: no absolute paths, no
 * `..` segments, no backslashes or NUL bytes.
 */
export function confinedRelativePath(candidate: string, what: string): string {
  if (candidate.includes('\0') || candidate.includes('\\')) {
    throw new InputError(
      `${what} "${candidate}" contains a backslash or NUL byte`,
    );
  }
  if (path.posix.isAbsolute(candidate) || /^[a-zA-Z]:/.test(candidate)) {
    throw new InputError(
      `${what} "${candidate}" must be relative, not absolute`,
    );
  }
  if (candidate.split('/').includes('..')) {
    throw new InputError(
      `${what} "${candidate}" must not contain ".." segments`,
    );
  }
  const normalized = path.posix.normalize(candidate);
  return candidate.endsWith('/') && !normalized.endsWith('/')
    ? `${normalized}/`
    : normalized;
}

/**
 * Code points HFS+ ignores in file names: git treats `.g\u200Cit` as `.git` on macOS, so do we.
 */
const HFS_IGNORED = /[\u200C-\u200F\u202A-\u202E\u206A-\u206F\uFEFF]/g;

/**
 * Whether a path segment names a git directory on some filesystem, as git's own
 * `verify_path` sees it: `.git` in any case, with the trailing dots, spaces or `:stream`
 * NTFS ignores, its 8.3 short name `git~1`, or with HFS+'s ignored code points.
 */
export function isGitMetadataSegment(segment: string): boolean {
  const name = segment.replace(HFS_IGNORED, '').toLowerCase();
  return /^(?:\.git|git~1)[. ]*(?::.*)?$/.test(name);
}

/**
 * Refuses a path with a `.git` segment: whoever writes a repository's `.git` decides its
 * configuration (`core.fsmonitor`, `core.hooksPath` run commands on the next `git status`)
 * and its history, so no file of a generated or published repository may go there.
 */
export function assertNoGitMetadata(candidate: string, what: string): void {
  const segment = candidate.split('/').find(isGitMetadataSegment);
  if (segment !== undefined) {
    throw new InputError(
      `${what} "${candidate}" is inside git metadata ("${segment}"): a repository's files must not write its .git directory`,
    );
  }
}
