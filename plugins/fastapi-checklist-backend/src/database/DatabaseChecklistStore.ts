import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type {
  ChecklistHistoryEntry,
  ChecklistResult,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Knex } from 'knex';
import type {
  ChecklistStore,
  EvaluationClaim,
  StoredChecklist,
  StoredSummary,
} from './ChecklistStore';

const MIGRATIONS = resolvePackagePath(
  '@fastapi-golden-path/plugin-fastapi-checklist-backend',
  'migrations',
);

/** Bound parameters per query: SQLite's limit is the lowest of the supported databases. */
const CHUNK = 500;

type ResultRow = {
  entity_ref: string;
  etag: string | null;
  score: number | null;
  previous_score: number | null;
  status: string;
  error: string | null;
  result: string | null;
  /** JSON array of the failing check ids (null when an older version saved the row). */
  failing: string | null;
  evaluated_at: string;
  evaluations: number;
};

type HistoryRow = {
  id: number;
  entity_ref: string;
  score: number | null;
  failing: string;
  status: string;
  evaluated_at: string;
};

type QueueRow = {
  entity_ref: string;
  queued_at: number | string;
  claimed_by: string | null;
  claim_expires_at: number | string | null;
};

function fromRow(row: ResultRow): StoredChecklist {
  return {
    entityRef: row.entity_ref,
    etag: row.etag ?? undefined,
    status: row.status as StoredChecklist['status'],
    error: row.error ?? undefined,
    result: row.result ? JSON.parse(row.result) : undefined,
    evaluatedAt: row.evaluated_at,
    previousScore: row.previous_score,
    evaluations: Number(row.evaluations),
  };
}

function failingIds(result: ChecklistResult | undefined): string[] {
  return result?.items.filter(i => i.status === 'fail').map(i => i.id) ?? [];
}

function storedFailing(row: Pick<ResultRow, 'failing' | 'result'>): string[] {
  if (row.failing !== null) return JSON.parse(row.failing);
  return failingIds(row.result ? JSON.parse(row.result) : undefined);
}

/** Whether a new evaluation says what the stored row already says (then no history entry). */
function sameOutcome(row: ResultRow, record: StoredChecklist): boolean {
  return (
    (row.etag ?? undefined) === record.etag &&
    row.status === record.status &&
    (row.error ?? undefined) === record.error &&
    (row.score ?? undefined) === record.result?.score &&
    storedFailing(row).join(',') === failingIds(record.result).join(',')
  );
}

/** A claim may be taken when nobody holds the entity or the holder's claim has expired. */
function claimable(now: number) {
  return (query: Knex.QueryBuilder) =>
    query
      .whereNull('checklist_queue.claimed_by')
      .orWhere('checklist_queue.claim_expires_at', '<', now);
}

