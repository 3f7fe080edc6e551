import type { Evidence } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { Check, outcome } from './context';
import { tableCreations } from './tableCreation';
import { firstMatchIn, importsFrom } from './moduleFacts';
import {
  filesMatching,
  folderChain,
  inFolder,
  lineMatching,
} from './repositoryFiles';

/** Packages that talk to a SQL database: ORMs, query builders and drivers. */
const SQL_PACKAGES = [
  'sqlalchemy',
  'sqlmodel',
  'databases',
  'tortoise',
  'ormar',
  'piccolo',
  'peewee',
  'pony',
  'asyncpg',
  'psycopg',
  'psycopg2',
  'aiosqlite',
  'sqlite3',
  'aiomysql',
  'asyncmy',
  'pymysql',
  'MySQLdb',
];
const SQL_IMPORT = new RegExp(
  `^\\s*(from|import)\\s+(${SQL_PACKAGES.join('|')})\\b`,
  'm',
);

export const migrationsCheck: Check = ({
  root,
  files,
  project,
  appModules,
  runtimeModules,
}) => {
  // The app's modules, not only those the running app imports: a database module and
  // its migrations make the service a database service even before a route uses it.
  const sqlModules = appModules.filter(module =>
    importsFrom(module, SQL_PACKAGES),
  );
  if (sqlModules.length === 0)
    return outcome('not-applicable', 'The app uses no SQL database.');
  const database = firstMatchIn(sqlModules[0], SQL_IMPORT, 'SQL database') ?? {
    path: sqlModules[0].path,
    message: 'SQL database',
  };

  const tool = migrationTool(root, files, runtimeModules);
  const [createsTables] = tableCreations(project, runtimeModules);
  if (tool && createsTables)
    return outcome(
      'warn',
      `Migrations exist (${tool.message}), but the app also creates tables itself (${createsTables.snippet}), so the schema can drift from them.`,
      [tool, createsTables],
    );
  if (tool)
    return outcome('pass', `The schema is migrated with ${tool.message}.`, [
      tool,
    ]);
  return outcome(
    'fail',
    createsTables
      ? `The app creates its tables at startup (${createsTables.snippet}) and has no migration tool, so a schema change cannot reach an existing database.`
      : 'The app uses a SQL database but has no migration tool (Alembic, Aerich, yoyo, Piccolo).',
    createsTables ? [createsTables, database] : [database],
  );
};

function migrationTool(
  root: string,
  files: Map<string, Buffer>,
  runtimeModules: Parameters<Check>[0]['runtimeModules'],
): Evidence | undefined {
  const text = (path: string) => files.get(path)?.toString('utf8') ?? '';
  for (const dir of folderChain(root)) {
    const ini = inFolder(dir, 'alembic.ini');
    if (files.has(ini)) return { path: ini, line: 1, message: 'Alembic' };
    const pyproject = inFolder(dir, 'pyproject.toml');
    const inPyproject =
      lineMatching(
        pyproject,
        text(pyproject),
        /^\[tool\.alembic\]/,
        'Alembic',
      ) ??
      lineMatching(pyproject, text(pyproject), /^\[tool\.aerich\]/, 'Aerich');
    if (inPyproject) return inPyproject;
    for (const name of ['yoyo.ini', 'aerich.ini', 'piccolo_conf.py']) {
      const path = inFolder(dir, name);
      if (files.has(path))
        return {
          path,
          line: 1,
          message: name.split(/[._]/)[0].replace(/^./, c => c.toUpperCase()),
        };
    }
  }
  // An Alembic environment without an ini (configured in code): env.py using alembic's context.
  const env = filesMatching(files, /(^|\/)env\.py$/, root).find(path =>
    /from alembic import context|alembic\.context/.test(text(path)),
  );
  if (env)
    return lineMatching(env, text(env), /alembic/, 'Alembic') ?? { path: env };
  // Migrations applied by the app itself (yoyo, Aerich's Command) at startup.
  for (const module of runtimeModules) {
    if (!importsFrom(module, ['yoyo', 'aerich', 'alembic'])) continue;
    return firstMatchIn(
      module,
      /^\s*(from|import)\s+(yoyo|aerich|alembic)\b/m,
      'migrations run by the app',
    );
  }
  return undefined;
}
