import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError, stringifyError, toError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CHECKLIST_ANNOTATION,
  CHECKLIST_ENABLED,
  CHECKLIST_ENABLED_FILTER,
  ChecklistHistoryEntry,
  ChecklistOptions,
  ChecklistSummary,
  EntityChecklist,
  isChecklistEnabled,
  SummaryQuery,
  TEMPLATE_ANNOTATION,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { analyzeRepository } from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import pLimit from 'p-limit';
import type {
  ChecklistStore,
  StoredChecklist,
} from '../database/ChecklistStore';
import { readEntitySource } from '../source/readEntitySource';
import { buildSummary } from './summary';

export type ChecklistServiceOptions = {
  catalog: CatalogService;
  auth: AuthService;
  urlReader: UrlReaderService;
  store: ChecklistStore;
  logger: LoggerService;
  checklist: ChecklistOptions;
  /** The local repositories root (absolute), when the local target is configured. */
  localRoot?: string;
  historyLimit: number;
  concurrency: number;
};

function toEntityChecklist(
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

  /**
   * The entity, as the caller may see it, when it enables the checklist. Missing,
   * not permitted and not enabled are all NotFound, so callers learn nothing more.
   */
  async enabledEntity(
    entityRef: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const entity = await this.options.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) throw new NotFoundError(`No entity ${entityRef}`);
    if (!isChecklistEnabled(entity)) {
      throw new NotFoundError(
        `${entityRef} does not enable the checklist (annotation ${CHECKLIST_ANNOTATION}: ${CHECKLIST_ENABLED})`,
      );
    }
    return entity;
  }

  /** The stored checklist, evaluating first when there is none. */
  async checklist(entity: Entity): Promise<EntityChecklist> {
    const stored = await this.options.store.get(stringifyEntityRef(entity));
    return toEntityChecklist(entity, stored ?? (await this.evaluate(entity)));
  }

  /** Evaluates now (a no-op read when the repository is unchanged). */
  async refresh(entity: Entity): Promise<EntityChecklist> {
    return toEntityChecklist(entity, await this.evaluate(entity));
  }

  /** Past evaluations of the entity, newest first. */
  async history(entity: Entity): Promise<ChecklistHistoryEntry[]> {
    return this.options.store.history(stringifyEntityRef(entity));
  }

  /** The org-wide view over every entity the caller may read. */
  async summary(
    query: SummaryQuery,
    credentials: BackstageCredentials,
  ): Promise<ChecklistSummary> {
    const { catalog, store } = this.options;
    return buildSummary({ catalog, store, credentials, query });
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
      logger.warn(`Checklist of ${entityRef} failed: ${stringifyError(error)}`);
      // The card shows the reason: the message, without the error class.
      const reason = toError(error).message;
      record = { entityRef, status: 'error', error: reason, evaluatedAt };
    }
    await store.save(record, historyLimit);
    return record;
  }

  /** Re-evaluates every checklist-enabled entity, a few at a time; one failure never stops the run. */
  async refreshAll(): Promise<{ evaluated: number; errors: number }> {
    const { catalog, auth, concurrency, logger } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntities(
      { filter: { ...CHECKLIST_ENABLED_FILTER } },
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
