import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { ChecklistHistoryEntry } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Knex } from 'knex';
import type { ChecklistStore, StoredChecklist } from './ChecklistStore';

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
  evaluated_at: string;
};

type HistoryRow = {
  id: number;
  entity_ref: string;
  score: number | null;
  failing: string;
  status: string;
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

  private constructor(private readonly knex: Knex) {}

  async get(entityRef: string): Promise<StoredChecklist | undefined> {
    const row = await this.knex<ResultRow>('checklist_results')
      .where({ entity_ref: entityRef })
      .first();
    return row ? fromRow(row) : undefined;
  }

  async getMany(entityRefs: string[]): Promise<Map<string, StoredChecklist>> {
    const found = new Map<string, StoredChecklist>();
    for (let i = 0; i < entityRefs.length; i += CHUNK) {
      const rows = await this.knex<ResultRow>('checklist_results').whereIn(
        'entity_ref',
        entityRefs.slice(i, i + CHUNK),
      );
      for (const row of rows) found.set(row.entity_ref, fromRow(row));
    }
    return found;
  }

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
      // The newest entry past the limit and everything older goes. A cutoff id rather
      // than `NOT IN (… LIMIT n)`, which MySQL refuses in subqueries.
      const cutoff = await tx<HistoryRow>('checklist_history')
        .where({ entity_ref: record.entityRef })
        .orderBy('id', 'desc')
        .offset(historyLimit)
        .first('id');
      if (cutoff) {
        await tx('checklist_history')
          .where({ entity_ref: record.entityRef })
          .andWhere('id', '<=', cutoff.id)
          .delete();
      }
    });
  }

  async touch(entityRef: string, evaluatedAt: string): Promise<void> {
    await this.knex('checklist_results')
      .where({ entity_ref: entityRef })
      .update({ evaluated_at: evaluatedAt });
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
}
