import type { Knex } from 'knex';

/** The advisory lock's name; PostgreSQL keys advisory locks by database, so this is ours. */
const LOCK_NAME = 'fastapi-checklist: schema changes';

/**
 * Runs `work` while no other replica of this plugin runs its own, on PostgreSQL.
 *
 * Replicas starting together on a fresh database race in knex's migrator: its bookkeeping
 * tables are created without a lock (knex#3538), so all but one replica fail with a
 * duplicate-key error, or every later start fails with "Migration table is already
 * locked". A transaction-scoped advisory lock serialises the startups instead; it is
 * released when `work` ends or the replica dies. `work` runs on the pool's other
 * connections (knex's default pool has up to ten), never on the locking one.
 * SQLite is one process's database, so nothing is shared to serialise.
 */
export async function oneReplicaAtATime<T>(
  knex: Knex,
  work: () => Promise<T>,
): Promise<T> {
  if (knex.client.config.client !== 'pg') return work();
  return knex.transaction(async trx => {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [LOCK_NAME]);
    return work();
  });
}
