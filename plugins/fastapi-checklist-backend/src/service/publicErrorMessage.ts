import { isChildPath } from '@backstage/backend-plugin-api';
import { toError } from '@backstage/errors';
import path from 'node:path';

/**
 * Absolute POSIX paths in a message: a slash not preceded by a word character, a colon,
 * a dot or another slash (so URLs and relative paths stay), up to whitespace or a quote.
 */
const ABSOLUTE_PATH = /(?<![\w:./])\/[^\s'"`,;)]+/g;

/**
 * The reason shown on the card and stored with an `error` result: the error's message,
 * without its class or stack, and without the server's absolute paths. A path inside the
 * local repositories root becomes relative to it; any other one is elided.
 */
export function publicErrorMessage(error: unknown, localRoot?: string): string {
  return toError(error).message.replace(ABSOLUTE_PATH, found =>
    localRoot && isChildPath(localRoot, found)
      ? path.relative(localRoot, found) || '<local root>'
      : '<server path>',
  );
}
