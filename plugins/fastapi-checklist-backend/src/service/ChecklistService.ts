import type {
  AuthService,
  BackstageCredentials,
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  applyWaivers,
  CHECKLIST_ANNOTATION,
  CHECKLIST_ENABLED,
  CHECKLIST_ENABLED_FILTER,
  ChecklistHistoryEntry,
  ChecklistLevel,
  ChecklistOptions,
  computeLevel,
  ChecklistSummary,
  EntityChecklist,
  isChecklistEnabled,
  SummaryQuery,
  TEMPLATE_ANNOTATION,
  utcDay,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { fixableChecks } from '../fix/fixableChecks';
import type {
  ChecklistStore,
  StoredChecklist,
} from '../database/ChecklistStore';
import { evaluateEntity, EvaluateEntityOptions } from './evaluateEntity';
import { EvaluationCoordinator } from './EvaluationCoordinator';
import { RefreshTooSoonError } from './RefreshTooSoonError';
import type { ReadableEntities } from './checklistEntities';
import { buildSummary } from './summary';
import { SummaryCache } from './SummaryCache';
import { SummaryFigures, summaryFiguresOf } from './summaryFigures';
import type { CheckStates } from '../database/checkStates';

export type ChecklistServiceOptions = {
  catalog: CatalogService;
  auth: AuthService;
  urlReader: UrlReaderService;
  store: ChecklistStore;
  logger: LoggerService;
  checklist: ChecklistOptions;
  /** The levels of readiness (fastapiChecklist.levels), lowest first. */
  levels: readonly ChecklistLevel[];
  /** The local repositories root (absolute), when the local target is configured. */
  localRoot?: string;
  historyLimit: number;
  concurrency: number;
  /** How long a claim on an evaluation lasts unless renewed (ms). */
  claimTimeout: number;
  /** Shortest time between two evaluations asked for by refresh() (ms). */
  minRefreshInterval: number;
} & Pick<EvaluateEntityOptions, 'analyzer' | 'limits' | 'now'>;

/**
 * The stored evaluation as the API shows it today: waivers applied as of today (one
 * that expired since the evaluation no longer counts, though the repository did not
 * change), the level it reaches.
 */
function toEntityChecklist(
  entity: Entity,
  stored: StoredChecklist,
  minRefreshInterval: number,
  levels: readonly ChecklistLevel[],
  today: string,
): EntityChecklist {
  const result = stored.result && applyWaivers(stored.result, today);
  return {
    entityRef: stored.entityRef,
    status: stored.status,
    error: stored.error,
    evaluatedAt: stored.evaluatedAt,
    refreshAvailableAt: new Date(
      Date.parse(stored.evaluatedAt) + minRefreshInterval,
    ).toISOString(),
    result,
    ...(result && { level: computeLevel(result.items, levels) }),
    template: entity.metadata.annotations?.[TEMPLATE_ANNOTATION],
    ...(result && { fixable: fixableChecks(result.items) }),
  };
}

/** Evaluates, stores and refreshes checklists. HTTP lives in the router, storage in the store. */
export class ChecklistService {
  private readonly coordinator: EvaluationCoordinator;
  private readonly summaries: SummaryCache;
  /** Figures by check states for one day, kept across summaries while the day lasts. */
  private figures?: {
    today: string;
    of: (states: CheckStates) => SummaryFigures;
  };

  constructor(private readonly options: ChecklistServiceOptions) {
    const { store, logger, concurrency, claimTimeout, historyLimit } = options;
    this.summaries = new SummaryCache(store);
    this.coordinator = new EvaluationCoordinator({
      store,
      logger,
      concurrency,
      claimTimeout,
      historyLimit,
      evaluate: (entity, previous) => evaluateEntity(entity, previous, options),
      loadEntities: refs => this.loadEnabledEntities(refs),
    });
  }

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
    return this.shown(entity, stored ?? (await this.evaluate(entity)));
  }

  private shown(entity: Entity, stored: StoredChecklist): EntityChecklist {
    const { minRefreshInterval, levels } = this.options;
    return toEntityChecklist(
      entity,
      stored,
      minRefreshInterval,
      levels,
      this.today(),
    );
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** The UTC day waivers are applied on. */
  private today(): string {
    return utcDay(this.now());
  }

  /**
   * Evaluates now (a no-op read when the repository is unchanged); concurrent re-checks
   * share one evaluation. Within `minRefreshInterval` of the last evaluation it refuses
   * with {@link RefreshTooSoonError} rather than answer with a result that may predate
   * the change the caller wants to see.
   */
  async refresh(entity: Entity): Promise<EntityChecklist> {
    const entityRef = stringifyEntityRef(entity);
    const { store, minRefreshInterval } = this.options;
    const stored = await store.get(entityRef);
    const wait = stored
      ? Date.parse(stored.evaluatedAt) +
        minRefreshInterval -
        this.now().getTime()
      : 0;
    if (wait > 0) throw new RefreshTooSoonError(entityRef, wait);
    return this.shown(entity, await this.evaluate(entity));
  }

  /** Past evaluations of the entity, newest first. */
  async history(entity: Entity): Promise<ChecklistHistoryEntry[]> {
    return this.options.store.history(stringifyEntityRef(entity));
  }

  /**
   * The org-wide view over every entity the caller may read. The stored results come
   * from this replica's SummaryCache (current as of the request, whatever replica saved
   * them); the catalog listing and the read permission are asked per request, with the
   * caller's credentials, so one caller's view is never another's.
   */
  async summary(
    query: SummaryQuery,
    credentials: BackstageCredentials,
    readable: ReadableEntities,
  ): Promise<ChecklistSummary> {
    const { catalog, levels } = this.options;
    return buildSummary({
      catalog,
      stored: () => this.summaries.summaries(),
      credentials,
      query,
      readable,
      levels,
      figuresOf: this.figuresOf(),
    });
  }

  /**
   * Figures for today: kept while the day lasts, so the cache's shared check states are
   * worked out once, not once per request.
   */
  private figuresOf(): (states: CheckStates) => SummaryFigures {
    const today = this.today();
    if (this.figures?.today !== today) {
      this.figures = {
        today,
        of: summaryFiguresOf(this.options.levels, today),
      };
    }
    return this.figures.of;
  }

  /**
   * Evaluates the entity, once at a time across the cluster (see EvaluationCoordinator).
   * Failures are stored as `error` results with their reason.
   */
  async evaluate(entity: Entity): Promise<StoredChecklist> {
    return this.coordinator.evaluate(entity);
  }

  /**
   * The scheduled refresh (once across all replicas): queues every checklist-enabled
   * entity, then takes its share of the queue; other replicas take theirs.
   */
  async refreshAll(
    signal?: AbortSignal,
  ): Promise<{ queued: number; evaluated: number }> {
    const refs = await this.enabledEntityRefs();
    const queued = await this.options.store.enqueue(refs, Date.now());
    this.options.logger.info(
      `Checklist refresh: queued ${queued} of ${refs.length} entities`,
    );
    return { queued, evaluated: await this.coordinator.drainQueue(signal) };
  }

  /** Queues and evaluates the checklist-enabled entities that were never evaluated. */
  async evaluateNewEntities(signal?: AbortSignal): Promise<number> {
    const queued = await this.options.store.enqueueUnevaluated(
      await this.enabledEntityRefs(),
      Date.now(),
    );
    if (queued) {
      this.options.logger.info(
        `Checklist: ${queued} new entities queued for evaluation`,
      );
    }
    return queued ? this.coordinator.drainQueue(signal) : 0;
  }

  /** Evaluates what is queued and this replica may claim (its share of a refresh). */
  async evaluateQueued(signal?: AbortSignal): Promise<number> {
    return this.coordinator.drainQueue(signal);
  }

  private async enabledEntityRefs(): Promise<string[]> {
    const { catalog, auth } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: { ...CHECKLIST_ENABLED_FILTER },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return items.map(entity => stringifyEntityRef(entity));
  }

  private async loadEnabledEntities(
    entityRefs: string[],
  ): Promise<Map<string, Entity>> {
    const { catalog, auth } = this.options;
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const found = new Map<string, Entity>();
    items.forEach((entity, index) => {
      if (entity && isChecklistEnabled(entity))
        found.set(entityRefs[index], entity);
    });
    return found;
  }
}
