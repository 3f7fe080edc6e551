import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

const MIGRATIONS = resolvePackagePath(
  '@fastapi-golden-path/plugin-fastapi-checklist-backend',
  'migrations',
);
const DATABASES: TestDatabaseId[] = ['SQLITE_3', 'POSTGRES_15'];
const databases = TestDatabases.create({ ids: DATABASES });

describe.each(DATABASES)('the checklist migrations on %s', id => {
  it('fill in the failing checks of results stored before the column existed', async () => {
    if (!databases.supports(id)) throw new Error(`${id} is not available`);
    const knex = await databases.init(id);
    // the schema as the two earlier migrations left it
    await knex.migrate.up({ directory: MIGRATIONS });
    await knex.migrate.up({ directory: MIGRATIONS });
    const result = (statuses: Record<string, string>) =>
      JSON.stringify({
        score: 50,
        items: Object.entries(statuses).map(([itemId, status]) => ({
          id: itemId,
          status,
        })),
      });
    await knex('checklist_results').insert([
      {
        entity_ref: 'component:default/old-a',
        status: 'ok',
        score: 50,
        result: result({ auth: 'fail', cors: 'pass', health: 'fail' }),
        evaluated_at: '2026-11-01T00:00:00.000Z',
      },
      {
        entity_ref: 'component:default/old-b',
        status: 'error',
        error: 'cannot read',
        evaluated_at: '2026-11-01T00:00:00.000Z',
      },
    ]);

    await knex.migrate.latest({ directory: MIGRATIONS });

    const rows = await knex('checklist_results')
      .orderBy('entity_ref')
      .select('entity_ref', 'failing');
    expect(rows).toEqual([
      { entity_ref: 'component:default/old-a', failing: '["auth","health"]' },
      { entity_ref: 'component:default/old-b', failing: '[]' },
    ]);
    // and each check's status, for levels and waivers (none in results that old)
    const checks = await knex('checklist_results')
      .orderBy('entity_ref')
      .select('entity_ref', 'checks');
    expect(checks).toEqual([
      // response-models, auth, input-validation, exception-handlers, cors, … health
      { entity_ref: 'component:default/old-a', checks: '1-f--p-----f' },
      { entity_ref: 'component:default/old-b', checks: '1' },
    ]);
  });

  it('store results compressed with lz4 on PostgreSQL', async () => {
    if (!databases.supports(id)) throw new Error(`${id} is not available`);
    const knex = await databases.init(id);
    await knex.migrate.latest({ directory: MIGRATIONS });
    const result = JSON.stringify({
      score: 90,
      items: Array.from({ length: 200 }, (_, i) => ({ id: `check-${i}` })),
    });
    await knex('checklist_results').insert({
      entity_ref: 'component:default/big',
      status: 'ok',
      result,
      evaluated_at: '2026-11-30T00:00:00.000Z',
    });
    const [row] = await knex('checklist_results').select('result');
    expect(row.result).toBe(result);
    if (id !== 'POSTGRES_15') return;
    const { rows } = await knex.raw(
      `SELECT attcompression, pg_column_compression(result) AS stored
         FROM pg_attribute, checklist_results
        WHERE attrelid = 'checklist_results'::regclass AND attname = 'result'`,
    );
    expect(rows).toEqual([{ attcompression: 'l', stored: 'lz4' }]);
  });
});
