import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import type { StoredChecklist } from './ChecklistStore';
import { DatabaseChecklistStore } from './DatabaseChecklistStore';

/** Both engines, each required (see DatabaseChecklistStore.test.ts). */
const DATABASES: TestDatabaseId[] = ['SQLITE_3', 'POSTGRES_15'];
const databases = TestDatabases.create({ ids: DATABASES });

function ok(entityRef: string, score: number, day: number): StoredChecklist {
  return {
    entityRef,
    etag: `etag-${score}`,
    status: 'ok',
    result: {
      score,
      items: [
        {
          id: 'auth',
          title: 'auth',
          status: score > 50 ? 'pass' : 'fail',
          severity: 'required',
          summary: 'auth',
          evidence: [],
          remediation: 'fix it',
          docsUrl: 'https://example.com',
        },
      ],
      serviceRoots: [''],
      diagnostics: [],
    },
    evaluatedAt: `2026-11-${String(day).padStart(2, '0')}T00:00:00.000Z`,
  };
}

describe.each(DATABASES)('the summary generation on %s', id => {
  let store: DatabaseChecklistStore;
  let knex: Knex;
  beforeAll(async () => {
    if (!databases.supports(id)) {
      throw new Error(
        `${id} is not available: export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (scripts/start-postgres.sh prints it)`,
      );
    }
    knex = await databases.init(id);
    store = await DatabaseChecklistStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
  }, 60_000);

  const generation = async () => BigInt(await store.summaryGeneration());

  it('moves with every committed write to the latest results, and not with reads', async () => {
    const refs = ['component:default/gen-a', 'component:default/gen-b'];
    let before = await generation();
    await store.save(ok(refs[0], 40, 1), 10);
    expect(await generation()).toBeGreaterThan(before);

    // Reads and queue work leave it alone.
    before = await generation();
    await store.getAllSummaries();
    await store.getSummaries(refs);
    await store.enqueue(refs, Date.now());
    expect(await generation()).toBe(before);

    // A completion that only moves the evaluation time (nothing else changed).
    await store.claimQueued(
      { owner: 'r', expiresAt: Date.now() + 60_000 },
      10,
      Date.now(),
    );
    await store.completeMany([ok(refs[0], 40, 2), ok(refs[1], 90, 2)], 'r', 10);
    expect(await generation()).toBeGreaterThan(before);

    // A write the plugin's code did not make (an older replica, a hand-written statement).
    before = await generation();
    await knex('checklist_results')
      .where({ entity_ref: refs[1] })
      .update({ evaluated_at: '2026-11-03T00:00:00.000Z' });
    expect(await generation()).toBeGreaterThan(before);
    before = await generation();
    await knex('checklist_results').where({ entity_ref: refs[1] }).delete();
    expect(await generation()).toBeGreaterThan(before);
  });

  it('reads every stored summary at once as it reads them by ref', async () => {
    const refs = Array.from(
      { length: 30 },
      (_, i) => `component:default/all-${i}`,
    );
    for (const [i, ref] of refs.entries())
      await store.save(ok(ref, 30 + i, 1 + (i % 20)), 10);
    const all = await store.getAllSummaries();
    const known = [...all.keys()];
    expect(known).toEqual(expect.arrayContaining(refs));
    expect(all).toEqual(await store.getSummaries(known));
  });

  if (id === 'POSTGRES_15') {
    it('moves once per transaction, when it commits, as other connections see it', async () => {
      const refs = Array.from(
        { length: 120 },
        (_, i) => `component:default/tx-${i}`,
      );
      const before = await generation();
      const tx = await knex.transaction();
      try {
        for (const ref of refs) {
          await tx('checklist_results')
            .insert({
              entity_ref: ref,
              status: 'ok',
              score: 50,
              evaluated_at: '2026-11-01T00:00:00.000Z',
              failing: '[]',
              checks: '1',
            })
            .onConflict('entity_ref')
            .merge();
        }
        // Another connection: neither the rows nor a new generation yet.
        expect(await generation()).toBe(before);
        await tx.commit();
      } catch (error) {
        await tx.rollback();
        throw error;
      }
      expect(await generation()).toBe(before + 1n);

      // A rolled back write moves nothing.
      const rolledBack = await knex.transaction();
      await rolledBack('checklist_results')
        .where({ entity_ref: refs[0] })
        .update({ score: 10 });
      await rolledBack.rollback();
      expect(await generation()).toBe(before + 1n);
    });
  }
});
