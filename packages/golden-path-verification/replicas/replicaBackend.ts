/*
 * One replica of the checklist backend for the two-replica proof: the real backend
 * (createBackend: scheduler, database, HTTP, auth) with the checklist plugin, and a
 * catalog that serves the synthetic entities from REPLICA_ENTITIES (a JSON file) so the
 * proof measures the checklist, not catalog ingestion or the in-memory catalog's
 * scans. Config comes from --config. With REPLICA_REPOSITORY_SERVER (the base URL of the
 * bench's repositoryServer.ts), repositories whose source location is on that server
 * are read through it, over HTTP with its latency.
 */
import { createBackend } from '@backstage/backend-defaults';
import fs from 'node:fs';
import { repositoryServerReaderFactory } from './repositoryServerReader';
import { staticCatalogFactory } from './staticCatalog';

const entitiesFile = process.env.REPLICA_ENTITIES;
if (!entitiesFile)
  throw new Error('REPLICA_ENTITIES must name the entities file');

const backend = createBackend();
backend.add(
  staticCatalogFactory(JSON.parse(fs.readFileSync(entitiesFile, 'utf8'))),
);
if (process.env.REPLICA_REPOSITORY_SERVER) {
  backend.add(
    repositoryServerReaderFactory(process.env.REPLICA_REPOSITORY_SERVER),
  );
}
backend.add(import('@fastapi-golden-path/plugin-fastapi-checklist-backend'));
// Backstage logs a failed start and keeps the process alive; the proof needs it to end.
backend.start().catch(error => {
  console.error('Replica failed to start:', error);
  process.exit(1);
});