/** The {@link ChecklistStore} in the plugin's own database (knex: SQLite, PostgreSQL). */
export class DatabaseChecklistStore implements ChecklistStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<DatabaseChecklistStore> {
    const knex = await options.database.getClient();
    if (!options.database.migrations?.skip) {
      await knex.migrate.latest({ directory: MIGRATIONS });
    }
    return new DatabaseChecklistStore(knex);
  }

  private readonly isPostgres: boolean;

  private constructor(private readonly knex: Knex) {
    this.isPostgres = knex.client.config.client === 'pg';
  }

  async get(entityRef: string): Promise<StoredChecklist | undefined> {
    const row = await this.knex<ResultRow>('checklist_results')
      .where({ entity_ref: entityRef })
      .first();
    return row ? fromRow(row) : undefined;
  }

  async getSummaries(
    entityRefs: string[],
  ): Promise<Map<string, StoredSummary>> {
    const found = new Map<string, StoredSummary>();
    // PostgreSQL takes every ref as one array parameter; SQLite in chunks of bindings.
    const chunk = this.isPostgres ? Math.max(entityRefs.length, 1) : CHUNK;
    for (let i = 0; i < entityRefs.length; i += chunk) {
      const refs = entityRefs.slice(i, i + chunk);
      const matching = this.isPostgres
        ? this.knex<ResultRow>('checklist_results').whereRaw(
            'entity_ref = ANY(?)',
            [refs],
          )
        : this.knex<ResultRow>('checklist_results').whereIn('entity_ref', refs);
      const rows: Pick<
        ResultRow,
        | 'entity_ref'
        | 'status'
        | 'score'
        | 'previous_score'
        | 'failing'
        | 'evaluated_at'
        | 'evaluations'
      >[] = await matching.select(
        'entity_ref',
        'status',
        'score',
        'previous_score',
        'failing',
        'evaluated_at',
        'evaluations',
      );
      // A replica of an older version (mid rolling deploy) saves results without the
      // column: those few are read from their result.
      const unsummarised = rows.filter(row => row.failing === null);
      const results = new Map<string, string | null>(
        unsummarised.length
          ? (
              await this.knex<ResultRow>('checklist_results')
                .whereIn(
                  'entity_ref',
                  unsummarised.map(row => row.entity_ref),
                )
                .select('entity_ref', 'result')
            ).map(row => [row.entity_ref, row.result])
          : [],
      );
      for (const row of rows) {
        found.set(row.entity_ref, {
          entityRef: row.entity_ref,
          status: row.status as StoredSummary['status'],
          score: row.score,
          previousScore: row.previous_score,
          failing: storedFailing({
            failing: row.failing,
            result: results.get(row.entity_ref) ?? null,
          }),
          evaluatedAt: row.evaluated_at,
          evaluations: Number(row.evaluations),
        });
      }
    }
    return found;
  }

  async save(record: StoredChecklist, historyLimit: number): Promise<void> {
    await this.knex.transaction(tx => this.saveIn(tx, record, historyLimit));
  }

  private async saveIn(
    tx: Knex.Transaction,
    record: StoredChecklist,
    historyLimit: number,
  ): Promise<void> {
    // Everything but the result body, which only a row saved by an older version needs.
    const before: ResultRow | undefined = await tx<ResultRow>(
      'checklist_results',
    )
      .where({ entity_ref: record.entityRef })
      .first(
        'entity_ref',
        'etag',
        'score',
        'status',
        'error',
        'failing',
        'evaluations',
        tx.raw('CASE WHEN failing IS NULL THEN result ELSE NULL END AS result'),
      );
    if (before && sameOutcome(before, record)) {
      await tx('checklist_results')
        .where({ entity_ref: record.entityRef })
        .update({
          evaluated_at: record.evaluatedAt,
          evaluations: tx.raw('?? + 1', ['evaluations']),
        });
      return;
    }
    await tx('checklist_results')
      .insert({
        entity_ref: record.entityRef,
        etag: record.etag ?? null,
        score: record.result?.score ?? null,
        previous_score: before ? before.score : null,
        status: record.status,
        error: record.error ?? null,
        result: record.result ? JSON.stringify(record.result) : null,
        failing: JSON.stringify(failingIds(record.result)),
        evaluated_at: record.evaluatedAt,
        evaluations: Number(before?.evaluations ?? 0) + 1,
      })
      .onConflict('entity_ref')
      .merge();
    await tx('checklist_history').insert({
      entity_ref: record.entityRef,
      score: record.result?.score ?? null,
      failing: JSON.stringify(failingIds(record.result)),
      status: record.status,
      evaluated_at: record.evaluatedAt,
    });
    // The newest entry past the limit and everything older goes, in one statement: a
    // cutoff id from a scalar subquery (SQLite and PostgreSQL; no `NOT IN (… LIMIT n)`).
    await tx('checklist_history')
      .where({ entity_ref: record.entityRef })
      .andWhere(
        'id',
        '<=',
        tx('checklist_history')
          .where({ entity_ref: record.entityRef })
          .orderBy('id', 'desc')
          .offset(historyLimit)
          .limit(1)
          .select('id'),
      )
      .delete();
  }

  async history(entityRef: string): Promise<ChecklistHistoryEntry[]> {
    const rows = await this.knex<HistoryRow>('checklist_history')
      .where({ entity_ref: entityRef })
      .orderBy('id', 'desc');
    return rows.map(row => ({
      evaluatedAt: row.evaluated_at,
      status: row.status as ChecklistHistoryEntry['status'],
      score: row.score,
      failing: JSON.parse(row.failing),
    }));
  }

  async enqueue(entityRefs: string[], now: number): Promise<number> {
    let added = 0;
    for (let i = 0; i < entityRefs.length; i += CHUNK) {
      const rows = await this.knex('checklist_queue')
        .insert(
          entityRefs
            .slice(i, i + CHUNK)
            .map(entity_ref => ({ entity_ref, queued_at: now })),
        )
        .onConflict('entity_ref')
        .ignore()
        .returning('entity_ref');
      added += rows.length;
    }
    return added;
  }

  async enqueueUnevaluated(entityRefs: string[], now: number): Promise<number> {
    const known = new Set<string>();
    for (let i = 0; i < entityRefs.length; i += CHUNK) {
      const chunk = entityRefs.slice(i, i + CHUNK);
      const [evaluated, queued] = await Promise.all([
        this.knex('checklist_results')
          .whereIn('entity_ref', chunk)
          .select('entity_ref'),
        this.knex('checklist_queue')
          .whereIn('entity_ref', chunk)
          .select('entity_ref'),
      ]);
      for (const row of [...evaluated, ...queued]) known.add(row.entity_ref);
    }
    return this.enqueue(
      entityRefs.filter(ref => !known.has(ref)),
      now,
    );
  }

  async claimQueued(
    claim: EvaluationClaim,
    limit: number,
    now: number,
  ): Promise<string[]> {
    return this.knex.transaction(async tx => {
      let candidates = tx<QueueRow>('checklist_queue')
        .where(claimable(now))
        .orderBy('queued_at')
        .limit(limit)
        .select('entity_ref');
      // PostgreSQL: rows another replica is claiming right now are skipped, not waited
      // for. SQLite serialises writers, so its transaction alone is enough.
      if (this.isPostgres) candidates = candidates.forUpdate().skipLocked();
      const refs = (await candidates).map(row => row.entity_ref);
      if (refs.length) {
        await tx('checklist_queue').whereIn('entity_ref', refs).update({
          claimed_by: claim.owner,
          claim_expires_at: claim.expiresAt,
        });
      }
      return refs;
    });
  }

  async claim(
    entityRef: string,
    claim: EvaluationClaim,
    now: number,
  ): Promise<boolean> {
    // One statement: an upsert whose update only applies to a free or expired claim.
    // PostgreSQL re-checks the condition on the row it waited for, so two replicas
    // cannot both win.
    const rows = await this.knex('checklist_queue')
      .insert({
        entity_ref: entityRef,
        queued_at: now,
        claimed_by: claim.owner,
        claim_expires_at: claim.expiresAt,
      })
      .onConflict('entity_ref')
      .merge(['claimed_by', 'claim_expires_at'])
      .where(claimable(now))
      .returning('entity_ref');
    return rows.length === 1;
  }

  async claimOf(entityRef: string): Promise<EvaluationClaim | undefined> {
    const row = await this.knex<QueueRow>('checklist_queue')
      .where({ entity_ref: entityRef })
      .first();
    if (!row?.claimed_by || row.claim_expires_at === null) return undefined;
    return { owner: row.claimed_by, expiresAt: Number(row.claim_expires_at) };
  }

  async renew(entityRefs: string[], claim: EvaluationClaim): Promise<void> {
    for (let i = 0; i < entityRefs.length; i += CHUNK) {
      await this.knex('checklist_queue')
        .whereIn('entity_ref', entityRefs.slice(i, i + CHUNK))
        .andWhere({ claimed_by: claim.owner })
        .update({ claim_expires_at: claim.expiresAt });
    }
  }

  async release(entityRef: string, owner: string): Promise<void> {
    await this.knex('checklist_queue')
      .where({ entity_ref: entityRef, claimed_by: owner })
      .delete();
  }

  async complete(
    record: StoredChecklist,
    owner: string,
    historyLimit: number,
  ): Promise<boolean> {
    return this.knex.transaction(async tx => {
      const held = await tx('checklist_queue')
        .where({ entity_ref: record.entityRef, claimed_by: owner })
        .delete();
      if (held !== 1) return false;
      await this.saveIn(tx, record, historyLimit);
      return true;
    });
  }
}
