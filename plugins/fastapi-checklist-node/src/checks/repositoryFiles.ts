import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { directoryOf, isInDirectory } from '../tree/relativePaths';

/** The service's folder and every folder above it, deepest first ('' last). */
export function folderChain(root: string): string[] {
  const chain = [root];
  for (let dir = root; dir !== ''; ) {
    dir = directoryOf(dir);
    chain.push(dir);
  }
  return chain;
}

/** A file of `dir` (the repository root when ''). */
export const inFolder = (dir: string, name: string) =>
  dir ? `${dir}/${name}` : name;

/** The paths of the repository that match `pattern`, within `dir`. */
export function filesMatching(
  files: Map<string, Buffer>,
  pattern: RegExp,
  dir = '',
): string[] {
  return [...files.keys()].filter(
    path => isInDirectory(path, dir) && pattern.test(path),
  );
}

/** Evidence at the first line of a text file matching `pattern`; undefined when none does. */
export function lineMatching(
  path: string,
  text: string,
  pattern: RegExp,
  message: string,
): Evidence | undefined {
  const lines = text.split('\n');
  const index = lines.findIndex(line => pattern.test(line));
  if (index < 0) return undefined;
  const snippet = lines[index].trim();
  return {
    path,
    line: index + 1,
    snippet: snippet.length > 120 ? `${snippet.slice(0, 117)}...` : snippet,
    message,
  };
}
