/*
 * The checklist's authorization, decided by a real policy: the real permission
 * backend, the real catalog (which applies the policy's catalog conditions) and a
 * test policy; only users and their groups are made up (userInfo).
 */
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  createBackendModule,
  createServiceFactory,
  coreServices,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  AuthorizeResult,
  isPermission,
} from '@backstage/plugin-permission-common';
import type { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import localCatalogModule from '@fastapi-golden-path/plugin-catalog-backend-module-fastapi-local';
import {
  fastapiChecklistReadPermission,
  fastapiChecklistRefreshPermission,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import type { Request } from 'express';
import path from 'node:path';
import request from 'supertest';
import { commitRepository } from './__fixtures__/commitRepository';
import { serviceRepository } from './__fixtures__/services';
import checklistPlugin from './index';

/** Team A's developer: reads every checklist, re-checks Team A's. */
const ALICE = 'user:default/alice';
/** A contractor in Team B: reads and re-checks Team B's checklists only. */
const CAROL = 'user:default/carol';
/** Reads no checklist at all (the catalog still lets them see the entities). */
const VISITOR = 'user:default/visitor';

const groups: Record<string, string[]> = {
  [ALICE]: ['group:default/team-a'],
  [CAROL]: ['group:default/team-b'],
  [VISITOR]: [],
};

const userInfo = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials: any) {
      const userEntityRef = credentials.principal.userEntityRef as string;
      return {
        userEntityRef,
        ownershipEntityRefs: [userEntityRef, ...(groups[userEntityRef] ?? [])],
      };
    },
  }),
});

/**
 * The mock httpAuth, except that a plugin's request on behalf of a user has the plugin
 * as actor, as the real auth service's on-behalf-of tokens do: the permission backend
 * and the catalog's apply-conditions accept a user without a resourceRef only so.
 */
const httpAuth = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const mock = mockServices.httpAuth({ pluginId: plugin.getId() });
    return {
      issueUserCookie: (res, options) => mock.issueUserCookie(res, options),
      async credentials(req: Request, options?: any) {
        const credentials: any = await mock.credentials(req, options);
        const onBehalfOf = req.headers.authorization?.startsWith(
          'Bearer mock-service-token:',
        );
        return onBehalfOf && credentials.principal.type === 'user'
          ? mockCredentials.user(credentials.principal.userEntityRef, {
              actor: { subject: 'plugin' },
            })
          : credentials;
      },
    } as HttpAuthService;
  },
});

const ownedBy = (user?: PolicyQueryUser) =>
  catalogConditions.isEntityOwner({
    claims: user?.info.ownershipEntityRefs ?? [],
  });

const testPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'checklist-test-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle({ permission }, user) {
            const who = user?.info.userEntityRef;
            if (isPermission(permission, fastapiChecklistRefreshPermission)) {
              return createCatalogConditionalDecision(
                permission,
                ownedBy(user),
              );
            }
            if (isPermission(permission, fastapiChecklistReadPermission)) {
              if (who === VISITOR) return { result: AuthorizeResult.DENY };
              if (who === CAROL)
                return createCatalogConditionalDecision(
                  permission,
                  ownedBy(user),
                );
            }
            return { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});

// First requests evaluate (worker pool start-up included): seconds on a busy machine, so
// the default 5 s would be a timing assertion. Generous; nothing here measures time.
jest.setTimeout(60_000);

