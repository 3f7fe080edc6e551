/**
 * Containment for the repository-relative paths of a SourceTree (forward slashes, no
 * `..`, '' for the root). These are keys of an in-memory map, not files on this host,
 * so this is string logic: isChildPath would resolve them against the disk.
 */
export function isInDirectory(path: string, directory: string): boolean {
  return (
    directory === '' || path === directory || path.startsWith(`${directory}/`)
  );
}

/** The directory of a repository-relative path ('' at the root). */
export function directoryOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}
