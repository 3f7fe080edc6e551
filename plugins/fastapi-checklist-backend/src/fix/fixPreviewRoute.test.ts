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
import { fastapiChecklistRefreshPermission } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  readChecklistLevels,
  readChecklistOptions,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import express from 'express';
import fs from 'node:fs';
import request from 'supertest';
import { serviceRepository } from '../__fixtures__/services';
import { DatabaseChecklistStore } from '../database/DatabaseChecklistStore';
import { FleetFixes } from './FleetFixes';
import { ChecklistAccess } from '../permissions';
import { createRouter } from '../router';
import { ChecklistService } from '../service/ChecklistService';
import { UpgradeChanges } from '../upgrade/UpgradeChanges';
import { FixPreviews } from './FixPreviews';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
const root = createMockDirectory();
/** May read every checklist, but not re-check (nor fix) any. */
const READER = 'user:default/reader';

const DOCKERFILE_WITHOUT_USER = [
  'FROM python:3.13-slim',
  'COPY requirements.txt ./',
  'RUN pip install --no-cache-dir -r requirements.txt',
  'COPY app ./app',
  'HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen(\'http://127.0.0.1:8000/health\')"]',
  'CMD ["fastapi", "run", "app/main.py", "--workers", "2"]',
  '',
].join('\n');

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

const permissions = mockServices.permissions.mock({
  authorize: async (requests: any[], options: any) =>
    requests.map(({ permission }) => ({
      result:
        options?.credentials?.principal?.userEntityRef === READER &&
        permission.name === fastapiChecklistRefreshPermission.name
          ? AuthorizeResult.DENY
          : AuthorizeResult.ALLOW,
    })) as any,
});

async function app() {
  const checklist = readChecklistOptions(new ConfigReader({}));
  const catalog = catalogServiceMock({ entities: [entity] });
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
      fleetFixes: new FleetFixes({ catalog: catalog, store }),
      fixes: new FixPreviews({
        urlReader: mockServices.urlReader.mock(),
        checklist,
        localRoot: root.path,
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

const PREVIEW = '/entity/default/component/orders/fix-preview';

describe('Fix it: the fixable checks and POST /entity/…/fix-preview', () => {
  beforeEach(() => {
    root.setContent({
      orders: serviceRepository('orders', 'group:default/a', {
        Dockerfile: DOCKERFILE_WITHOUT_USER,
      }),
    });
  });

  it('lists the failing or warning checks that have an automatic fix with the checklist', async () => {
    const res = await request(await app()).get(
      '/entity/default/component/orders',
    );
    expect(res.status).toBe(200);
    const statusOf = (id: string) =>
      res.body.result.items.find((i: { id: string }) => i.id === id)?.status;
    expect(statusOf('dockerfile')).toBe('warn');
    expect(res.body.fixable).toContain('dockerfile');
    // a passing check with a fix, and a failing one without, are not offered
    expect(statusOf('health')).toBe('pass');
    expect(res.body.fixable).not.toContain('health');
    const failingWithoutFix = res.body.result.items.filter(
      (i: { id: string; status: string }) =>
        i.status === 'fail' && !res.body.fixable.includes(i.id),
    );
    expect(failingWithoutFix.length).toBeGreaterThan(0);
    for (const id of res.body.fixable)
      expect(['fail', 'warn']).toContain(statusOf(id));
  });

  it('answers the diff, the checks expected to change and the refusals, and writes nothing', async () => {
    const res = await request(await app())
      .post(PREVIEW)
      .send({ checks: ['dockerfile', 'health', 'ci'] });
    expect(res.status).toBe(200);
    expect(res.body.fixed).toEqual([
      { id: 'dockerfile', from: 'warn', to: 'pass' },
    ]);
    expect(res.body.refusals).toEqual([
      { checkId: 'ci', reason: 'no automatic fix exists for this check' },
      { checkId: 'health', reason: 'the check is already pass' },
    ]);
    expect(res.body.files).toHaveLength(1);
    const [file] = res.body.files;
    expect(file).toMatchObject({ path: 'Dockerfile', deleted: false });
    expect(file.diff).toContain('--- a/Dockerfile\n+++ b/Dockerfile\n');
    const changed = file.diff
      .split('\n')
      .filter((line: string) => /^[+-][^+-]/.test(line));
    expect(changed).toContain('+USER 10001:10001');
    expect(changed.filter((line: string) => line.startsWith('-'))).toEqual([]);
    expect(fs.readFileSync(root.resolve('orders', 'Dockerfile'), 'utf8')).toBe(
      DOCKERFILE_WITHOUT_USER,
    );
  });

  it('is refused without the refresh permission, and with a malformed body', async () => {
    const server = await app();
    const denied = await request(server)
      .post(PREVIEW)
      .set('authorization', mockCredentials.user.header(READER))
      .send({ checks: ['dockerfile'] });
    expect(denied.status).toBe(403);
    const reader = await request(server)
      .get('/entity/default/component/orders')
      .set('authorization', mockCredentials.user.header(READER));
    expect(reader.status).toBe(200);

    const empty = await request(server).post(PREVIEW).send({ checks: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toBe(
      'checks must name at least one check',
    );
    const notAList = await request(server)
      .post(PREVIEW)
      .send({ checks: 'dockerfile' });
    expect(notAList.status).toBe(400);
  });
});
