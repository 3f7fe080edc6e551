import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { DatabaseChecklistStore } from './DatabaseChecklistStore';

/**
 * The new-entity sweep (enqueueUnevaluated) against an evaluation completing at the same
 * moment on another replica, on PostgreSQL (replicas share one; SQLite serves one
 * process). The interleaving is forced with locks, never with timing: the completion is
 * held at its result write, and the sweep is let go only once both wait on a lock.
 */
const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });

const NOW = 1_000_000;

/** Waits until `count` sessions of this test's database wait on a lock. */
async function sessionsWaitingOnLocks(knex: Knex, count: number) {
  for (;;) {
    const { rows } = await knex.raw(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (rows[0].n >= count) return;
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}

describe('the new-entity sweep on POSTGRES_15', () => {
  let store: DatabaseChecklistStore;
  let knex: Knex;
  beforeAll(async () => {
    if (!databases.supports('POSTGRES_15')) {
      throw new Error(
        'POSTGRES_15 is not available: start PostgreSQL with scripts/start-postgres.sh ' +
          'and export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (.ci/run does both).',
      );
    }
    knex = await databases.init('POSTGRES_15');
    store = await DatabaseChecklistStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
  }, 60_000);

  it('does not queue again an entity whose evaluation completes while it sweeps', async () => {
    const ref = 'component:default/completing';
    const other = 'component:default/never-evaluated';
    await store.enqueue([ref], NOW);
    expect(
      await store.claimQueued({ owner: 'a', expiresAt: NOW + 60_000 }, 1, NOW),
    ).toEqual([ref]);

    // Writes to the results wait for this transaction; reads of them do not.
    const blocker = await knex.transaction();
    await blocker.raw('LOCK TABLE checklist_results IN EXCLUSIVE MODE');
    // Replica A completes: its queue entry is deleted, its result write waits.
    const completing = store.complete(
      {
        entityRef: ref,
        status: 'error',
        error: 'unreadable',
        evaluatedAt: '2026-11-01T00:00:00.000Z',
      },
      'a',
      5,
    );
    await sessionsWaitingOnLocks(knex, 1);
    // Replica B sweeps: it finds no result yet, and its insert waits for A's transaction
    // (the entry A deletes).
    const sweeping = store.enqueueUnevaluated([ref, other], NOW + 1);
    await sessionsWaitingOnLocks(knex, 2);
    await blocker.commit();

    expect(await completing).toBe(true);
    expect(await sweeping).toBe(1);
    const queue = await knex('checklist_queue').select('entity_ref');
    expect(queue.map(row => row.entity_ref)).toEqual([other]);
    expect(await store.get(ref)).toMatchObject({ evaluations: 1 });
  });
});
