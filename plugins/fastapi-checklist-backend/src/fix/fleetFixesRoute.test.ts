import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  fastapiChecklistReadPermission,
  utcDay,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  FIXABLE_CHECKS,
  readChecklistLevels,
  readChecklistOptions,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import express from 'express';
import request from 'supertest';
import { serviceRepository } from '../__fixtures__/services';
import { DatabaseChecklistStore } from '../database/DatabaseChecklistStore';
import { ChecklistAccess } from '../permissions';
import { createRouter } from '../router';
import { ChecklistService } from '../service/ChecklistService';
import { UpgradeChanges } from '../upgrade/UpgradeChanges';
import { FixPreviews } from './FixPreviews';
import { FleetFixes } from './FleetFixes';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const root = createMockDirectory();

/** May read every checklist, and re-check (so fix) orders and waived only. */
const OWNER = 'user:default/owner';
/** May read every checklist, but re-check none. */
const READER = 'user:default/reader';
/** May read no checklist. */
const INTRUDER = 'user:default/intruder';

const DOCKERFILE_WITHOUT_USER = [
  'FROM python:3.13-slim',
  'COPY requirements.txt ./',
  'RUN pip install --no-cache-dir -r requirements.txt',
  'COPY app ./app',
  'HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:8000/health\')"]',
  'CMD ["fastapi", "run", "app/main.py", "--workers", "2"]',
  '',
].join('\n');

/** A waiver of the Dockerfile check that is active for the next 30 days. */
const DOCKERFILE_WAIVER = [
  'waivers:',
  '  - check: dockerfile',
  '    reason: The platform builds this image',
  `    expires: ${utcDay(new Date(Date.now() + 30 * 86_400_000))}`,
  '    approvedBy: group:default/platform',
  '',
].join('\n');

const NAMES = ['orders', 'payments', 'waived', 'healthy'];

const entityOf = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    title: name.toUpperCase(),
    annotations: {
      'fastapi-golden-path/checklist': 'enabled',
      'fastapi-golden-path/template': 'fastapi-service@0.1.0',
      'backstage.io/managed-by-location': `file:${root.resolve(
        name,
        'catalog-info.yaml',
      )}`,
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
});
const entities = NAMES.map(entityOf);

const userOf = (options: any): string | undefined =>
  options?.credentials?.principal?.userEntityRef;

/** The decision of a permission on a resource (or on none: the policy's outright answer). */
function decide(user: string | undefined, name: string, resourceRef?: string) {
  if (user === INTRUDER) return AuthorizeResult.DENY;
  if (name === fastapiChecklistReadPermission.name)
    return AuthorizeResult.ALLOW;
  if (user === READER) return AuthorizeResult.DENY;
  if (user !== OWNER) return AuthorizeResult.ALLOW;
  if (!resourceRef) return AuthorizeResult.CONDITIONAL;
  return ['component:default/orders', 'component:default/waived'].includes(
    resourceRef,
  )
    ? AuthorizeResult.ALLOW
    : AuthorizeResult.DENY;
}

const permissions = mockServices.permissions.mock({
  authorize: async (requests: any[], options: any) =>
    requests.map(({ permission, resourceRef }) => ({
      result: decide(userOf(options), permission.name, resourceRef),
    })) as any,
  authorizeConditional: async (requests: any[], options: any) =>
    requests.map(({ permission }) => ({
      result: decide(userOf(options), permission.name),
    })) as any,
});

