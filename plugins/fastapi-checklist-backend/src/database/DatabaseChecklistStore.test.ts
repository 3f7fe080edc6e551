import {
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { ChecklistResult } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { StoredChecklist } from './ChecklistStore';
import { DatabaseChecklistStore } from './DatabaseChecklistStore';

/**
 * Every database the plugin supports, each required: TestDatabases quietly drops an
 * engine it cannot reach, so a missing server fails here instead of skipping.
 */
const DATABASES: TestDatabaseId[] = ['SQLITE_3', 'POSTGRES_15'];
const databases = TestDatabases.create({ ids: DATABASES });

async function storeOn(id: TestDatabaseId): Promise<DatabaseChecklistStore> {
  if (!databases.supports(id)) {
    throw new Error(
      `${id} is not available to the store tests. Start PostgreSQL with ` +
        'scripts/start-postgres.sh and export the URL it prints as ' +
        'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (.ci/run does both).',
    );
  }
  const knex = await databases.init(id);
  return DatabaseChecklistStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
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
  beforeAll(async () => {
    store = await storeOn(id);
  }, 60_000);

  it('round-trips the latest result, and remembers the score before it', async () => {
    const ref = 'component:default/roundtrip';
    expect(await store.get(ref)).toBeUndefined();

    await store.save(ok(ref, 40, '2026-11-01T00:00:00.000Z', ['auth']), 10);
    expect(await store.get(ref)).toEqual({
      ...ok(ref, 40, '2026-11-01T00:00:00.000Z', ['auth']),
      error: undefined,
      previousScore: null,
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

  it('touches the evaluation time without adding history', async () => {
    const ref = 'component:default/touched';
    await store.save(ok(ref, 50, '2026-11-01T00:00:00.000Z'), 10);
    await store.touch(ref, '2026-11-05T00:00:00.000Z');
    expect(await store.get(ref)).toMatchObject({
      evaluatedAt: '2026-11-05T00:00:00.000Z',
      result: { score: 50 },
    });
    expect(await store.history(ref)).toHaveLength(1);
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
    const found = await store.getMany(refs);
    expect([...found.keys()].sort()).toEqual(
      [0, 499, 500, 1200].map(index => refs[index]).sort(),
    );
    expect(found.get(refs[1200])?.result?.score).toBe(0);
    expect(found.get(refs[499])?.result?.score).toBe(99);
  });
});
