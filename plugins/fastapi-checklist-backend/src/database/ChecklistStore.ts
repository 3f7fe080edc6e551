import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type {
  ChecklistHistoryEntry,
  ChecklistResult,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Knex } from 'knex';

const MIGRATIONS = resolvePackagePath(
  '@fastapi-golden-path/plugin-fastapi-checklist-backend',
  'migrations',
);

export type StoredChecklist = {
  entityRef: string;
  etag?: string;
  status: 'ok' | 'error';
  error?: string;
  result?: ChecklistResult;
  evaluatedAt: string;
  /** Score of the evaluation before this one. */
  previousScore?: number | null;
};

type ResultRow = {
  entity_ref: string;
  etag: string | null;
  score: number | null;
  previous_score: number | null;
  status: string;
  error: string | null;
  result: string | null;
  evaluated_at: string;
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
  };
}

/** Latest result and bounded history per entity, in the plugin's own database. */
export class ChecklistStore {
  static async create(database: DatabaseService): Promise<ChecklistStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({ directory: MIGRATIONS });
    }
    return new ChecklistStore(knex);
  }

  private constructor(private readonly knex: Knex) {}

  async get(entityRef: string): Promise<StoredChecklist | undefined> {
    const row = await this.knex<ResultRow>('checklist_results')
      .where({ entity_ref: entityRef })
      .first();
    return row ? fromRow(row) : undefined;
  }

  async getMany(entityRefs: string[]): Promise<Map<string, StoredChecklist>> {
    const found = new Map<string, StoredChecklist>();
    // Chunked: SQLite limits the number of bound parameters.
    for (let i = 0; i < entityRefs.length; i += 500) {
      const rows = await this.knex<ResultRow>('checklist_results').whereIn(
        'entity_ref',
        entityRefs.slice(i, i + 500),
      );
      for (const row of rows) found.set(row.entity_ref, fromRow(row));
    }
    return found;
  }

  /** Saves a new evaluation as the latest result and appends it to the history. */
  async save(record: StoredChecklist, historyLimit: number): Promise<void> {
    const failing =
      record.result?.items.filter(i => i.status === 'fail').map(i => i.id) ??
      [];
    await this.knex.transaction(async tx => {
      const before = await tx<ResultRow>('checklist_results')
        .where({ entity_ref: record.entityRef })
        .first();
      await tx('checklist_results')
        .insert({
          entity_ref: record.entityRef,
          etag: record.etag ?? null,
          score: record.result?.score ?? null,
          previous_score: before ? before.score : null,
          status: record.status,
          error: record.error ?? null,
          result: record.result ? JSON.stringify(record.result) : null,
          evaluated_at: record.evaluatedAt,
        })
        .onConflict('entity_ref')
        .merge();
      await tx('checklist_history').insert({
        entity_ref: record.entityRef,
        score: record.result?.score ?? null,
        failing: JSON.stringify(failing),
        status: record.status,
        evaluated_at: record.evaluatedAt,
      });
      const keep = tx('checklist_history')
        .select('id')
        .where({ entity_ref: record.entityRef })
        .orderBy('id', 'desc')
        .limit(historyLimit);
      await tx('checklist_history')
        .where({ entity_ref: record.entityRef })
        .whereNotIn('id', keep)
        .delete();
    });
  }

  /** Records that an unchanged source was checked again, without a new history entry. */
  async touch(entityRef: string, evaluatedAt: string): Promise<void> {
    await this.knex('checklist_results')
      .where({ entity_ref: entityRef })
      .update({ evaluated_at: evaluatedAt });
  }

  async history(entityRef: string): Promise<ChecklistHistoryEntry[]> {
    const rows = await this.knex('checklist_history')
      .where({ entity_ref: entityRef })
      .orderBy('id', 'desc');
    return rows.map(row => ({
      evaluatedAt: row.evaluated_at,
      status: row.status,
      score: row.score,
      failing: JSON.parse(row.failing),
    }));
  }
}
