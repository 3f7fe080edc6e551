import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  SummaryQuery,
  utcDay,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  readChecklistLevels,
  readChecklistOptions,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import fs from 'node:fs';
import path from 'node:path';
import { serviceRepository } from '../__fixtures__/services';
import { DatabaseChecklistStore } from '../database/DatabaseChecklistStore';
import { ChecklistService } from './ChecklistService';
import type { ReadableEntities } from './checklistEntities';
import { buildSummary } from './summary';
import { summaryFiguresOf } from './summaryFigures';

// Real analyses on a busy machine: generous, never a timing assertion.
jest.setTimeout(60_000);

/** Both engines, each required (see DatabaseChecklistStore.test.ts). */
const DATABASES: TestDatabaseId[] = ['SQLITE_3', 'POSTGRES_15'];
const databases = TestDatabases.create({ ids: DATABASES });

const root = createMockDirectory();
const levels = readChecklistLevels(new ConfigReader({}));

function entityOf(name: string, owner: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        'fastapi-golden-path/checklist': 'enabled',
        'backstage.io/managed-by-location': `file:${root.resolve(
          name,
          'catalog-info.yaml',
        )}`,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}

const QUERIES: SummaryQuery[] = [
  {},
  { sort: 'score' },
  { sort: 'evaluatedAt', order: 'desc' },
  { sort: 'score', limit: 3, offset: 2 },
  { owner: 'group:default/b' },
  { failing: 'tests' },
];

describe.each(DATABASES)('the summary cache on %s', id => {
  const tag = id.toLowerCase().replace(/_/g, '');
  const names = Array.from({ length: 8 }, (_, i) => `cache-${tag}-${i}`);
  const entities = names.map((name, i) =>
    entityOf(name, `group:default/${i % 2 ? 'a' : 'b'}`),
  );
  const refs = names.map(name => `component:default/${name}`);
  const catalog = catalogServiceMock({ entities });
  let stores: [DatabaseChecklistStore, DatabaseChecklistStore];

  /** A replica: its own store and service (and so its own cache) on the shared database. */
  function replica(store: DatabaseChecklistStore) {
    return new ChecklistService({
      catalog,
      auth: mockServices.auth(),
      urlReader: mockServices.urlReader.mock(),
      store,
      logger: mockServices.logger.mock(),
      checklist: readChecklistOptions(new ConfigReader({})),
      levels,
      localRoot: root.path,
      historyLimit: 50,
      concurrency: 3,
      claimTimeout: 60_000,
      minRefreshInterval: 0,
    });
  }

  const everyone: ReadableEntities = async entityRefs => new Set(entityRefs);

  /** The summary without any cache: the store read on every call, as before the cache. */
  const uncached = (query: SummaryQuery, readable = everyone) =>
    buildSummary({
      catalog,
      stored: entityRefs => stores[0].getSummaries(entityRefs),
      credentials: mockCredentials.user(),
      query,
      readable,
      levels,
      figuresOf: summaryFiguresOf(levels, utcDay(new Date())),
    });

  /** Changes a repository so its next evaluation finds something new. */
  function change(name: string, round: number) {
    fs.writeFileSync(
      path.join(root.resolve(name), 'app/logging_setup.py'),
      `import logging\nlogging.basicConfig(level="INFO")  # ${round}\n`,
    );
  }

  beforeAll(async () => {
    if (!databases.supports(id)) {
      throw new Error(
        `${id} is not available: export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (scripts/start-postgres.sh prints it)`,
      );
    }
    for (const [i, name] of names.entries()) {
      const tests: Record<string, string> =
        i % 3
          ? {}
          : { 'tests/test_main.py': 'def test_ok():\n    assert True\n' };
      root.addContent({
        [name]: serviceRepository(name, 'group:default/a', tests),
      });
    }
    const knex = await databases.init(id);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    stores = [
      await DatabaseChecklistStore.create({ database }),
      await DatabaseChecklistStore.create({ database }),
    ];
  });

  it('never serves a summary older than a save another replica made', async () => {
    const [a, b] = [replica(stores[0]), replica(stores[1])];
    await b.refreshAll();
    const loads = jest.spyOn(stores[0], 'getAllSummaries');
    const before = await a.summary({}, mockCredentials.user(), everyone);
    expect(before.rows.map(row => row.status)).toEqual(refs.map(() => 'ok'));
    // Nothing written since: the copy is used, the table not read again.
    expect(await a.summary({}, mockCredentials.user(), everyone)).toEqual(
      before,
    );
    expect(loads).toHaveBeenCalledTimes(1);

    for (let round = 1; round <= 3; round++) {
      const name = names[round];
      change(name, round);
      const saved = await b.refresh(entities[round]);
      const after = await a.summary({}, mockCredentials.user(), everyone);
      const row = after.rows.find(r => r.entityRef === refs[round]);
      expect(row?.evaluatedAt).toBe(saved.evaluatedAt);
      expect(row?.evaluatedAt).not.toBe(
        before.rows.find(r => r.entityRef === refs[round])?.evaluatedAt,
      );
      expect(loads).toHaveBeenCalledTimes(1 + round);
    }
    // A re-check that found nothing new still moves its time, and the summary shows it.
    const unchanged = await b.refresh(entities[5]);
    expect(
      (await a.summary({}, mockCredentials.user(), everyone)).rows.find(
        r => r.entityRef === refs[5],
      )?.evaluatedAt,
    ).toBe(unchanged.evaluatedAt);
    loads.mockRestore();
  });

  it('answers exactly what the uncached summary answers, before and after writes on either replica', async () => {
    const [a, b] = [replica(stores[0]), replica(stores[1])];
    await a.refreshAll();
    for (let round = 0; round < 3; round++) {
      for (const query of QUERIES) {
        expect(
          await a.summary(query, mockCredentials.user(), everyone),
        ).toEqual(await uncached(query));
      }
      change(names[round + 4], 10 + round);
      await (round % 2 ? a : b).refresh(entities[round + 4]);
    }
    for (const query of QUERIES) {
      expect(await a.summary(query, mockCredentials.user(), everyone)).toEqual(
        await uncached(query),
      );
    }
  });

  it("filters the shared copy per caller: one caller's view is never another's", async () => {
    const a = replica(stores[0]);
    const firstHalf: ReadableEntities = async entityRefs =>
      new Set(entityRefs.filter(ref => refs.indexOf(ref) < 4));
    const nobody: ReadableEntities = async () => new Set();
    const credentials = mockCredentials.user();
    for (let i = 0; i < 2; i++) {
      const half = await a.summary({}, credentials, firstHalf);
      expect(half.rows.map(row => row.entityRef)).toEqual(refs.slice(0, 4));
      expect(half).toEqual(await uncached({}, firstHalf));
      const all = await a.summary({}, credentials, everyone);
      expect(all.rows.map(row => row.entityRef)).toEqual(refs);
      const none = await a.summary({}, credentials, nobody);
      expect(none.rows).toEqual([]);
      expect(none.totals.services).toBe(0);
    }
  });
});
