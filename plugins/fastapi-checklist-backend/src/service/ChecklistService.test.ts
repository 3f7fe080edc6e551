import {
  createMockDirectory,
  mockServices,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  analyzeRepository,
  readChecklistLevels,
  readChecklistOptions,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import fs from 'node:fs';
import path from 'node:path';
import type { ChecklistOptions } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { serviceRepository } from '../__fixtures__/services';
import { DatabaseChecklistStore } from '../database/DatabaseChecklistStore';
import { ChecklistService } from './ChecklistService';
import { RefreshTooSoonError } from './RefreshTooSoonError';

// The real analyzer, counted: each test says how many analyses it may cost.
jest.mock('@fastapi-golden-path/plugin-fastapi-checklist-node', () => {
  const actual = jest.requireActual(
    '@fastapi-golden-path/plugin-fastapi-checklist-node',
  );
  return { ...actual, analyzeRepository: jest.fn(actual.analyzeRepository) };
});
const analyses = () => jest.mocked(analyzeRepository).mock.calls.length;

// Hundreds of concurrent requests on a busy machine: generous, never a timing assertion.
jest.setTimeout(60_000);

/** Both engines, each required (see DatabaseChecklistStore.test.ts). */
const DATABASES: TestDatabaseId[] = ['SQLITE_3', 'POSTGRES_15'];
const databases = TestDatabases.create({ ids: DATABASES });

const root = createMockDirectory();

function entityOf(name: string): Entity {
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
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

describe.each(DATABASES)('ChecklistService on %s', id => {
  const tag = id.toLowerCase().replace(/_/g, '');
  const names = Array.from({ length: 12 }, (_, i) => `svc-${tag}-${i}`);
  const entities = names.map(entityOf);
  let store: DatabaseChecklistStore;

  /** One replica: its own service (and claims) on the shared database. */
  function replica(
    overrides: { minRefreshInterval?: number; checklist?: ChecklistOptions } = {},
  ) {
    return new ChecklistService({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      urlReader: mockServices.urlReader.mock(),
      store,
      logger: mockServices.logger.mock(),
      checklist: readChecklistOptions(new ConfigReader({})),
      levels: readChecklistLevels(new ConfigReader({})),
      localRoot: root.path,
      historyLimit: 50,
      concurrency: 3,
      claimTimeout: 60_000,
      minRefreshInterval: 0,
      ...overrides,
    });
  }

  beforeAll(async () => {
    if (!databases.supports(id)) {
      throw new Error(
        `${id} is not available: export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING (scripts/start-postgres.sh prints it)`,
      );
    }
    for (const name of names) {
      root.addContent({ [name]: serviceRepository(name, 'group:default/a') });
    }
    store = await DatabaseChecklistStore.create({
      database: mockServices.database({
        knex: await databases.init(id),
        migrations: { skip: false },
      }),
    });
  });

  it('evaluates a never-evaluated entity once for 200 concurrent requests on two replicas', async () => {
    const [a, b] = [replica(), replica()];
    const entity = entities[0];
    const analysed = analyses();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).checklist(entity)),
    );
    expect(new Set(results.map(r => r.evaluatedAt)).size).toBe(1);
    expect(results[0].status).toBe('ok');
    expect(await store.get(`component:default/${names[0]}`)).toMatchObject({
      evaluations: 1,
    });
    expect(await a.history(entity)).toHaveLength(1);
    expect(analyses() - analysed).toBe(1);
  });

  it('runs 200 concurrent re-checks after a change as one evaluation', async () => {
    const [a, b] = [replica(), replica()];
    const entity = entities[1];
    const ref = `component:default/${names[1]}`;
    await a.checklist(entity);
    fs.writeFileSync(
      path.join(root.resolve(names[1]), 'app/logging_setup.py'),
      'import logging\nlogging.basicConfig(level="INFO")\n',
    );
    const analysed = analyses();
    await Promise.all(
      Array.from({ length: 200 }, (_, i) => (i % 2 ? a : b).refresh(entity)),
    );
    expect(await store.get(ref)).toMatchObject({ evaluations: 2 });
    expect(await a.history(entity)).toHaveLength(2);
    expect(analyses() - analysed).toBe(1);
  });

  it('refuses a re-check within the minimum interval, saying when one is accepted', async () => {
    const limited = replica({ minRefreshInterval: 60_000 });
    const entity = entities[2];
    const ref = `component:default/${names[2]}`;
    const first = await limited.checklist(entity);
    expect(first.refreshAvailableAt).toBe(
      new Date(Date.parse(first.evaluatedAt) + 60_000).toISOString(),
    );
    fs.writeFileSync(
      path.join(root.resolve(names[2]), 'app/logging_setup.py'),
      'import logging\nlogging.basicConfig(level="INFO")\n',
    );
    const analysed = analyses();
    const refused = await limited.refresh(entity).catch(error => error);
    expect(refused).toBeInstanceOf(RefreshTooSoonError);
    expect(refused.retryAfterMs).toBeGreaterThan(55_000);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(refused.message).toMatch(
      new RegExp(
        `^${ref} was evaluated moments ago; re-check again in \\d+ s$`,
      ),
    );
    expect(analyses()).toBe(analysed);
    expect(await store.get(ref)).toMatchObject({ evaluations: 1 });
    // Without the limit, the same re-check evaluates the change.
    const unlimited = await replica().refresh(entity);
    expect(unlimited.evaluatedAt).not.toBe(first.evaluatedAt);
    expect(await store.get(ref)).toMatchObject({ evaluations: 2 });
  });

  it('spreads a scheduled refresh over the replicas, each entity evaluated exactly once', async () => {
    const [a, b] = [replica(), replica()];
    const before = await store.getSummaries(
      names.map(name => `component:default/${name}`),
    );
    const refreshed = a.refreshAll();
    const shares = await Promise.all([refreshed, b.evaluateQueued()]);
    const after = await store.getSummaries(
      names.map(name => `component:default/${name}`),
    );
    for (const name of names) {
      const ref = `component:default/${name}`;
      expect({ ref, evaluations: after.get(ref)?.evaluations }).toEqual({
        ref,
        evaluations: (before.get(ref)?.evaluations ?? 0) + 1,
      });
    }
    expect(shares[0].queued).toBe(names.length);
    expect(shares[0].evaluated + shares[1]).toBe(names.length);
  });

  it("takes over a dead replica's claims once they expire, and evaluates new entities on its own", async () => {
    const alive = replica();
    const refs = names.map(name => `component:default/${name}`);
    const before = await store.getSummaries(refs);
    await store.enqueue(refs, Date.now());
    // A replica claims everything and dies: nothing is evaluated while its claims last.
    const dead = await store.claimQueued(
      { owner: 'dead', expiresAt: Date.now() + 300 },
      names.length,
      Date.now(),
    );
    expect(dead).toHaveLength(names.length);
    expect(await alive.evaluateQueued()).toBe(0);
    await new Promise(resolve => setTimeout(resolve, 400));
    expect(await alive.evaluateQueued()).toBe(names.length);
    const after = await store.getSummaries(refs);
    for (const ref of refs) {
      expect(after.get(ref)!.evaluations).toBe(
        before.get(ref)!.evaluations! + 1,
      );
    }

    // A new entity in the catalog is evaluated without anyone asking or a refresh.
    const name = `svc-${tag}-new`;
    root.addContent({ [name]: serviceRepository(name, 'group:default/a') });
    const withNew = new ChecklistService({
      ...(alive as any).options,
      catalog: catalogServiceMock({ entities: [...entities, entityOf(name)] }),
    });
    expect(await withNew.evaluateNewEntities()).toBe(1);
    expect(await store.get(`component:default/${name}`)).toMatchObject({
      status: 'ok',
      evaluations: 1,
    });
    expect(await withNew.evaluateNewEntities()).toBe(0);
  });

  it('analyses an unchanged repository again once the checks change (a plugin upgrade, app-config), then reuses that result', async () => {
    const name = `checks-${tag}`;
    root.addContent({ [name]: serviceRepository(name, 'group:default/a') });
    const entity = entityOf(name);
    const analysed = analyses();
    const first = await replica().refresh(entity);
    await replica().refresh(entity);
    expect(analyses() - analysed).toBe(1);
    expect(first.result?.items.map(item => item.id)).toContain('tracing');

    const withoutTracing = replica({
      checklist: readChecklistOptions(
        new ConfigReader({
          fastapiChecklist: { checks: { tracing: { enabled: false } } },
        }),
      ),
    });
    const rechecked = await withoutTracing.refresh(entity);
    expect(analyses() - analysed).toBe(2);
    expect(rechecked.result?.items.map(item => item.id)).not.toContain(
      'tracing',
    );
    await withoutTracing.refresh(entity);
    expect(analyses() - analysed).toBe(2);
  });

  it('keeps one history entry for a repository that keeps failing the same way', async () => {
    const broken = entityOf(`missing-${tag}`);
    const service = replica();
    for (let i = 0; i < 4; i++) await service.refresh(broken);
    const stored = await service.checklist(broken);
    expect(stored.status).toBe('error');
    expect(stored.error).not.toContain(root.path);
    expect(await service.history(broken)).toHaveLength(1);
  });
});
