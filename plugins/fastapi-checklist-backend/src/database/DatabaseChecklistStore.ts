import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type {
  ChecklistHistoryEntry,
  ChecklistResult,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Knex } from 'knex';
import {
  checkStatesOf,
  CheckStates,
  decodeCheckStates,
  encodeCheckStates,
} from './checkStates';
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
/** From this many refs on, the summary reads the whole table instead of sending them. */
const WHOLE_TABLE_FROM = 1_000;
/** Rows per multi-row insert (eleven columns each: 550 parameters, within SQLite's oldest limit of 999). */
const WRITE_CHUNK = 50;

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
  /** The result's CheckStates, encoded (null when an older version saved the row). */
  checks: string | null;
  evaluated_at: string;
  evaluations: number;
};

/** The columns the summary reads, in the order summaryRows aggregates them. */
const SUMMARY_COLUMNS = [
  'entity_ref',
  'status',
  'score',
  'previous_score',
  'failing',
  'evaluated_at',
  'evaluations',
  'checks',
] as const;

/** What the summary reads of a result row, `failing` and `checks` decoded (null: an older row). */
type SummaryRow = Pick<
  ResultRow,
  | 'entity_ref'
  | 'status'
  | 'score'
  | 'previous_score'
  | 'evaluated_at'
  | 'evaluations'
> & { failing: string[] | null; checks: CheckStates | null };

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

/** The failing checks of a result stored as JSON (a row an older version saved). */
function failingOfStoredResult(result: string | null): string[] {
  return failingIds(result ? JSON.parse(result) : undefined);
}

function storedFailing(row: Pick<ResultRow, 'failing' | 'result'>): string[] {
  if (row.failing !== null) return JSON.parse(row.failing);
  return failingOfStoredResult(row.result);
}

/** The check states of a result stored as JSON (a row an older version saved). */
function checkStatesOfStoredResult(result: string | null): CheckStates {
  return checkStatesOf(result ? JSON.parse(result) : undefined);
}

/** A row's check states in the current encoding (a row may hold an older one). */
function storedChecks(row: Pick<ResultRow, 'checks' | 'result'>): string {
  return encodeCheckStates(
    row.checks !== null
      ? decodeCheckStates(row.checks)
      : checkStatesOfStoredResult(row.result),
  );
}

/**
 * Parses each distinct text once: few distinct sets of failing checks and of check
 * states among many services. The values are shared and read only (the summary caches
 * what it works out of a check states object by its identity). Rows written together
 * often share them, so the previous text is compared before the map is searched.
 */
function sharedValues<T>(parse: (text: string) => T): (text: string) => T {
  const parsed = new Map<string, T>();
  let lastText: string | undefined;
  let lastValue: T | undefined;
  return text => {
    if (text === lastText) return lastValue as T;
    let value = parsed.get(text);
    if (value === undefined) {
      value = parse(text);
      parsed.set(text, value);
    }
    lastText = text;
    lastValue = value;
    return value;
  };
}

/** A summary row as the store's callers see it, its failing checks and states resolved. */
function toStoredSummary(
  row: SummaryRow,
  failing: string[],
  checks: CheckStates,
): StoredSummary {
  return {
    entityRef: row.entity_ref,
    status: row.status as StoredSummary['status'],
    score: row.score,
    previousScore: row.previous_score,
    failing,
    checks,
    evaluatedAt: row.evaluated_at,
    evaluations: row.evaluations,
  };
}

/**
 * Whether a new evaluation says what the stored row already says (then no history
 * entry, and only its time moves): the same source version, status, error, score,
 * failing checks and check states (so a waiver that expired is written).
 */
