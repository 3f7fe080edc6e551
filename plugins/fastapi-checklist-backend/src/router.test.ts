import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  createMockDirectory,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  readChecklistLevels,
  readChecklistOptions,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import express from 'express';
import request from 'supertest';
import { serviceRepository } from './__fixtures__/services';
import { DatabaseChecklistStore } from './database/DatabaseChecklistStore';
import { FleetFixes } from './fix/FleetFixes';
import { FixPreviews } from './fix/FixPreviews';
import { ChecklistAccess } from './permissions';
import { createRouter } from './router';
import { ChecklistService } from './service/ChecklistService';
import { UpgradeChanges } from './upgrade/UpgradeChanges';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const root = createMockDirectory();

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'orders',
    namespace: 'default',
    annotations: {
      'fastapi-golden-path/checklist': 'enabled',
      'backstage.io/managed-by-location': `file:${root.resolve(
        'orders',
        'catalog-info.yaml',
      )}`,
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

/** The real router over a real service and store, with `refresh.minInterval` given. */
async function appWith(minRefreshInterval: number) {
  const store = await DatabaseChecklistStore.create({
    database: mockServices.database({
      knex: await databases.init('SQLITE_3'),
      migrations: { skip: false },
    }),
  });
  const service = new ChecklistService({
    catalog: catalogServiceMock({ entities: [entity] }),
    auth: mockServices.auth(),
    urlReader: mockServices.urlReader.mock(),
    store,
    logger: mockServices.logger.mock(),
    checklist: readChecklistOptions(new ConfigReader({})),
    levels: readChecklistLevels(new ConfigReader({})),
    localRoot: root.path,
    historyLimit: 50,
    concurrency: 1,
    claimTimeout: 60_000,
    minRefreshInterval,
  });
  const middleware = MiddlewareFactory.create({
    config: mockServices.rootConfig(),
    logger: mockServices.logger.mock(),
  });
  const app = express();
  app.use(
    await createRouter({
      httpAuth: mockServices.httpAuth(),
      service,
      access: new ChecklistAccess(mockServices.permissions()),
      upgrades: new UpgradeChanges({
        catalog: catalogServiceMock({ entities: [entity] }),
        auth: mockServices.auth(),
        viewBaseUrl: async () => 'http://localhost/api/fastapi-checklist',
        github: async () => {
          throw new Error('no GitHub here');
        },
      }),
      fleetFixes: new FleetFixes({
        catalog: catalogServiceMock({ entities: [entity] }),
        store,
      }),
      fixes: new FixPreviews({
        urlReader: mockServices.urlReader.mock(),
        checklist: {},
        timeoutMs: 60_000,
      }),
    }),
  );
  app.use(middleware.error());
  return app;
}

describe('POST /entity/…/refresh and the re-check interval', () => {
  beforeAll(() => {
    root.setContent({ orders: serviceRepository('orders', 'group:default/a') });
  });

  it('answers 429 with Retry-After within the interval, and says when in the checklist', async () => {
    const app = await appWith(60_000);
    const first = await request(app).get('/entity/default/component/orders');
    expect(first.status).toBe(200);
    expect(first.body.refreshAvailableAt).toBe(
      new Date(Date.parse(first.body.evaluatedAt) + 60_000).toISOString(),
    );

    const refused = await request(app).post(
      '/entity/default/component/orders/refresh',
    );
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(50);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body.error).toEqual({
      name: 'RefreshTooSoonError',
      message: `component:default/orders was evaluated moments ago; re-check again in ${retryAfter} s`,
      retryAfterMs: expect.any(Number),
    });
    expect(refused.body.response).toEqual({ statusCode: 429 });
  });

  it('re-evaluates when the interval has passed', async () => {
    const app = await appWith(0);
    const first = await request(app).get('/entity/default/component/orders');
    const again = await request(app).post(
      '/entity/default/component/orders/refresh',
    );
    expect(again.status).toBe(200);
    expect(Date.parse(again.body.evaluatedAt)).toBeGreaterThan(
      Date.parse(first.body.evaluatedAt),
    );
  });
});
