import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import knexFactory, { Knex } from 'knex';
import { DatabaseChecklistStore } from './DatabaseChecklistStore';
import { oneReplicaAtATime } from './oneReplicaAtATime';

const databases = TestDatabases.create({ ids: ['POSTGRES_15'] });
const REPLICAS = 4;

/** Replicas' own connection pools to one fresh database, as separate processes have. */
async function replicasOnFreshDatabase(): Promise<Knex[]> {
  if (!databases.supports('POSTGRES_15')) {
    throw new Error(
      'POSTGRES_15 is not available: start PostgreSQL with scripts/start-postgres.sh and ' +
        'export the URL it prints as BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING.',
    );
  }
  const first = await databases.init('POSTGRES_15');
  const others = Array.from({ length: REPLICAS - 1 }, () =>
    knexFactory({ client: 'pg', connection: first.client.config.connection }),
  );
  return [first, ...others];
}

function startStore(knex: Knex) {
  return DatabaseChecklistStore.create({
    database: mockServices.database({ knex, migrations: { skip: false } }),
  });
}

describe('oneReplicaAtATime', () => {
  const opened: Knex[] = [];
  afterAll(async () => {
    // the first of each set belongs to TestDatabases, which closes it
    await Promise.all(opened.map(knex => knex.destroy()));
  });

  // Without the lock, four replicas migrating a fresh database together fail most of
  // the time (duplicate knex_migrations tables, or a lock table with several rows).
  it.each([1, 2, 3])(
    'lets %s× four replicas start on a fresh PostgreSQL database at once',
    async () => {
      const replicas = await replicasOnFreshDatabase();
      opened.push(...replicas.slice(1));

      const started = await Promise.allSettled(
        replicas.map(knex => oneReplicaAtATime(knex, () => startStore(knex))),
      );

      expect(
        started.flatMap(s =>
          s.status === 'rejected' ? [String(s.reason)] : [],
        ),
      ).toEqual([]);
      // knex's own lock table keeps one row, so later migrations can still lock it
      expect(await replicas[0]('knex_migrations_lock').count('* as n')).toEqual(
        [{ n: '1' }],
      );
      const store = (
        started[REPLICAS - 1] as PromiseFulfilledResult<DatabaseChecklistStore>
      ).value;
      expect(await store.get('component:default/none')).toBeUndefined();
    },
    60_000,
  );

  it('makes a second replica wait until the first one is done', async () => {
    const [a, b, ...rest] = await replicasOnFreshDatabase();
    opened.push(b, ...rest);
    const events: string[] = [];
    let finishA = () => {};
    const aHolds = new Promise<void>(resolve => {
      void oneReplicaAtATime(a, async () => {
        events.push('a starts');
        resolve();
        await new Promise<void>(done => {
          finishA = done;
        });
        events.push('a ends');
      });
    });
    await aHolds;
    const bDone = oneReplicaAtATime(b, async () => {
      events.push('b starts');
    });
    // b is blocked on the lock, not merely slow: give it time to (wrongly) start
    await new Promise(resolve => setTimeout(resolve, 500));
    expect(events).toEqual(['a starts']);
    finishA();
    await bDone;
    expect(events).toEqual(['a starts', 'a ends', 'b starts']);
  });

  it('releases the lock when the work fails, so the next replica proceeds', async () => {
    const replicas = await replicasOnFreshDatabase();
    opened.push(...replicas.slice(1));
    await expect(
      oneReplicaAtATime(replicas[0], async () => {
        throw new Error('migration failed');
      }),
    ).rejects.toThrow('migration failed');
    await expect(
      oneReplicaAtATime(replicas[1], async () => 'next'),
    ).resolves.toBe('next');
  });
});