function sameOutcome(row: ResultRow, record: StoredChecklist): boolean {
  return (
    (row.etag ?? undefined) === record.etag &&
    row.status === record.status &&
    (row.error ?? undefined) === record.error &&
    (row.score ?? undefined) === record.result?.score &&
    storedFailing(row).join(',') === failingIds(record.result).join(',') &&
    storedChecks(row) === encodeCheckStates(checkStatesOf(record.result))
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

  async getMany(entityRefs: string[]): Promise<Map<string, StoredChecklist>> {
    const found = new Map<string, StoredChecklist>();
    for (let i = 0; i < entityRefs.length; i += CHUNK) {
      const rows: ResultRow[] = await this.whereRefs(
        this.knex<ResultRow>('checklist_results'),
        entityRefs.slice(i, i + CHUNK),
      ).select();
      for (const row of rows) found.set(row.entity_ref, fromRow(row));
    }
    return found;
  }

  async getSummaries(
    entityRefs: string[],
  ): Promise<Map<string, StoredSummary>> {
    const found = new Map<string, StoredSummary>();
    // Many refs (an org-wide summary): the whole table in one scan, kept to the refs
    // here, costs less than sending the refs. Otherwise PostgreSQL takes every ref as one
    // array parameter, SQLite chunks of bindings.
    if (entityRefs.length > WHOLE_TABLE_FROM) {
      const wanted = new Set(entityRefs);
      for (const [ref, summary] of await this.getAllSummaries()) {
        if (wanted.has(ref)) found.set(ref, summary);
      }
      return found;
    }
    const chunk = this.isPostgres ? Math.max(entityRefs.length, 1) : CHUNK;
    for (let i = 0; i < entityRefs.length; i += chunk) {
      await this.summariesOf(
        this.whereRefs(
          this.knex<ResultRow>('checklist_results'),
          entityRefs.slice(i, i + chunk),
        ),
        found,
      );
    }
    return found;
  }

  async getAllSummaries(): Promise<Map<string, StoredSummary>> {
    const found = new Map<string, StoredSummary>();
    await this.summariesOf(this.knex<ResultRow>('checklist_results'), found);
    return found;
  }

  async summaryGeneration(): Promise<string> {
    const row = await this.knex('checklist_summary_generation')
      .where({ id: 1 })
      .first('generation');
    if (!row) throw new Error('checklist_summary_generation has no row');
    return String(row.generation);
  }

  /** Adds the summaries of the matching rows to `found`. */
  private async summariesOf(
    matching: Knex.QueryBuilder<ResultRow>,
    found: Map<string, StoredSummary>,
  ): Promise<void> {
    // A replica of an older version (mid rolling deploy) saves results without the
    // columns: those few are read from their result.
    const unsummarised: SummaryRow[] = [];
    for (const row of await this.summaryRows(matching)) {
      if (row.failing === null || row.checks === null) {
        unsummarised.push(row);
        continue;
      }
      found.set(row.entity_ref, toStoredSummary(row, row.failing, row.checks));
    }
    if (!unsummarised.length) return;
    const results = new Map<string, string | null>(
      (
        await this.knex<ResultRow>('checklist_results')
          .whereIn(
            'entity_ref',
            unsummarised.map(row => row.entity_ref),
          )
          .select('entity_ref', 'result')
      ).map(row => [row.entity_ref, row.result]),
    );
    for (const row of unsummarised) {
      const result = results.get(row.entity_ref) ?? null;
      found.set(
        row.entity_ref,
        toStoredSummary(
          row,
          row.failing ?? failingOfStoredResult(result),
          row.checks ?? checkStatesOfStoredResult(result),
        ),
      );
    }
  }

  /**
   * The summary columns of the matching rows, aggregated by the database into one text
   * of tab-separated lines: at 10,000 entities the driver decoding 80,000 fields cost
   * more than the query, and building JSON in PostgreSQL twice what this costs. (Grouping
   * the rows by their shared failing checks and states instead halves the work when
   * thousands of services share one result, and doubles PostgreSQL's when most results
   * differ: measured, so not done.) Every value is the plugin's own (entity refs,
   * statuses, numbers, ISO times, JSON arrays of check ids, encoded check states), none
   * holds a tab or a line break; an empty field is NULL.
   */
  private async summaryRows(
    matching: Knex.QueryBuilder<ResultRow>,
  ): Promise<SummaryRow[]> {
    const [aggregate, character] = this.isPostgres
      ? ['string_agg', 'chr']
      : ['group_concat', 'char'];
    const fields = SUMMARY_COLUMNS.map(
      column => `coalesce(CAST(${column} AS text), '')`,
    ).join(` || ${character}(9) || `);
    const [{ lines }]: { lines: string | null }[] = await matching.select(
      this.knex.raw(`${aggregate}(${fields}, ${character}(10)) AS lines`),
    );
    if (!lines) return [];
    const failingOf = sharedValues<string[]>(JSON.parse);
    const checksOf = sharedValues(decodeCheckStates);
    return lines.split('\n').map(line => {
      const [
        ref,
        status,
        score,
        previous,
        failing,
        evaluatedAt,
        evaluations,
        checks,
      ] = line.split('\t');
      if (checks === undefined)
        throw new Error(`Unexpected summary row for ${ref}`);
      return {
        entity_ref: ref,
        status,
        score: score === '' ? null : Number(score),
        previous_score: previous === '' ? null : Number(previous),
        failing: failing === '' ? null : failingOf(failing),
        evaluated_at: evaluatedAt,
        evaluations: Number(evaluations),
        checks: checks === '' ? null : checksOf(checks),
      };
    });
  }

  async save(record: StoredChecklist, historyLimit: number): Promise<void> {
    await this.knex.transaction(tx => this.saveIn(tx, [record], historyLimit));
  }

  /** The stored rows of these entities, without the result body where it is not needed. */
  private async rowsBefore(
    tx: Knex.Transaction,
    entityRefs: string[],
  ): Promise<Map<string, ResultRow>> {
    const rows = new Map<string, ResultRow>();
    for (let i = 0; i < entityRefs.length; i += CHUNK) {
      const found: ResultRow[] = await this.whereRefs(
        tx<ResultRow>('checklist_results'),
        entityRefs.slice(i, i + CHUNK),
      ).select(
        'entity_ref',
        'etag',
        'score',
        'status',
        'error',
        'failing',
        'checks',
        'evaluations',
        // Only a row saved by an older version (no `failing` or `checks`) needs its
        // result read.
        tx.raw(
          'CASE WHEN failing IS NULL OR checks IS NULL THEN result ELSE NULL END AS result',
        ),
      );
      for (const row of found) rows.set(row.entity_ref, row);
    }
    return rows;
  }

  /** `entity_ref` among these refs: one array parameter on PostgreSQL, a list on SQLite. */
  private whereRefs<T extends {}>(
    query: Knex.QueryBuilder<T>,
    entityRefs: string[],
  ): Knex.QueryBuilder<T> {
    return this.isPostgres
      ? query.whereRaw('entity_ref = ANY(?)', [entityRefs])
      : query.whereIn('entity_ref', entityRefs);
  }

  /**
   * Saves evaluations as the latest results. Those that say what their row already says
   * only move its time, together in one statement per evaluation time; the others are
   * written with a history entry each.
   */
  private async saveIn(
    tx: Knex.Transaction,
    records: StoredChecklist[],
    historyLimit: number,
  ): Promise<void> {
    const before = await this.rowsBefore(
      tx,
      records.map(record => record.entityRef),
    );
    const unchangedAt = new Map<string, string[]>();
    const changed: StoredChecklist[] = [];
    for (const record of records) {
      const row = before.get(record.entityRef);
      if (row && sameOutcome(row, record)) {
        const refs = unchangedAt.get(record.evaluatedAt) ?? [];
        refs.push(record.entityRef);
        unchangedAt.set(record.evaluatedAt, refs);
      } else {
        changed.push(record);
      }
    }
    await this.writeChanged(tx, changed, before, historyLimit);
    for (const [evaluatedAt, refs] of unchangedAt) {
      for (let i = 0; i < refs.length; i += CHUNK) {
        await this.whereRefs(
          tx('checklist_results'),
          refs.slice(i, i + CHUNK),
        ).update({
          evaluated_at: evaluatedAt,
          evaluations: tx.raw('?? + 1', ['evaluations']),
        });
      }
    }
  }

  /**
   * Writes changed results and appends each to its entity's bounded history: three
   * statements per chunk of entities, not per entity.
   */
  private async writeChanged(
    tx: Knex.Transaction,
    records: StoredChecklist[],
    before: Map<string, ResultRow>,
    historyLimit: number,
  ): Promise<void> {
    for (let i = 0; i < records.length; i += WRITE_CHUNK) {
      const chunk = records.slice(i, i + WRITE_CHUNK);
      await tx('checklist_results')
        .insert(
          chunk.map(record => {
            const row = before.get(record.entityRef);
            return {
              entity_ref: record.entityRef,
              etag: record.etag ?? null,
              score: record.result?.score ?? null,
              previous_score: row ? row.score : null,
              status: record.status,
              error: record.error ?? null,
              result: record.result ? JSON.stringify(record.result) : null,
              failing: JSON.stringify(failingIds(record.result)),
              checks: encodeCheckStates(checkStatesOf(record.result)),
              evaluated_at: record.evaluatedAt,
              evaluations: Number(row?.evaluations ?? 0) + 1,
            };
          }),
        )
        .onConflict('entity_ref')
        .merge();
      await tx('checklist_history').insert(
        chunk.map(record => ({
          entity_ref: record.entityRef,
          score: record.result?.score ?? null,
          failing: JSON.stringify(failingIds(record.result)),
          status: record.status,
          evaluated_at: record.evaluatedAt,
        })),
      );
      // Per entity, the newest entry past the limit and everything older goes: a cutoff
      // id from a correlated scalar subquery (SQLite and PostgreSQL alike).
      await this.whereRefs(
        tx('checklist_history'),
        chunk.map(record => record.entityRef),
      )
        .andWhere(
          'id',
          '<=',
          tx('checklist_history as newer')
            .whereRaw('newer.entity_ref = checklist_history.entity_ref')
            .orderBy('newer.id', 'desc')
            .offset(historyLimit)
            .limit(1)
            .select('newer.id'),
        )
        .delete();
    }
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
    if (this.isPostgres) {
      // One statement with the refs as one array: the sweep runs every few seconds over
      // the whole catalog, and IN lists of 500 parameters cost the database more to plan
      // than to run (measured: ~4 ms per list, 40 lists per sweep at 10,000 entities).
      return this.knex.transaction(async tx => {
        const { rows: queued } = await tx.raw(
          `INSERT INTO checklist_queue (entity_ref, queued_at)
           SELECT candidate.ref, ? FROM unnest(?::text[]) AS candidate(ref)
           WHERE NOT EXISTS (
             SELECT 1 FROM checklist_results result WHERE result.entity_ref = candidate.ref
           )
           ON CONFLICT (entity_ref) DO NOTHING
           RETURNING entity_ref`,
          [now, entityRefs],
        );
        if (!queued.length) return 0;
        // The statement read the results as they were when it began (READ COMMITTED). An
        // evaluation completing meanwhile removed its queue entry and saved its result:
        // the insert found no entry to conflict with, and would queue the entity a second
        // time. This statement sees that result, and takes such entries back.
        const { rows: evaluated } = await tx.raw(
          `DELETE FROM checklist_queue queued USING checklist_results result
           WHERE queued.entity_ref = result.entity_ref
             AND queued.entity_ref = ANY(?::text[])
           RETURNING queued.entity_ref`,
          [queued.map((row: { entity_ref: string }) => row.entity_ref)],
        );
        return queued.length - evaluated.length;
      });
    }
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

  /**
   * PostgreSQL: this transaction's commit returns before its WAL reaches the disk (about
   * 8 ms per commit on this machine's disk, hundreds of commits per refresh). A database
   * crash can lose the last fraction of a second of such commits, and then loses them
   * whole: a claim is simply free again, a completion's result and its queue entry's
   * removal both go, so the entity is evaluated again. Nothing else is relaxed.
   */
  private async withoutWaitingForDisk(tx: Knex.Transaction): Promise<void> {
    if (this.isPostgres) await tx.raw('SET LOCAL synchronous_commit TO OFF');
  }

  async claimQueued(
    claim: EvaluationClaim,
    limit: number,
    now: number,
  ): Promise<string[]> {
    return this.knex.transaction(async tx => {
      await this.withoutWaitingForDisk(tx);
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
        await this.whereRefs(tx('checklist_queue'), refs).update({
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
      await this.whereRefs(
        this.knex('checklist_queue'),
        entityRefs.slice(i, i + CHUNK),
      )
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
    const held = await this.completeMany([record], owner, historyLimit);
    return held.has(record.entityRef);
  }

  /** Drops the queue entries of these refs that `owner` holds; returns their refs. */
  private async releaseHeld(
    tx: Knex.Transaction,
    entityRefs: string[],
    owner: string,
  ): Promise<string[]> {
    const held = () =>
      this.whereRefs(tx('checklist_queue'), entityRefs).andWhere({
        claimed_by: owner,
      });
    if (this.isPostgres) {
      const rows: { entity_ref: string }[] = await held()
        .delete()
        .returning('entity_ref');
      return rows.map(row => row.entity_ref);
    }
    // SQLite's transaction holds the database: what it reads here is what it deletes.
    const rows: { entity_ref: string }[] = await held().select('entity_ref');
    await held().delete();
    return rows.map(row => row.entity_ref);
  }

  async completeMany(
    records: StoredChecklist[],
    owner: string,
    historyLimit: number,
  ): Promise<Set<string>> {
    const held = new Set<string>();
    if (!records.length) return held;
    await this.knex.transaction(async tx => {
      await this.withoutWaitingForDisk(tx);
      const refs = records.map(record => record.entityRef);
      for (let i = 0; i < refs.length; i += CHUNK) {
        const chunk = refs.slice(i, i + CHUNK);
        for (const ref of await this.releaseHeld(tx, chunk, owner))
          held.add(ref);
      }
      await this.saveIn(
        tx,
        records.filter(record => held.has(record.entityRef)),
        historyLimit,
      );
    });
    return held;
  }
}
