import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { FLEET_FRESH_LIMIT } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  readChecklistLevels,
  readChecklistOptions,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import express from 'express';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { TestRepository } from '../__fixtures__/testRepository';
import { DatabaseChecklistStore } from '../database/DatabaseChecklistStore';
import { FleetFixes } from '../fix/FleetFixes';
import { FixPreviews } from '../fix/FixPreviews';
import { ChecklistAccess } from '../permissions';
import { createRouter } from '../router';
import { ChecklistService } from '../service/ChecklistService';
import { githubClients } from './githubClients';
import { FLEET_CHANGE_LOOKUP_LIMIT, UpgradeChanges } from './UpgradeChanges';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const root = createMockDirectory();
const INTRUDER = 'user:default/intruder';
const record = 'Golden-Path-Upgrade: 0.1.0 -> 0.2.0\nGolden-Path-Conflicts: 0';

const template: Entity = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: {
    name: 'fastapi-service',
    namespace: 'default',
    annotations: { 'fastapi-golden-path/version': '0.2.0' },
  },
  spec: {},
};

function service(
  name: string,
  version: string,
  annotations: Record<string, string>,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      title: name.toUpperCase(),
      annotations: {
        'fastapi-golden-path/checklist': 'enabled',
        'fastapi-golden-path/template': `fastapi-service@${version}`,
        ...annotations,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/team-a',
    },
  };
}
const local = (name: string, version: string) =>
  service(name, version, {
    'backstage.io/managed-by-location': `file:${root.resolve(
      name,
      'catalog-info.yaml',
    )}`,
  });

const entities = [
  template,
  local('orders', '0.1.0'),
  local('billing', '0.1.0'),
  local('current', '0.2.0'),
  service('payments', '0.1.0', { 'github.com/project-slug': 'acme/payments' }),
];

/** GitHub's API: the one mock. acme/payments has an open upgrade pull request. */
const githubCalls: string[] = [];
const githubApi = setupServer(
  http.get(
    'https://api.github.com/repos/acme/payments/pulls',
    ({ request: r }) => {
      githubCalls.push(
        `${r.headers.get('authorization')} ${new URL(r.url).searchParams.get(
          'head',
        )}`,
      );
      return HttpResponse.json([
        {
          number: 3,
          html_url: 'https://github.com/acme/payments/pull/3',
          state: 'open',
          merged_at: null,
        },
      ]);
    },
  ),
  http.get('https://api.github.com/repos/acme/payments/pulls/3', () =>
    HttpResponse.json({
      number: 3,
      html_url: 'https://github.com/acme/payments/pull/3',
      state: 'open',
      merged_at: null,
      body: `<!--\n${record}\n-->`,
      commits: 1,
      mergeable_state: 'dirty',
      head: { sha: 'abc' },
    }),
  ),
);

/** Everyone may read every checklist but the intruder, who may read none. */
const permissions = mockServices.permissions.mock({
  authorize: async (requests: any[], options: any) =>
    requests.map(() => ({
      result:
        options?.credentials?.principal?.userEntityRef === INTRUDER
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    })) as any,
  authorizeConditional: async (requests: any[], options: any) =>
    requests.map(() => ({
      result:
        options?.credentials?.principal?.userEntityRef === INTRUDER
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    })) as any,
});

async function app() {
  const catalog = catalogServiceMock({ entities });
  const store = await DatabaseChecklistStore.create({
    database: mockServices.database({
      knex: await databases.init('SQLITE_3'),
      migrations: { skip: false },
    }),
  });
  const checklists = new ChecklistService({
    catalog,
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
    minRefreshInterval: 0,
  });
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: { github: [{ host: 'github.com', token: 'gh-token' }] },
    }),
  );
  const result = express();
  result.use(
    await createRouter({
      httpAuth: mockServices.httpAuth(),
      service: checklists,
      access: new ChecklistAccess(permissions),
      upgrades: new UpgradeChanges({
        catalog,
        auth: mockServices.auth(),
        localRoot: root.path,
        viewBaseUrl: async () => 'http://portal/api/fastapi-checklist',
        github: githubClients(integrations),
      }),
      fleetFixes: new FleetFixes({ catalog: catalog, store }),
      fixes: new FixPreviews({
        urlReader: mockServices.urlReader.mock(),
        checklist: {},
        timeoutMs: 60_000,
      }),
    }),
  );
  result.use(
    MiddlewareFactory.create({
      config: mockServices.rootConfig(),
      logger: mockServices.logger.mock(),
    }).error(),
  );
  return result;
}

