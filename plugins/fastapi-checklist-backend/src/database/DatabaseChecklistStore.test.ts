import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { ChecklistResult } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { StoredChecklist } from './ChecklistStore';
import type { Knex } from 'knex';
import { DatabaseChecklistStore } from './DatabaseChecklistStore';

/**
 * Every database the plugin supports, each required: TestDatabases quietly drops an
 * engine it cannot reach, so a missing server fails here instead of skipping.
 */
const DATABASES: TestDatabaseId[] = ['SQLITE_3', 'POSTGRES_15'];
const databases = TestDatabases.create({ ids: DATABASES });

async function storeOn(
  id: TestDatabaseId,
): Promise<{ store: DatabaseChecklistStore; knex: Knex }> {
  if (!databases.supports(id)) {
    throw new Error(
      `${id} is not available to the store tests. Start PostgreSQL with ` +
        'scripts/start-postgres.sh and export the URL it prints as ' +
        'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (.ci/run does both).',
    );
  }
  const knex = await databases.init(id);
  const store = await DatabaseChecklistStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
  return { store, knex };
}

function result(score: number, failing: string[] = []): ChecklistResult {
  return {
    score,
    items: ['auth', 'cors', 'health'].map(id => ({
      id,
      title: id,
      status: failing.includes(id) ? ('fail' as const) : ('pass' as const),
      severity: 'required' as const,
      summary: `${id} summary`,
      evidence: [{ path: 'app/main.py', line: 3 }],
      remediation: 'fix it',
      docsUrl: 'https://example.com',
    })),
    serviceRoots: [''],
    diagnostics: [],
  };
}

function ok(
  entityRef: string,
  score: number,
  evaluatedAt: string,
  failing: string[] = [],
): StoredChecklist {
  return {
    entityRef,
    etag: `etag-${score}`,
    status: 'ok',
    result: result(score, failing),
    evaluatedAt,
  };
}

