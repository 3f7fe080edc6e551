import { ConflictError, InputError } from '@backstage/errors';
import {
  ANNOTATION_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import {
  LocalRepositoriesOptions,
  pathInsideRoot,
  requireLocalOptions,
} from '../local/localRepositories';
import { examples } from './localRegister.examples';

const POLL_MS = 500;

/** The entity a scaffolded repository is about: its Component, else its first entity. */
function mainEntityRef(entities: Entity[]): string | undefined {
  const main =
    entities.find(e => e?.kind === 'Component') ?? entities.find(Boolean);
  return main ? stringifyEntityRef(main) : undefined;
}

/** The file a catalog entity was read from, when it came from a `file` location. */
function locationFile(entity: Entity): string | undefined {
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  return location?.startsWith('file:')
    ? path.resolve(location.slice('file:'.length))
    : undefined;
}

/**
 * fastapi:local:register — waits until the catalog has ingested a local repository's
 * catalog-info.yaml (the catalog module @fastapi-golden-path/plugin-catalog-backend-
 * module-fastapi-local offers every repository under the root as a `file` location) and
 * outputs the entity, checked with the task user's credentials.
 *
 * @public
 */
export function createLocalRegisterAction(options: {
  local?: LocalRepositoriesOptions;
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: 'fastapi:local:register',
    description:
      'Waits for a local repository to appear in the catalog and outputs its entity',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        catalogInfoUrl: z =>
          z.string({
            description:
              'file: URL (or path) of the catalog-info.yaml, inside the local root',
          }),
        timeoutSeconds: z =>
          z
            .number({ description: 'How long to wait for the catalog' })
            .min(1)
            .max(600)
            .default(60),
      },
      output: {
        entityRef: z =>
          z.string({
            description: 'The registered Component (or first entity)',
          }),
        catalogInfoUrl: z =>
          z.string({ description: 'The catalog-info.yaml the catalog reads' }),
      },
    },
    async handler(ctx) {
      const local = requireLocalOptions(options.local);
      const raw = ctx.input.catalogInfoUrl;
      const file = pathInsideRoot(
        local,
        raw.startsWith('file:') ? fileURLToPath(raw) : raw,
      );
      // messages name the file inside the root, never the server's directories
      const shown = path.relative(local.root, file);
      if (ctx.isDryRun) {
        ctx.output('entityRef', 'component:default/dry-run');
        ctx.output('catalogInfoUrl', file);
        return;
      }
      if (!fs.existsSync(file))
        throw new InputError(
          `${shown} does not exist in the local repositories root`,
        );
      const documents = parseAllDocuments(
        await fs.promises.readFile(file, 'utf8'),
      );
      const entityRef = mainEntityRef(documents.map(d => d.toJS() as Entity));
      if (!entityRef) throw new InputError(`${shown} contains no entities`);

      const credentials = await ctx.getInitiatorCredentials();
      const deadline = Date.now() + (ctx.input.timeoutSeconds ?? 60) * 1000;
      for (;;) {
        const { items } = await options.catalog.getEntitiesByRefs(
          { entityRefs: [entityRef] },
          { credentials },
        );
        const found = items[0];
        if (found) {
          // The same name from another location is someone else's service: the
          // catalog keeps theirs and never ingests ours, so waiting cannot help.
          if (locationFile(found) !== path.resolve(file)) {
            throw new ConflictError(
              `${entityRef} already exists in the catalog from ${
                found.metadata.annotations?.[ANNOTATION_LOCATION] ??
                'another location'
              }, so the catalog will not take it from the new repository; choose another name (the new repository is left in place)`,
            );
          }
          break;
        }
        if (Date.now() > deadline) {
          throw new Error(
            `${entityRef} did not appear in the catalog within ${
              ctx.input.timeoutSeconds ?? 60
            } s; is the catalog module @fastapi-golden-path/plugin-catalog-backend-module-fastapi-local installed?`,
          );
        }
        await sleep(POLL_MS, undefined, { signal: ctx.signal });
      }
      ctx.logger.info(`The catalog has ${entityRef} from ${shown}`);
      ctx.output('entityRef', entityRef);
      ctx.output('catalogInfoUrl', file);
    },
  });
}