describe('fastapi-checklist authorization with a real policy', () => {
  const root = createMockDirectory();
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const as = (user: string) => mockCredentials.user.header(user);
  const api = (route: string) => `/api/fastapi-checklist${route}`;
  const refs = (body: { rows: { entityRef: string }[] }) =>
    body.rows.map(row => row.entityRef).sort();

  beforeAll(async () => {
    root.setContent({
      'svc-a': serviceRepository('svc-a', 'group:default/team-a'),
      'svc-b': serviceRepository('svc-b', 'group:default/team-b'),
      // a repository the catalog has no entity from
      unregistered: { 'app/main.py': 'token = "team-a only"\n' },
      // Team B's entity named like Team A's unregistered repository, from svc-c
      'svc-c': {
        'catalog-info.yaml': [
          'apiVersion: backstage.io/v1alpha1',
          'kind: Component',
          'metadata:',
          '  name: unregistered',
          'spec:',
          '  type: service',
          '  lifecycle: production',
          '  owner: group:default/team-b',
          '',
        ].join('\n'),
      },
    });
    // the local repository view shows what is committed
    for (const name of ['svc-a', 'svc-b', 'unregistered', 'svc-c']) {
      await commitRepository(path.join(root.path, name));
    }
    const backend = await startTestBackend({
      features: [
        // the local repositories provider scans on the scheduler
        schedulerServiceFactory,
        userInfo,
        httpAuth,
        permissionPlugin,
        testPolicy,
        catalogPlugin,
        localCatalogModule,
        checklistPlugin,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
            catalog: { rules: [{ allow: ['Component', 'Location'] }] },
            fastapiGoldenPath: {
              local: { root: root.path, scanInterval: { seconds: 1 } },
            },
            // Owners re-check right after the reads above; the re-check interval has
            // its own tests (router.test.ts).
            fastapiChecklist: { refresh: { minInterval: { milliseconds: 0 } } },
          },
        }),
      ],
    });
    server = backend.server;
    // Wait until the catalog has ingested the three repositories, with their owners.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await request(server)
        .get('/api/catalog/entities/by-query')
        .query({ filter: 'kind=component', fields: 'metadata.name,relations' })
        .set('Authorization', as(ALICE));
      const owned = (res.body.items ?? []).filter(
        (e: { relations?: { type: string }[] }) =>
          e.relations?.some(r => r.type === 'ownedBy'),
      );
      if (owned.length === 3) break;
      if (Date.now() > deadline)
        throw new Error(
          `catalog never ingested the local repositories: ${
            res.status
          } ${JSON.stringify(res.body).slice(0, 1500)}`,
        );
      await new Promise(r => setTimeout(r, 250));
    }
  }, 90_000);

  it('registers its permissions with the permission framework', async () => {
    const res = await request(server)
      .get(api('/.well-known/backstage/permissions/metadata'))
      .set('Authorization', mockCredentials.service.header());
    expect(res.status).toBe(200);
    expect(
      res.body.permissions.map((p: { name: string }) => p.name).sort(),
    ).toEqual(['fastapi.checklist.read', 'fastapi.checklist.refresh']);
  });

  it('serves a checklist and its history only to callers the policy lets read it', async () => {
    for (const [user, entity] of [
      [ALICE, 'svc-a'],
      [ALICE, 'svc-b'],
      [CAROL, 'svc-b'],
    ]) {
      const checklist = await request(server)
        .get(api(`/entity/default/component/${entity}`))
        .set('Authorization', as(user));
      expect({ user, entity, status: checklist.status }).toEqual({
        user,
        entity,
        status: 200,
      });
      const history = await request(server)
        .get(api(`/entity/default/component/${entity}/history`))
        .set('Authorization', as(user));
      expect(history.status).toBe(200);
    }

    for (const [user, route] of [
      [CAROL, '/entity/default/component/svc-a'],
      [CAROL, '/entity/default/component/svc-a/history'],
      [VISITOR, '/entity/default/component/svc-a'],
      [VISITOR, '/entity/default/component/svc-b/history'],
    ]) {
      const denied = await request(server)
        .get(api(route))
        .set('Authorization', as(user));
      expect({ user, route, status: denied.status }).toEqual({
        user,
        route,
        status: 403,
      });
      expect(denied.body.error).toMatchObject({
        name: 'NotAllowedError',
        message: expect.stringContaining('fastapi.checklist.read'),
      });
    }
  });

  it('lets only owners re-check', async () => {
    for (const [user, entity] of [
      [ALICE, 'svc-a'],
      [CAROL, 'svc-b'],
    ]) {
      const allowed = await request(server)
        .post(api(`/entity/default/component/${entity}/refresh`))
        .set('Authorization', as(user));
      expect({ user, entity, status: allowed.status }).toEqual({
        user,
        entity,
        status: 200,
      });
      expect(allowed.body.entityRef).toBe(`component:default/${entity}`);
    }

    for (const [user, entity] of [
      [ALICE, 'svc-b'],
      [CAROL, 'svc-a'],
      [VISITOR, 'svc-a'],
    ]) {
      const denied = await request(server)
        .post(api(`/entity/default/component/${entity}/refresh`))
        .set('Authorization', as(user));
      expect({ user, entity, status: denied.status }).toEqual({
        user,
        entity,
        status: 403,
      });
      expect(denied.body.error.name).toBe('NotAllowedError');
    }
    const aliceOnB = await request(server)
      .post(api('/entity/default/component/svc-b/refresh'))
      .set('Authorization', as(ALICE));
    expect(aliceOnB.body.error.message).toBe(
      'Permission fastapi.checklist.refresh on component:default/svc-b is denied',
    );
  });

  it('lists in the summary only the checklists the caller may read', async () => {
    const all = await request(server)
      .get(api('/summary'))
      .set('Authorization', as(ALICE));
    expect(refs(all.body)).toEqual([
      'component:default/svc-a',
      'component:default/svc-b',
    ]);

    const some = await request(server)
      .get(api('/summary'))
      .set('Authorization', as(CAROL));
    expect(refs(some.body)).toEqual(['component:default/svc-b']);
    expect(some.body.totals.services).toBe(1);
    // The filters offer only what the caller may read.
    expect(some.body.facets.owners).toEqual([some.body.rows[0].owner]);
    const csv = await request(server)
      .get(api('/summary?format=csv'))
      .set('Authorization', as(CAROL));
    expect(csv.text.trim().split('\r\n').slice(1)).toEqual([
      expect.stringMatching(/^component:default\/svc-b,/),
    ]);

    const none = await request(server)
      .get(api('/summary'))
      .set('Authorization', as(VISITOR));
    expect(none.status).toBe(200);
    expect(none.body.rows).toEqual([]);
    expect(none.body.totals.services).toBe(0);
  });

  it('answers every route with 401 without credentials', async () => {
    for (const [method, route] of [
      ['get', '/entity/default/component/svc-a'],
      ['get', '/entity/default/component/svc-a/history'],
      ['get', '/entity/default/component/svc-a/upgrade'],
      ['post', '/entity/default/component/svc-a/refresh'],
      ['post', '/entity/default/component/svc-a/fix-preview'],
      ['get', '/upgrades'],
      ['get', '/fixes'],
      ['get', '/summary'],
      ['get', '/local/svc-a/app/main.py'],
    ] as const) {
      const res = await request(server)
        [method](api(route))
        .set('Authorization', mockCredentials.none.header())
        .send(method === 'post' ? { checks: ['health'] } : undefined);
      expect({ method, route, status: res.status }).toEqual({
        method,
        route,
        status: 401,
      });
    }
  });

  it("guards the upgrade routes and Fix it's preview with the same decisions", async () => {
    for (const [user, method, route, permission] of [
      [CAROL, 'get', '/upgrade', 'fastapi.checklist.read'],
      [VISITOR, 'get', '/upgrade', 'fastapi.checklist.read'],
      [CAROL, 'post', '/fix-preview', 'fastapi.checklist.refresh'],
      [VISITOR, 'post', '/fix-preview', 'fastapi.checklist.refresh'],
    ] as const) {
      const denied = await request(server)
        [method](api(`/entity/default/component/svc-a${route}`))
        .set('Authorization', as(user))
        .send(method === 'post' ? { checks: ['health'] } : undefined);
      expect({ user, route, status: denied.status }).toEqual({
        user,
        route,
        status: 403,
      });
      expect(denied.body.error.message).toContain(permission);
    }
    // Alice reads Team B's checklist but may not re-check it, so no preview of its fix.
    const aliceOnB = await request(server)
      .post(api('/entity/default/component/svc-b/fix-preview'))
      .set('Authorization', as(ALICE))
      .send({ checks: ['health'] });
    expect(aliceOnB.body.error.message).toBe(
      'Permission fastapi.checklist.refresh on component:default/svc-b is denied',
    );
    const ownPreview = await request(server)
      .post(api('/entity/default/component/svc-a/fix-preview'))
      .set('Authorization', as(ALICE))
      .send({ checks: ['health'] });
    expect(ownPreview.status).toBe(200);

    const fleet = async (user: string) =>
      (
        await request(server)
          .get(api('/upgrades'))
          .set('Authorization', as(user))
      ).body.rows
        .map((row: { entityRef: string }) => row.entityRef)
        .sort();
    expect(await fleet(ALICE)).toEqual([
      'component:default/svc-a',
      'component:default/svc-b',
    ]);
    expect(await fleet(CAROL)).toEqual(['component:default/svc-b']);
    expect(await fleet(VISITOR)).toEqual([]);
  });

  it("shows a local repository's files only to callers who may read its entity's checklist", async () => {
    const view = (repository: string, user: string) =>
      request(server)
        .get(api(`/local/${repository}/app/main.py`))
        .set('Authorization', as(user));
    for (const [user, repository] of [
      [ALICE, 'svc-a'],
      [ALICE, 'svc-b'],
      [CAROL, 'svc-b'],
    ]) {
      const allowed = await view(repository, user);
      expect({ user, repository, status: allowed.status }).toEqual({
        user,
        repository,
        status: 200,
      });
      expect(allowed.text).toContain('app = FastAPI()');
    }
    for (const [user, repository] of [
      [CAROL, 'svc-a'],
      [VISITOR, 'svc-a'],
      [VISITOR, 'svc-b'],
    ]) {
      const denied = await view(repository, user);
      expect({ user, repository, status: denied.status }).toEqual({
        user,
        repository,
        status: 403,
      });
      expect(denied.text).not.toContain('FastAPI');
    }
    // No entity from the repository's catalog-info.yaml: nobody sees it, not even
    // through an entity from elsewhere that bears its name (Team B's, from svc-c).
    for (const user of [ALICE, CAROL]) {
      const unmapped = await view('unregistered', user);
      expect({ user, status: unmapped.status }).toEqual({ user, status: 404 });
      expect(unmapped.text).not.toContain('team-a only');
    }
  });
});