describe.each(DATABASES)('DatabaseChecklistStore on %s', id => {
  let store: DatabaseChecklistStore;
  let knex: Knex;
  beforeAll(async () => {
    ({ store, knex } = await storeOn(id));
  }, 60_000);

  it('round-trips the latest result, and remembers the score before it', async () => {
    const ref = 'component:default/roundtrip';
    expect(await store.get(ref)).toBeUndefined();

    await store.save(ok(ref, 40, '2026-11-01T00:00:00.000Z', ['auth']), 10);
    expect(await store.get(ref)).toEqual({
      ...ok(ref, 40, '2026-11-01T00:00:00.000Z', ['auth']),
      error: undefined,
      previousScore: null,
      evaluations: 1,
    });

    await store.save(ok(ref, 90, '2026-11-02T00:00:00.000Z'), 10);
    expect(await store.get(ref)).toMatchObject({
      etag: 'etag-90',
      result: { score: 90 },
      previousScore: 40,
      evaluatedAt: '2026-11-02T00:00:00.000Z',
    });
  });

  it('stores an error result without a score', async () => {
    const ref = 'component:default/broken';
    await store.save(ok(ref, 70, '2026-11-01T00:00:00.000Z'), 10);
    await store.save(
      {
        entityRef: ref,
        status: 'error',
        error: 'cannot read the repository',
        evaluatedAt: '2026-11-02T00:00:00.000Z',
      },
      10,
    );
    expect(await store.get(ref)).toEqual({
      entityRef: ref,
      etag: undefined,
      status: 'error',
      error: 'cannot read the repository',
      result: undefined,
      evaluatedAt: '2026-11-02T00:00:00.000Z',
      previousScore: 70,
      evaluations: 2,
    });
    expect(await store.history(ref)).toEqual([
      {
        evaluatedAt: '2026-11-02T00:00:00.000Z',
        status: 'error',
        score: null,
        failing: [],
      },
      {
        evaluatedAt: '2026-11-01T00:00:00.000Z',
        status: 'ok',
        score: 70,
        failing: [],
      },
    ]);
  });

  it('moves only the evaluation time when an evaluation changes nothing', async () => {
    const ref = 'component:default/touched';
    await store.save(ok(ref, 50, '2026-11-01T00:00:00.000Z'), 10);
    await store.save(ok(ref, 50, '2026-11-05T00:00:00.000Z'), 10);
    expect(await store.get(ref)).toMatchObject({
      evaluatedAt: '2026-11-05T00:00:00.000Z',
      result: { score: 50 },
      evaluations: 2,
      previousScore: null,
    });
    expect(await store.history(ref)).toHaveLength(1);
  });

  it('never lets repeated identical errors push real history out', async () => {
    const ref = 'component:default/erroring';
    await store.save(ok(ref, 80, '2026-11-01T00:00:00.000Z'), 3);
    for (let day = 2; day <= 9; day++) {
      await store.save(
        {
          entityRef: ref,
          status: 'error',
          error: 'cannot read the repository',
          evaluatedAt: `2026-11-0${day}T00:00:00.000Z`,
        },
        3,
      );
    }
    expect((await store.history(ref)).map(entry => entry.status)).toEqual([
      'error',
      'ok',
    ]);
    expect(await store.get(ref)).toMatchObject({
      evaluatedAt: '2026-11-09T00:00:00.000Z',
      previousScore: 80,
      evaluations: 9,
    });
    // A different error is news, and is recorded.
    await store.save(
      {
        entityRef: ref,
        status: 'error',
        error: 'the repository is too large',
        evaluatedAt: '2026-11-10T00:00:00.000Z',
      },
      3,
    );
    expect(await store.history(ref)).toHaveLength(3);
  });

  it('records a new source version even when the score stays', async () => {
    const ref = 'component:default/same-score';
    await store.save(ok(ref, 60, '2026-11-01T00:00:00.000Z'), 10);
    await store.save(
      { ...ok(ref, 60, '2026-11-02T00:00:00.000Z'), etag: 'another-commit' },
      10,
    );
    expect(await store.history(ref)).toHaveLength(2);
  });

  it('trims the history to the newest entries of that entity only', async () => {
    const trimmed = 'component:default/trimmed';
    const other = 'component:default/other';
    await store.save(ok(other, 10, '2026-10-01T00:00:00.000Z'), 3);
    await store.save(ok(other, 11, '2026-10-02T00:00:00.000Z'), 3);
    for (let day = 1; day <= 6; day++) {
      await store.save(
        ok(trimmed, day * 10, `2026-11-0${day}T00:00:00.000Z`, ['cors']),
        3,
      );
    }
    expect(await store.history(trimmed)).toEqual(
      [60, 50, 40].map(score => ({
        evaluatedAt: `2026-11-0${score / 10}T00:00:00.000Z`,
        status: 'ok',
        score,
        failing: ['cors'],
      })),
    );
    expect((await store.history(other)).map(entry => entry.score)).toEqual([
      11, 10,
    ]);

    // A lower limit trims the older surplus on the next save.
    await store.save(ok(trimmed, 70, '2026-11-07T00:00:00.000Z'), 1);
    expect((await store.history(trimmed)).map(entry => entry.score)).toEqual([
      70,
    ]);
  });

  it('finds many entities across query chunks and leaves out unknown ones', async () => {
    const refs = Array.from(
      { length: 1201 },
      (_, i) => `component:default/many-${i}`,
    );
    for (const index of [0, 499, 500, 1200]) {
      await store.save(
        ok(refs[index], index % 100, '2026-11-01T00:00:00.000Z'),
        5,
      );
    }
    await store.save(
      ok('component:default/not-asked', 1, '2026-11-01T00:00:00.000Z'),
      5,
    );
    // Past 1,000 refs the whole table is read and kept to the refs; below, in chunks.
    const found = await store.getSummaries(refs);
    expect([...found.keys()].sort()).toEqual(
      [0, 499, 500, 1200].map(index => refs[index]).sort(),
    );
    expect(found.get(refs[1200])?.score).toBe(0);
    expect(found.get(refs[499])?.score).toBe(99);
    const some = await store.getSummaries(refs.slice(0, 600));
    expect([...some.keys()].sort()).toEqual(
      [0, 499, 500].map(index => refs[index]).sort(),
    );
  });

  it('summarises a row an older version saved without its failing checks', async () => {
    const ref = 'component:default/saved-by-older-version';
    await store.save(ok(ref, 40, '2026-11-01T00:00:00.000Z', ['cors']), 5);
    await knex('checklist_results')
      .where({ entity_ref: ref })
      .update({ failing: null });
    expect((await store.getSummaries([ref])).get(ref)?.failing).toEqual([
      'cors',
    ]);
    // the same outcome again is recognised from the result: no new history entry
    await store.save(ok(ref, 40, '2026-11-02T00:00:00.000Z', ['cors']), 5);
    expect(await store.history(ref)).toHaveLength(1);
  });

  it('summarises a result by its failing checks and the score before it', async () => {
    const ref = 'component:default/summarised';
    await store.save(ok(ref, 40, '2026-11-01T00:00:00.000Z', ['auth']), 5);
    await store.save(
      ok(ref, 20, '2026-11-02T00:00:00.000Z', ['auth', 'cors']),
      5,
    );
    expect((await store.getSummaries([ref])).get(ref)).toEqual({
      entityRef: ref,
      status: 'ok',
      score: 20,
      previousScore: 40,
      failing: ['auth', 'cors'],
      checks: { auth: 'fail', cors: 'fail', health: 'pass' },
      evaluatedAt: '2026-11-02T00:00:00.000Z',
      evaluations: 2,
    });
  });

  it("keeps each check's real status and its waiver's expiry for the summary", async () => {
    const ref = 'component:default/waived';
    const waived = ok(ref, 67, '2026-11-01T00:00:00.000Z');
    waived.result!.items[0] = {
      ...waived.result!.items[0],
      status: 'waived',
      waiver: {
        reason: 'planned',
        expires: '2026-12-31',
        approvedBy: 'jane',
        realStatus: 'fail',
      },
    };
    await store.save(waived, 5);
    expect((await store.getSummaries([ref])).get(ref)).toMatchObject({
      failing: [],
      checks: { auth: 'fail@2026-12-31', cors: 'pass', health: 'pass' },
    });
    // The waiver expired, the source did not change: the same etag and score, but the
    // check states differ, so the row and its history are written.
    const expired = ok(ref, 67, '2026-11-02T00:00:00.000Z', ['auth']);
    await store.save(expired, 5);
    expect((await store.getSummaries([ref])).get(ref)).toMatchObject({
      failing: ['auth'],
      checks: { auth: 'fail', cors: 'pass', health: 'pass' },
    });
    expect(await store.history(ref)).toHaveLength(2);
  });

  it('summarises a row an older version saved without its check states', async () => {
    const ref = 'component:default/saved-without-checks';
    await store.save(ok(ref, 40, '2026-11-01T00:00:00.000Z', ['cors']), 5);
    await knex('checklist_results')
      .where({ entity_ref: ref })
      .update({ checks: null });
    expect((await store.getSummaries([ref])).get(ref)?.checks).toEqual({
      auth: 'pass',
      cors: 'fail',
      health: 'pass',
    });
    await store.save(ok(ref, 40, '2026-11-02T00:00:00.000Z', ['cors']), 5);
    expect(await store.history(ref)).toHaveLength(1);
  });

  describe('evaluation queue', () => {
    const NOW = 1_000_000;
    const claimBy = (owner: string, expiresAt = NOW + 60_000) => ({
      owner,
      expiresAt,
    });

    it('queues each entity once and hands every queued entity to exactly one claimer', async () => {
      const refs = Array.from(
        { length: 30 },
        (_, i) => `component:default/queued-${i}`,
      );
      expect(await store.enqueue(refs, NOW)).toBe(30);
      expect(await store.enqueue(refs.slice(0, 10), NOW + 1)).toBe(0);

      // Two replicas claiming at the same time, in small batches, until nothing is left.
      const claimed = new Map<string, string[]>();
      await Promise.all(
        ['replica-a', 'replica-b'].map(async owner => {
          const mine: string[] = [];
          for (;;) {
            const batch = await store.claimQueued(claimBy(owner), 4, NOW);
            if (!batch.length) break;
            mine.push(...batch);
          }
          claimed.set(owner, mine);
        }),
      );
      const all = [...claimed.values()].flat();
      expect(all.sort()).toEqual([...refs].sort());
      expect(new Set(all).size).toBe(30);
      // Claimed entities are not claimable again while the claims last.
      expect(
        await store.claimQueued(claimBy('replica-c'), 50, NOW + 1),
      ).toEqual([]);
      for (const ref of refs)
        await store.release(ref, (await store.claimOf(ref))!.owner);
    });

    it('lets another replica take over an expired claim, and discards the late result', async () => {
      const ref = 'component:default/taken-over';
      await store.enqueue([ref], NOW);
      expect(
        await store.claimQueued(claimBy('dead', NOW + 10), 10, NOW),
      ).toEqual([ref]);
      expect(await store.claimQueued(claimBy('alive'), 10, NOW + 5)).toEqual(
        [],
      );
      expect(await store.claim(ref, claimBy('alive'), NOW + 5)).toBe(false);
      expect(
        await store.claimQueued(claimBy('alive', NOW + 100), 10, NOW + 11),
      ).toEqual([ref]);
      expect(await store.claimOf(ref)).toEqual({
        owner: 'alive',
        expiresAt: NOW + 100,
      });

      // The old holder wakes up: its result is not saved and the queue entry stays.
      expect(
        await store.complete(
          ok(ref, 10, '2026-11-01T00:00:00.000Z'),
          'dead',
          5,
        ),
      ).toBe(false);
      expect(await store.get(ref)).toBeUndefined();
      expect(
        await store.complete(
          ok(ref, 90, '2026-11-01T00:00:01.000Z'),
          'alive',
          5,
        ),
      ).toBe(true);
      expect(await store.get(ref)).toMatchObject({
        result: { score: 90 },
        evaluations: 1,
      });
      expect(await store.claimOf(ref)).toBeUndefined();
      expect(await store.history(ref)).toHaveLength(1);
    });

    it('completes a batch in one transaction: saves what it holds, moves only the time of unchanged results', async () => {
      const refs = Array.from(
        { length: 600 },
        (_, i) => `component:default/batch-${i}`,
      );
      // More than one chunk of bound parameters (SQLite's limit), first evaluations.
      await store.enqueue(refs, NOW);
      expect(
        (await store.claimQueued(claimBy('mine'), 1_000, NOW)).length,
      ).toBe(600);
      const first = '2026-11-01T00:00:00.000Z';
      const held = await store.completeMany(
        refs.map(ref => ok(ref, 50, first)),
        'mine',
        5,
      );
      expect(held.size).toBe(600);
      expect((await store.getMany(refs)).size).toBe(600);
      expect(await store.claimOf(refs[0])).toBeUndefined();

      // A refresh: two changed, the rest unchanged, one lost to another replica.
      const [changed, alsoChanged, lost, ...unchanged] = refs;
      await store.enqueue(refs, NOW + 1);
      await store.claimQueued(claimBy('mine'), 1_000, NOW + 1);
      await store.release(lost, 'mine');
      expect(await store.claim(lost, claimBy('other'), NOW + 2)).toBe(true);
      const second = '2026-11-01T00:10:00.000Z';
      const saved = await store.completeMany(
        [
          ok(changed, 70, second),
          ok(alsoChanged, 50, second, ['cors']),
          ok(lost, 10, second),
          ...unchanged.map(ref => ok(ref, 50, second)),
        ],
        'mine',
        5,
      );
      expect(saved.has(lost)).toBe(false);
      expect(saved.size).toBe(599);
      const stored = await store.getMany(refs);
      expect(stored.get(changed)).toMatchObject({
        result: { score: 70 },
        previousScore: 50,
        evaluatedAt: second,
        evaluations: 2,
      });
      expect(stored.get(alsoChanged)).toMatchObject({ evaluations: 2 });
      expect(stored.get(lost)).toMatchObject({
        evaluatedAt: first,
        evaluations: 1,
      });
      expect(stored.get(unchanged[0])).toMatchObject({
        evaluatedAt: second,
        evaluations: 2,
        result: { score: 50 },
      });
      expect(stored.get(unchanged[unchanged.length - 1])).toMatchObject({
        evaluatedAt: second,
        evaluations: 2,
      });
      expect(await store.history(changed)).toHaveLength(2);
      expect(await store.history(alsoChanged)).toHaveLength(2);
      expect(await store.history(unchanged[300])).toHaveLength(1);
      // The other replica's claim is untouched; every entry of ours is gone.
      expect(await store.claimOf(lost)).toMatchObject({ owner: 'other' });
      expect(await store.claimQueued(claimBy('x'), 1_000, NOW + 3)).toEqual([]);
    });

    it('keeps each entity’s newest history entries when a batch writes many changed results', async () => {
      const refs = Array.from(
        { length: 120 },
        (_, i) => `component:default/history-${i}`,
      );
      for (let round = 0; round < 4; round++) {
        await store.enqueue(refs, NOW);
        await store.claimQueued(claimBy('mine'), 1_000, NOW);
        const saved = await store.completeMany(
          refs.map((ref, i) =>
            ok(
              ref,
              10 * round + (i % 3),
              `2026-11-0${round + 1}T00:00:00.000Z`,
            ),
          ),
          'mine',
          2,
        );
        expect(saved.size).toBe(120);
      }
      for (const ref of [refs[0], refs[61], refs[119]]) {
        expect(
          (await store.history(ref)).map(entry => entry.evaluatedAt),
        ).toEqual(['2026-11-04T00:00:00.000Z', '2026-11-03T00:00:00.000Z']);
      }
      expect(await store.get(refs[1])).toMatchObject({
        result: { score: 31 },
        previousScore: 21,
        evaluations: 4,
      });
    });

    it('renews a claim so a long evaluation keeps it', async () => {
      const ref = 'component:default/long-evaluation';
      expect(await store.claim(ref, claimBy('slow', NOW + 10), NOW)).toBe(true);
      await store.renew([ref], claimBy('slow', NOW + 1_000));
      // Someone else's renewal changes nothing.
      await store.renew([ref], claimBy('other', NOW + 5));
      expect(await store.claim(ref, claimBy('other'), NOW + 500)).toBe(false);
      expect(await store.claimOf(ref)).toEqual({
        owner: 'slow',
        expiresAt: NOW + 1_000,
      });
      await store.release(ref, 'slow');
      expect(await store.claimOf(ref)).toBeUndefined();
    });

    it('grants one of many simultaneous claims on an entity', async () => {
      const ref = 'component:default/contended';
      const won = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.claim(ref, claimBy(`caller-${i}`), NOW),
        ),
      );
      expect(won.filter(Boolean)).toHaveLength(1);
      const holder = (await store.claimOf(ref))!.owner;
      expect(holder).toBe(`caller-${won.indexOf(true)}`);
      await store.release(ref, holder);
    });

    it('queues only entities never evaluated and not already queued', async () => {
      const evaluated = 'component:default/seen-before';
      const waiting = 'component:default/already-waiting';
      const fresh = 'component:default/brand-new';
      await store.save(ok(evaluated, 50, '2026-11-01T00:00:00.000Z'), 5);
      await store.enqueue([waiting], NOW);
      expect(
        await store.enqueueUnevaluated([evaluated, waiting, fresh], NOW + 1),
      ).toBe(1);
      const claimed = await store.claimQueued(claimBy('r'), 10, NOW + 2);
      expect(claimed).toEqual([waiting, fresh]);
      for (const ref of claimed) await store.release(ref, 'r');
    });

    it('relaxes durability only inside the queue’s claim and completion transactions', async () => {
      const statements: string[] = [];
      const record = (query: { sql: string }) => statements.push(query.sql);
      knex.on('query', record);
      try {
        const ref = 'component:default/relaxed';
        await store.enqueue([ref], NOW);
        expect(await store.claimQueued(claimBy('r'), 1, NOW + 1)).toEqual([ref]);
        await store.completeMany([ok(ref, 60, '2026-11-03T00:00:00.000Z')], 'r', 5);
      } finally {
        knex.off('query', record);
      }
      const relaxed = statements.filter(sql => /synchronous_commit/.test(sql));
      expect(relaxed).toEqual(
        id === 'POSTGRES_15'
          ? Array(2).fill('SET LOCAL synchronous_commit TO OFF')
          : [],
      );
      // LOCAL: the pooled connections go back as they were (SQLite has no such setting).
      const settings =
        id === 'POSTGRES_15'
          ? (
              await Promise.all(
                Array.from({ length: 4 }, () =>
                  knex.raw('SHOW synchronous_commit'),
                ),
              )
            ).map(({ rows }) => rows[0].synchronous_commit)
          : Array(4).fill('on');
      expect(settings).toEqual(Array(4).fill('on'));
    });

    it('sweeps more refs than one query may carry, each queued once', async () => {
      const refs = Array.from(
        { length: 1200 },
        (_, i) => `component:default/sweep-${i}`,
      );
      for (const ref of refs.filter((_, i) => i % 100 === 0)) {
        await store.save(ok(ref, 50, '2026-11-01T00:00:00.000Z'), 5);
      }
      await store.enqueue([refs[1], refs[2]], NOW);
      expect(await store.enqueueUnevaluated(refs, NOW + 1)).toBe(1200 - 12 - 2);
      expect(await store.enqueueUnevaluated(refs, NOW + 2)).toBe(0);
      const claimed = await store.claimQueued(claimBy('r'), 2000, NOW + 3);
      expect(claimed).toHaveLength(1200 - 12);
      expect(new Set(claimed).size).toBe(claimed.length);
      for (const ref of claimed) await store.release(ref, 'r');
    }, 30_000); // 1,200 rows on a busy machine
  });
});
