import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

export const POSTGRES_URL_VARIABLE = 'GOLDEN_PATH_POSTGRES_URL';

/**
 * The admin URL of the PostgreSQL server the PostgreSQL variants run against (a role
 * that may create databases), from GOLDEN_PATH_POSTGRES_URL.
 */
export function postgresAdminUrl(env: NodeJS.ProcessEnv = process.env): string {
  const url = env[POSTGRES_URL_VARIABLE];
  if (!url) {
    throw new Error(
      `${POSTGRES_URL_VARIABLE} is not set: the PostgreSQL variants need a real server. ` +
        `Run scripts/start-postgres.sh (installs and starts PostgreSQL, creates a test ` +
        `role) and export the URL it prints, e.g. ` +
        `export ${POSTGRES_URL_VARIABLE}=postgresql://golden_path:golden_path@127.0.0.1:5432/postgres`,
    );
  }
  return url;
}

/** A database created for one variant, and the URLs to reach it. */
export type VariantDatabase = {
  name: string;
  /** libpq form (postgresql://…), for pg and psql. */
  url: string;
  /** SQLAlchemy + psycopg 3 form, what the generated app reads. */
  sqlalchemyUrl: string;
  drop(): Promise<void>;
};

function withDatabase(adminUrl: string, database: string): URL {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url;
}

async function admin<T>(
  adminUrl: string,
  fn: (client: Client) => Promise<T>,
): Promise<T> {
  const client = new Client({ connectionString: adminUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `Cannot connect to PostgreSQL at ${redact(
        adminUrl,
      )} (${POSTGRES_URL_VARIABLE}): ${
        (error as Error).message
      }. Is it running? scripts/start-postgres.sh starts it.`,
    );
  }
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/**
 * Creates a fresh, empty database named after `label` (plus a random suffix so runs
 * never meet), owned by the admin URL's role.
 */
export async function createVariantDatabase(
  label: string,
  adminUrl: string = postgresAdminUrl(),
): Promise<VariantDatabase> {
  const name = `gp_${label
    .replace(/[^a-z0-9]+/gi, '_')
    .toLowerCase()}_${randomBytes(3).toString('hex')}`.slice(0, 63);
  await admin(adminUrl, client =>
    client.query(`CREATE DATABASE "${name}" TEMPLATE template0`),
  );
  const url = withDatabase(adminUrl, name);
  const sqlalchemy = new URL(url.toString());
  // URL does not let the protocol change between special and non-special schemes.
  const sqlalchemyUrl = sqlalchemy
    .toString()
    .replace(/^postgres(?:ql)?:/, 'postgresql+psycopg:');
  return {
    name,
    url: url.toString(),
    sqlalchemyUrl,
    drop: () =>
      admin(adminUrl, client =>
        client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
      ).then(() => undefined),
  };
}
