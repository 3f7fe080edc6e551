import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { setTimeout as sleep } from 'node:timers/promises';
import { DatabaseChecklistStore } from '../database/DatabaseChecklistStore';
import { EvaluationCoordinator } from './EvaluationCoordinator';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

function entity(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default' },
    spec: {},
  };
}

describe('EvaluationCoordinator draining the queue', () => {
  let store: DatabaseChecklistStore;
  beforeEach(async () => {
    store = await DatabaseChecklistStore.create({
      database: mockServices.database({
        knex: await databases.init('SQLITE_3'),
        migrations: { skip: false },
      }),
    });
  });

  /** A replica whose evaluations take `ms` each, counting them per entity. */
  function replica(options: {
    ms: number;
    concurrency: number;
    claimTimeout: number;
    evaluated: Map<string, number>;
    catalogRequests: string[][];
    maxCompletionDelay?: number;
    /** When given, each evaluation's start and end, in order. */
    events?: string[];
  }) {
    return new EvaluationCoordinator({
      maxCompletionDelay: options.maxCompletionDelay,
      store,
      logger: mockServices.logger.mock(),
      concurrency: options.concurrency,
      claimTimeout: options.claimTimeout,
      historyLimit: 10,
      async evaluate(target) {
        const ref = `component:default/${target.metadata.name}`;
        options.evaluated.set(ref, (options.evaluated.get(ref) ?? 0) + 1);
        options.events?.push(`start ${target.metadata.name}`);
        await sleep(options.ms);
        options.events?.push(`end ${target.metadata.name}`);
        return {
          entityRef: ref,
          status: 'error',
          error: 'not analysed in this test',
          evaluatedAt: new Date().toISOString(),
        };
      },
      async loadEntities(refs) {
        options.catalogRequests.push(refs);
        return new Map(refs.map(ref => [ref, entity(ref.split('/')[1])]));
      },
    });
  }

  it('asks the catalog once per batch of several rounds, not once per round', async () => {
    const refs = Array.from(
      { length: 12 },
      (_, i) => `component:default/s-${i}`,
    );
    await store.enqueue(refs, Date.now());
    const catalogRequests: string[][] = [];
    const evaluated = new Map<string, number>();
    const drained = await replica({
      ms: 1,
      concurrency: 3,
      claimTimeout: 60_000,
      evaluated,
      catalogRequests,
    }).drainQueue();
    expect(drained).toBe(12);
    expect(catalogRequests).toHaveLength(1);
    expect([...evaluated.values()]).toEqual(Array(12).fill(1));
  });

  it('saves the evaluations of a batch in one transaction, not one each', async () => {
    const refs = Array.from(
      { length: 12 },
      (_, i) => `component:default/t-${i}`,
    );
    await store.enqueue(refs, Date.now());
    const completeMany = jest.spyOn(store, 'completeMany');
    const complete = jest.spyOn(store, 'complete');
    const drained = await replica({
      ms: 1,
      concurrency: 3,
      claimTimeout: 60_000,
      evaluated: new Map(),
      catalogRequests: [],
      // Only a full batch or its last evaluation stores, however slow the machine.
      maxCompletionDelay: 60_000,
    }).drainQueue();
    expect(drained).toBe(12);
    expect(complete).not.toHaveBeenCalled();
    expect(completeMany).toHaveBeenCalledTimes(1);
    expect(completeMany.mock.calls[0][0].map(r => r.entityRef).sort()).toEqual(
      [...refs].sort(),
    );
    const stored = await store.getMany(refs);
    expect(stored.size).toBe(12);
    expect(
      await store.claimQueued(
        { owner: 'x', expiresAt: Date.now() + 1000 },
        100,
        Date.now(),
      ),
    ).toEqual([]);
  });

  it('claims the next batch while the last entries of the current one run, so no lane waits', async () => {
    // One lane: batches of 8. Sixteen entries, so a second batch.
    const refs = Array.from(
      { length: 16 },
      (_, i) => `component:default/p-${String(i).padStart(2, '0')}`,
    );
    await store.enqueue(refs, Date.now());
    const events: string[] = [];
    const claimQueued = store.claimQueued.bind(store);
    jest
      .spyOn(store, 'claimQueued')
      .mockImplementation(async (claim, limit, now) => {
        const claimed = await claimQueued(claim, limit, now);
        events.push(`claimed ${claimed.length}`);
        return claimed;
      });
    const coordinator = replica({
      ms: 50,
      concurrency: 1,
      claimTimeout: 60_000,
      evaluated: new Map(),
      catalogRequests: [],
      events,
    });
    expect(await coordinator.drainQueue()).toBe(16);
    const [first, last] = [
      events.indexOf('start p-07'),
      events.indexOf('end p-07'),
    ];
    const second = events.indexOf('claimed 8', events.indexOf('claimed 8') + 1);
    // The second batch was claimed after the first batch's last entry started, before it ended.
    expect(second).toBeGreaterThan(first);
    expect(second).toBeLessThan(last);
    expect(events.filter(e => e.startsWith('start'))).toHaveLength(16);
    expect(events.filter(e => e.startsWith('claimed'))).toEqual([
      'claimed 8',
      'claimed 8',
      'claimed 0',
    ]);
  });

  it('keeps the claims of entries still waiting in its batch, so no other replica takes them', async () => {
    const refs = Array.from(
      { length: 4 },
      (_, i) => `component:default/w-${i}`,
    );
    await store.enqueue(refs, Date.now());
    const evaluated = new Map<string, number>();
    // Claims last 1.5 s and are renewed every 0.5 s: a renewal may come a second late.
    const common = { claimTimeout: 1500, evaluated, catalogRequests: [] };
    // One lane, 4 × 1 s: the last entries wait twice as long as a claim lasts.
    const slow = replica({ ...common, ms: 1000, concurrency: 1 });
    const other = replica({ ...common, ms: 1, concurrency: 1 });
    const draining = slow.drainQueue();
    // The other replica keeps trying while the slow one works through its batch.
    let tookOver = 0;
    for (let i = 0; i < 16; i++) {
      await sleep(300);
      tookOver += await other.drainQueue();
    }
    expect(await draining).toBe(4);
    expect(tookOver).toBe(0);
    expect([...evaluated.values()]).toEqual([1, 1, 1, 1]);
  });
});
