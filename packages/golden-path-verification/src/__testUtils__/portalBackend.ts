import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import githubModule from '@backstage/plugin-scaffolder-backend-module-github';
import type { JsonObject } from '@backstage/types';
import localCatalogModule from '@fastapi-golden-path/plugin-catalog-backend-module-fastapi-local';
import checklistPlugin from '@fastapi-golden-path/plugin-fastapi-checklist-backend';
import fastapiModule from '@fastapi-golden-path/plugin-scaffolder-backend-module-fastapi';

type Feature = NonNullable<
  Parameters<typeof startTestBackend>[0]['features']
>[number];

export type PortalBackend = Awaited<ReturnType<typeof startTestBackend>>;

/**
 * Starts the golden path's part of the portal backend (packages/backend): the catalog
 * with the Template kind and the local repositories, the scaffolder with the GitHub and
 * fastapi:* actions, and the checklist backend. It runs on an in-memory SQLite database
 * with permissions off; `config` adds top-level keys, `features` adds or replaces
 * services (a real or capturing scheduler) and modules.
 */
export async function startPortalBackend(
  options: { config?: JsonObject; features?: Feature[] } = {},
): Promise<PortalBackend> {
  return startTestBackend({
    features: [
      catalogPlugin,
      scaffolderEntityModel,
      localCatalogModule,
      scaffolderPlugin,
      githubModule,
      fastapiModule,
      checklistPlugin,
      ...(options.features ?? []),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: { client: 'better-sqlite3', connection: ':memory:' },
          },
          permission: { enabled: false },
          ...options.config,
        },
      }),
    ],
  });
}