async function app() {
  const checklist = readChecklistOptions(new ConfigReader({}));
  const catalog = catalogServiceMock({ entities });
  const store = await DatabaseChecklistStore.create({
    database: mockServices.database({
      knex: await databases.init('SQLITE_3'),
      migrations: { skip: false },
    }),
  });
  const service = new ChecklistService({
    catalog,
    auth: mockServices.auth(),
    urlReader: mockServices.urlReader.mock(),
    store,
    logger: mockServices.logger.mock(),
    checklist,
    levels: readChecklistLevels(new ConfigReader({})),
    localRoot: root.path,
    historyLimit: 50,
    concurrency: 1,
    claimTimeout: 60_000,
    minRefreshInterval: 0,
  });
  const result = express();
  result.use(
    await createRouter({
      httpAuth: mockServices.httpAuth(),
      service,
      access: new ChecklistAccess(permissions),
      upgrades: new UpgradeChanges({
        catalog,
        auth: mockServices.auth(),
        viewBaseUrl: async () => 'http://localhost/api/fastapi-checklist',
        github: async () => {
          throw new Error('no GitHub here');
        },
      }),
      fixes: new FixPreviews({
        urlReader: mockServices.urlReader.mock(),
        checklist,
        localRoot: root.path,
        timeoutMs: 60_000,
      }),
      fleetFixes: new FleetFixes({ catalog, store }),
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

const as = (user: string) => ({
  authorization: mockCredentials.user.header(user),
});

// Four services are analysed before the tests: seconds on a loaded machine.
jest.setTimeout(120_000);

describe('GET /fixes: who fails or warns each check with an automatic fix', () => {
  let server: express.Express;
  const countOf = (body: any, id: string) =>
    body.checks.find((c: { id: string }) => c.id === id)?.services;

  beforeAll(async () => {
    root.setContent({
      orders: serviceRepository('orders', 'group:default/a', {
        Dockerfile: DOCKERFILE_WITHOUT_USER,
      }),
      payments: serviceRepository('payments', 'group:default/a', {
        Dockerfile: DOCKERFILE_WITHOUT_USER,
      }),
      waived: serviceRepository('waived', 'group:default/a', {
        Dockerfile: DOCKERFILE_WITHOUT_USER,
        '.golden-path/waivers.yaml': DOCKERFILE_WAIVER,
      }),
      healthy: serviceRepository('healthy', 'group:default/a'),
    });
    server = await app();
    // healthy is never evaluated: without a result it is offered no fix
    for (const name of ['orders', 'payments', 'waived']) {
      const res = await request(server).get(
        `/entity/default/component/${name}`,
      );
      if (res.status !== 200) throw new Error(`${name}: ${res.status}`);
    }
  });

  it('lists the services failing or warning the check, but not one whose waiver covers it, nor one never evaluated', async () => {
    const res = await request(server).get('/fixes?check=dockerfile');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      checks: FIXABLE_CHECKS.map(id => ({ id, services: expect.any(Number) })),
      check: 'dockerfile',
      rows: [
        {
          entityRef: 'component:default/orders',
          title: 'ORDERS',
          owner: 'team-a',
          template: 'fastapi-service',
          status: 'warn',
        },
        {
          entityRef: 'component:default/payments',
          title: 'PAYMENTS',
          owner: 'team-a',
          template: 'fastapi-service',
          status: 'warn',
        },
      ],
      notOffered: 0,
    });
    expect(countOf(res.body, 'dockerfile')).toBe(2);
    // the small services configure no logging: every evaluated one fails it (healthy,
    // never evaluated, would too)
    expect(countOf(res.body, 'logging')).toBe(3);
    // the counts come alone without a check
    const counts = await request(server).get('/fixes');
    expect(counts.body.checks).toEqual(res.body.checks);
    expect(counts.body.rows).toEqual([]);
    expect(counts.body.check).toBeUndefined();
  });

  it('offers only the services the caller may re-check, and counts the others apart', async () => {
    const owner = await request(server)
      .get('/fixes?check=dockerfile')
      .set(as(OWNER));
    expect(owner.body.rows.map((r: any) => r.entityRef)).toEqual([
      'component:default/orders',
    ]);
    expect(owner.body.notOffered).toBe(1);
    expect(countOf(owner.body, 'dockerfile')).toBe(1);
    expect(countOf(owner.body, 'logging')).toBe(2);

    const reader = await request(server)
      .get('/fixes?check=dockerfile')
      .set(as(READER));
    expect(reader.status).toBe(200);
    expect(reader.body.rows).toEqual([]);
    expect(reader.body.notOffered).toBe(2);
    expect(countOf(reader.body, 'logging')).toBe(0);

    // who may not read learns nothing, not even how many there are
    const intruder = await request(server)
      .get('/fixes?check=dockerfile')
      .set(as(INTRUDER));
    expect(intruder.body.rows).toEqual([]);
    expect(intruder.body.notOffered).toBe(0);
    expect(countOf(intruder.body, 'logging')).toBe(0);
  });

  it('refuses a check without an automatic fix, or several', async () => {
    const unfixable = await request(server).get('/fixes?check=ci');
    expect(unfixable.status).toBe(400);
    expect(unfixable.body.error.message).toBe(
      `check must be a check with an automatic fix: ${FIXABLE_CHECKS.join(
        ', ',
      )}`,
    );
    const several = await request(server).get(
      '/fixes?check=dockerfile&check=logging',
    );
    expect(several.status).toBe(400);
  });
});
