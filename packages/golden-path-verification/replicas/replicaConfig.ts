import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Client } from 'pg';

/**
 * Writes a replica's app-config (JSON, which is YAML): PostgreSQL with a database prefix
 * of its own, a static token for the caller, the local repositories root, and a refresh
 * that runs only when triggered, so each measured round is one refresh.
 */
export function writeReplicaConfig(options: {
  file: string;
  port: number;
  postgresUrl: string;
  prefix: string;
  token: string;
  root: string;
  claimTimeoutSeconds: number;
  /** fastapiChecklist.analysis.workers; the default (cores - 1) otherwise. */
  analysisWorkers?: number;
}): string {
  const { file, port, postgresUrl, prefix, token, root } = options;
  fs.writeFileSync(
    file,
    JSON.stringify({
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { host: '127.0.0.1', port },
        database: { client: 'pg', connection: postgresUrl, prefix },
        auth: {
          externalAccess: [
            { type: 'static', options: { token, subject: 'replica-caller' } },
          ],
        },
      },
      fastapiGoldenPath: { local: { root } },
      fastapiChecklist: {
        ...(options.analysisWorkers && {
          analysis: { workers: options.analysisWorkers },
        }),
        refresh: {
          schedule: {
            frequency: { trigger: 'manual' },
            timeout: { minutes: 30 },
          },
          concurrency: 4,
          newEntitiesInterval: { seconds: 2 },
          queueInterval: { seconds: 1 },
          claimTimeout: { seconds: options.claimTimeoutSeconds },
        },
      },
    }),
  );
  return file;
}

/** The database the checklist plugin gets under a prefix, as a URL. */
export function pluginDatabaseUrl(postgresUrl: string, prefix: string): string {
  const url = new URL(postgresUrl);
  url.pathname = `/${prefix}fastapi-checklist`;
  return url.toString();
}

/** The PostgreSQL admin URL: from the environment, else scripts/start-postgres.sh's. */
export function postgresAdminUrl(): string {
  const url =
    process.env.GOLDEN_PATH_POSTGRES_URL ??
    process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
  if (url) return url;
  const script = path.resolve(__dirname, '../../../scripts/start-postgres.sh');
  return execFileSync(script, { encoding: 'utf8' }).trim();
}

/** Drops the databases the replicas created under a prefix. */
export async function dropReplicaDatabases(admin: Client, prefix: string) {
  const { rows } = await admin.query(
    'SELECT datname FROM pg_database WHERE datname LIKE $1',
    [`${prefix}%`],
  );
  for (const { datname } of rows) {
    await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}
