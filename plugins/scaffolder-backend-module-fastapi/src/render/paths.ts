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