describe('GET /entity/…/upgrade and GET /upgrades', () => {
  // supertest's requests to the app pass; an unexpected GitHub request fails the test
  beforeAll(() =>
    githubApi.listen({
      onUnhandledRequest: (req, print) => {
        if (new URL(req.url).hostname.endsWith('github.com')) print.error();
      },
    }),
  );
  afterAll(() => githubApi.close());
  beforeAll(async () => {
    root.clear();
    const files = { 'catalog-info.yaml': 'kind: Component\n' };
    const orders = await TestRepository.create(root.resolve('orders'), files);
    await orders.upgradeBranch(
      'golden-path/upgrade-0.2.0',
      { 'app/new.py': 'x = 1\n' },
      { fromVersion: '0.1.0', toVersion: '0.2.0', conflicts: [] },
    );
    await TestRepository.create(root.resolve('billing'), files);
    await TestRepository.create(root.resolve('current'), files);
  });

  it("answers a local service's versions and its open upgrade branch", async () => {
    const res = await request(await app()).get(
      '/entity/default/component/orders/upgrade',
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      version: '0.1.0',
      latest: '0.2.0',
      change: {
        target: 'local',
        state: 'open',
        branch: 'golden-path/upgrade-0.2.0',
        repository: 'orders',
        url: 'http://portal/api/fastapi-checklist/local/orders/',
        conflicts: [],
      },
    });
  });

  it('answers no change where there is no branch', async () => {
    const res = await request(await app()).get(
      '/entity/default/component/billing/upgrade',
    );
    expect(res.body).toEqual({ version: '0.1.0', latest: '0.2.0' });
  });

  it("reads a GitHub service's pull request with the integration's token", async () => {
    githubCalls.length = 0;
    const res = await request(await app()).get(
      '/entity/default/component/payments/upgrade',
    );
    expect(res.body.change).toEqual({
      target: 'github',
      state: 'conflicts',
      branch: 'golden-path/upgrade-0.2.0',
      url: 'https://github.com/acme/payments/pull/3',
      number: 3,
      conflicts: [],
    });
    expect(githubCalls).toEqual([
      'token gh-token acme:golden-path/upgrade-0.2.0',
    ]);
  });

  it('refuses a caller without the read permission', async () => {
    const res = await request(await app())
      .get('/entity/default/component/orders/upgrade')
      .set('authorization', mockCredentials.user.header(INTRUDER));
    expect(res.status).toBe(403);
  });

  it('shows the fleet: versions, how many are behind, and which have an open change', async () => {
    const res = await request(await app()).get('/upgrades');
    expect(res.status).toBe(200);
    expect(res.body.totals).toEqual({ services: 4, behind: 3, openChanges: 2 });
    expect(res.body.versions).toEqual([
      { version: '0.2.0', services: 1 },
      { version: '0.1.0', services: 3 },
    ]);
    expect(res.body.changeLookupLimit).toBe(FLEET_CHANGE_LOOKUP_LIMIT);
    expect(res.body.changesNotLookedUp).toBe(0);
    const byRef = Object.fromEntries(
      res.body.rows.map((row: any) => [row.entityRef, row]),
    );
    expect(byRef['component:default/orders']).toMatchObject({
      title: 'ORDERS',
      owner: 'group:default/team-a',
      template: 'fastapi-service',
      version: '0.1.0',
      latest: '0.2.0',
      behind: true,
      change: { state: 'open' },
    });
    expect(byRef['component:default/payments'].change.state).toBe('conflicts');
    expect(byRef['component:default/billing'].change).toBeUndefined();
    expect(byRef['component:default/current']).toMatchObject({
      behind: false,
      version: '0.2.0',
    });
    // services at the latest version are not looked up
    expect(byRef['component:default/current'].change).toBeUndefined();
  });

  it('refuses a fresh list longer than FLEET_FRESH_LIMIT', async () => {
    const fresh = Array.from(
      { length: FLEET_FRESH_LIMIT + 1 },
      (_, i) => `fresh=${encodeURIComponent(`component:default/s${i}`)}`,
    ).join('&');
    const res = await request(await app()).get(`/upgrades?${fresh}`);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain(
      `fresh may name at most ${FLEET_FRESH_LIMIT} services`,
    );
    const one = await request(await app()).get(
      `/upgrades?fresh=${encodeURIComponent('component:default/orders')}`,
    );
    expect(one.status).toBe(200);
    expect(one.body.totals.openChanges).toBe(2);
  });

  it('shows the intruder an empty fleet', async () => {
    const res = await request(await app())
      .get('/upgrades')
      .set('authorization', mockCredentials.user.header(INTRUDER));
    expect(res.body.totals).toEqual({ services: 0, behind: 0, openChanges: 0 });
    expect(res.body.rows).toEqual([]);
  });
});
