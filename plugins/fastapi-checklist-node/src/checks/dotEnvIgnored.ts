import ignore from 'ignore';
import { directoryOf, isInDirectory } from '../tree/relativePaths';

const GITIGNORE = '.gitignore';

/**
 * True when the service's `.env` is git-ignored by the .gitignore files of its directory
 * and the directories above it, matched as git does (the `ignore` package); a deeper
 * file's rule, like git's, overrides a shallower one.
 */
export function isDotEnvIgnored(
  files: Map<string, Buffer>,
  root: string,
): boolean {
  const dotEnv = root ? `${root}/.env` : '.env';
  const gitignores = [...files.keys()]
    .filter(path => path === GITIGNORE || path.endsWith(`/${GITIGNORE}`))
    .map(path => ({ path, dir: directoryOf(path) }))
    .filter(({ dir }) => isInDirectory(root, dir))
    .sort((a, b) => a.dir.length - b.dir.length);
  let ignored = false;
  for (const { path, dir } of gitignores) {
    const rules = ignore().add(files.get(path)!.toString('utf8'));
    const verdict = rules.test(dir ? dotEnv.slice(dir.length + 1) : dotEnv);
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}
