import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CHECKLIST_ANNOTATION,
  ChecklistOptions,
  EntityChecklist,
  TEMPLATE_ANNOTATION,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { analyzeRepository } from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import pLimit from 'p-limit';
import type {
  ChecklistStore,
  StoredChecklist,
} from '../database/ChecklistStore';
import { readEntitySource } from './readSource';

export type ChecklistServiceOptions = {
  catalog: CatalogService;
  auth: AuthService;
  urlReader: UrlReaderService;
  store: ChecklistStore;
  logger: LoggerService;
  checklist: ChecklistOptions;
  localRoot?: string;
  historyLimit: number;
  concurrency: number;
};

/** Catalog filter for entities that asked for the checklist. */
export const CHECKLIST_FILTER = {
  [`metadata.annotations.${CHECKLIST_ANNOTATION}`]: 'enabled',
};

export { isChecklistEnabled } from '@fastapi-golden-path/plugin-fastapi-checklist-common';

export function toEntityChecklist(
  entity: Entity,
  stored: StoredChecklist,
): EntityChecklist {
  return {
    entityRef: stored.entityRef,
    status: stored.status,
    error: stored.error,
    evaluatedAt: stored.evaluatedAt,
    result: stored.result,
    template: entity.metadata.annotations?.[TEMPLATE_ANNOTATION],
  };
}

/** Evaluates, stores and refreshes checklists. HTTP lives in the router, storage in the store. */
export class ChecklistService {
  constructor(private readonly options: ChecklistServiceOptions) {}

  /** The entity as the caller may see it, or undefined (missing or not permitted). */
  async entityFor(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity | undefined> {
    return this.options.catalog.getEntityByRef(entityRef, { credentials });
  }

  /** The stored result, evaluating first when there is none. */
  async latest(entity: Entity): Promise<StoredChecklist> {
    const stored = await this.options.store.get(stringifyEntityRef(entity));
    return stored ?? this.evaluate(entity);
  }

  /**
   * Reads the entity's repository (passing the stored etag) and analyses it when it
   * changed. Failures are stored as `error` results with their reason.
   */
  async evaluate(entity: Entity): Promise<StoredChecklist> {
    const { store, urlReader, localRoot, checklist, historyLimit, logger } =
      this.options;
    const entityRef = stringifyEntityRef(entity);
    const previous = await store.get(entityRef);
    const evaluatedAt = new Date().toISOString();
    let record: StoredChecklist;
    try {
      const source = await readEntitySource({
        entity,
        urlReader,
        localRoot,
        etag: previous?.etag,
      });
      if (!source.changed && previous) {
        await store.touch(entityRef, evaluatedAt);
        return { ...previous, evaluatedAt };
      }
      if (!source.changed)
        throw new Error('the source reported no change but nothing is stored');
      const result = await analyzeRepository(source.tree, checklist);
      record = {
        entityRef,
        etag: source.etag,
        status: 'ok',
        result,
        evaluatedAt,
      };
    } catch (error) {
      logger.warn(
        `Checklist of ${entityRef} failed: ${(error as Error).message}`,
      );
      record = {
        entityRef,
        status: 'error',
        error: (error as Error).message,
        evaluatedAt,
      };
    }
    await store.save(record, historyLimit);
    return record;
  }

  /** Re-evaluates every checklist-enabled entity, a few at a time; one failure never stops the run. */
  async refreshAll(): Promise<{ evaluated: number; errors: number }> {
    const { catalog, auth, concurrency, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      { filter: CHECKLIST_FILTER },
      { credentials },
    );
    const limit = pLimit(concurrency);
    const results = await Promise.all(
      items.map(entity => limit(() => this.evaluate(entity))),
    );
    const errors = results.filter(r => r.status === 'error').length;
    logger.info(
      `Checklist refresh: ${results.length} entities, ${errors} errors`,
    );
    return { evaluated: results.length, errors };
  }
}
