import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { COMPOSE_FILE } from '../docker/composeServices';
import { directoryOf } from '../tree/relativePaths';
import { inFolder } from './repositoryFiles';

/**
 * A compose volume mounting repository files where the official database images run
 * them on first start: `- ./init.sql:/docker-entrypoint-initdb.d/init.sql`,
 * `- $PWD/postgres/init:/docker-entrypoint-initdb.d:ro`.
 */
const INIT_MOUNT =
  /^\s*-\s*["']?(?:\$\{?PWD\}?\/)?([^:"'\s$]+):\/docker-entrypoint-initdb\.d\b/;
/** Scripts those images run: SQL, shell (usually psql with a here-document). */
const INIT_SCRIPT = /\.(sql|sh)$/;
/**
 * A literal password set in SQL: `CREATE USER app WITH PASSWORD 'app'`,
 * `ALTER ROLE app PASSWORD 'app'`, MySQL's `IDENTIFIED BY 'app'`; not a psql variable
 * (`:'password'`) or a shell one (`'$APP_PASSWORD'`).
 */
const SQL_PASSWORD = /\b(?:PASSWORD|IDENTIFIED\s+BY)\s+'([^'$:][^'$]*)'/i;

/**
 * The repository path a mount's source names, relative to the compose file's folder;
 * undefined when it leaves the repository.
 */
function mountedPath(composePath: string, source: string): string | undefined {
  // An absolute host path (`/srv/init.sql`) is the host's, not the repository's.
  if (source.startsWith('/')) return undefined;
  const parts: string[] = [];
  for (const part of inFolder(directoryOf(composePath), source).split('/')) {
    if (part === '' || part === '.') continue;
    if (part !== '..') parts.push(part);
    else if (parts.pop() === undefined) return undefined;
  }
  return parts.join('/');
}

/**
 * Literal database passwords in the init scripts a compose file mounts into a database
 * container (`ALTER ROLE app WITH PASSWORD 'app'`): the local stack's credentials, warned
 * about like literal credentials in the compose file itself.
 */
export function databaseInitCredentials(
  files: Map<string, Buffer>,
): Evidence[] {
  const scripts = new Set<string>();
  for (const [path, content] of files) {
    if (!COMPOSE_FILE.test(path)) continue;
    for (const line of content.toString('utf8').split('\n')) {
      const match = INIT_MOUNT.exec(line);
      if (!match) continue;
      const mounted = mountedPath(path, match[1]);
      if (mounted === undefined) continue;
      // A file, or the files directly in a folder (the images do not run subfolders).
      for (const candidate of files.keys())
        if (
          INIT_SCRIPT.test(candidate) &&
          (candidate === mounted || directoryOf(candidate) === mounted)
        )
          scripts.add(candidate);
    }
  }
  const found: Evidence[] = [];
  for (const path of scripts) {
    const lines = files.get(path)!.toString('utf8').split('\n');
    const index = lines.findIndex(line => SQL_PASSWORD.test(line));
    if (index >= 0)
      found.push({
        path,
        line: index + 1,
        snippet: lines[index].trim().slice(0, 120),
        message:
          'a literal database password in an init script the compose stack runs',
      });
  }
  return found;
}
