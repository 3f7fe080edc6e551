import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import localCatalogModule from '@fastapi-golden-path/plugin-catalog-backend-module-fastapi-local';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import fs from 'node:fs';
import os from 'node:os';
import * as tar from 'tar';
import path from 'node:path';
import request from 'supertest';
import { serviceRepository } from './__fixtures__/services';
import checklistPlugin from './index';

const INTRUDER = 'user:default/intruder';

/** GitHub's API, which cannot run here: the only mock. Serves acme/orders at a movable commit. */
const github = {
  sha: 'aaaaaaa',
  tarballDownloads: 0,
  files: serviceRepository('orders', 'group:default/team-a') as Record<
    string,
    string
  >,
};

async function tarballOf(
  files: Record<string, string>,
  top: string,
): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gh-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, top, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, top, file), content);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of tar.create({ gzip: true, cwd: dir }, [top]))
    chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const githubApi = setupServer(
  http.get('https://api.github.com/repos/acme/orders/commits/main/status', () =>
    HttpResponse.json({
      sha: github.sha,
      repository: {
        archive_url:
          'https://api.github.com/repos/acme/orders/{archive_format}{/ref}',
        trees_url: 'https://api.github.com/repos/acme/orders/git/trees{/sha}',
      },
    }),
  ),
  http.get(
    'https://api.github.com/repos/acme/orders/tarball/:sha',
    async ({ params }) => {
      github.tarballDownloads += 1;
      const body = await tarballOf(github.files, `acme-orders-${params.sha}`);
      return new HttpResponse(body, {
        headers: { 'content-type': 'application/x-gzip' },
      });
    },
  ),
);

/** Catalog reads are allowed for everyone but the intruder, so permission filtering is real. */
const permissions = createServiceFactory({
  service: coreServices.permissions,
  deps: {},
  factory: () => {
    const decide = (credentials: any) =>
      credentials?.principal?.userEntityRef === INTRUDER
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW;
    return {
      authorize: async (requests: unknown[], options: any) =>
        requests.map(() => ({ result: decide(options?.credentials) })),
      authorizeConditional: async (requests: unknown[], options: any) =>
        requests.map(() => ({ result: decide(options?.credentials) })),
    } as any;
  },
});

// Real analyses through the plugin's worker pool: a first one takes seconds on a busy
// 2-core machine, past jest's 5 s default under `backstage-cli repo test`. Generous,
// never a timing assertion.
jest.setTimeout(60_000);

describe('fastapi-checklist backend', () => {
  const root = createMockDirectory();
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const user = () => mockCredentials.user.header();

  beforeAll(() => githubApi.listen({ onUnhandledRequest: 'bypass' }));
  afterAll(() => githubApi.close());

  beforeAll(async () => {
    root.setContent({
      // Registered locally, but its source lives on GitHub.
      'orders-on-github': {
        'catalog-info.yaml': serviceRepository(
          'orders',
          'group:default/team-a',
        )['catalog-info.yaml'].replace(
          '  annotations:\n',
          '  annotations:\n    backstage.io/source-location: url:https://github.com/acme/orders/tree/main/\n',
        ),
      },
      'svc-a': serviceRepository('svc-a', 'group:default/team-a'),
      'svc-b': serviceRepository('svc-b', 'group:default/team-b', {
        'app/routes.py':
          'from fastapi import APIRouter\nrouter = APIRouter()\n@router.post("/x")\ndef x(body: dict):\n    return body\n',
      }),
      // Never requested by a test: only the scheduled refresh evaluates it.
      'svc-c': serviceRepository('svc-c', 'group:default/team-c'),
      'plain-lib': {
        'catalog-info.yaml':
          'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: {name: plain-lib}\nspec: {type: library, lifecycle: production, owner: group:default/team-a}\n',
      },
    });
    const backend = await startTestBackend({
      features: [
        schedulerServiceFactory,
        permissions,
        catalogPlugin,
        localCatalogModule,
        checklistPlugin,
        mockServices.rootConfig.factory({
          data: {
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
            catalog: { rules: [{ allow: ['Component', 'Location', 'Group'] }] },
            fastapiGoldenPath: {
              local: { root: root.path, scanInterval: { seconds: 1 } },
            },
            fastapiChecklist: {
              // Analyses run in the plugin's worker pool; one worker is plenty here.
              analysis: { workers: 1, maxTotalBytes: 200_000 },
              refresh: {
                schedule: {
                  frequency: { hours: 1 },
                  timeout: { minutes: 1 },
                  initialDelay: { seconds: 3 },
                },
                // These tests re-check right after changing a repository; the per-entity
                // rate limit has its own tests (ChecklistService.test.ts, router.test.ts).
                minInterval: { milliseconds: 0 },
              },
            },
          },
        }),
      ],
    });
    server = backend.server;
    // Wait for the catalog to ingest the local repositories.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await request(server)
        .get('/api/catalog/entities/by-name/component/default/svc-b')
        .set('Authorization', user());
      if (res.status === 200) break;
      if (Date.now() > deadline)
        throw new Error('catalog never ingested the local repositories');
      await new Promise(r => setTimeout(r, 250));
    }
  }, 90_000);

  const api = (route: string) => `/api/fastapi-checklist${route}`;

  it('evaluates an entity on first request, with evidence and the template it came from', async () => {
    const res = await request(server)
      .get(api('/entity/default/component/svc-b'))
      .set('Authorization', user());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/svc-b',
      status: 'ok',
      template: 'fastapi-service@0.1.0',
    });
    const inputValidation = res.body.result.items.find(
      (i: { id: string }) => i.id === 'input-validation',
    );
    expect(inputValidation.status).toBe('fail');
    expect(inputValidation.evidence[0]).toMatchObject({
      path: 'app/routes.py',
      line: 4,
    });
  });

  it('re-evaluates on refresh only when the repository changed, keeping history', async () => {
    const first = await request(server)
      .get(api('/entity/default/component/svc-a'))
      .set('Authorization', user());
    const unchanged = await request(server)
      .post(api('/entity/default/component/svc-a/refresh'))
      .set('Authorization', user());
    expect(unchanged.body.result).toEqual(first.body.result);
    let history = await request(server)
      .get(api('/entity/default/component/svc-a/history'))
      .set('Authorization', user());
    expect(history.body).toHaveLength(1);

    // The analyzer counts only modules the app imports: configure logging and import it.
    fs.writeFileSync(
      path.join(root.path, 'svc-a/app/logging_setup.py'),
      'import logging\nlogging.basicConfig(level="INFO")\n',
    );
    fs.appendFileSync(
      path.join(root.path, 'svc-a/app/main.py'),
      'from app import logging_setup\n',
    );
    const changed = await request(server)
      .post(api('/entity/default/component/svc-a/refresh'))
      .set('Authorization', user());
    const logging = (body: any) =>
      body.result.items.find((i: { id: string }) => i.id === 'logging').status;
    expect([logging(first.body), logging(changed.body)]).toEqual([
      'fail',
      'pass',
    ]);
    history = await request(server)
      .get(api('/entity/default/component/svc-a/history'))
      .set('Authorization', user());
    expect(history.body.map((h: { score: number }) => h.score)).toEqual([
      changed.body.result.score,
      first.body.result.score,
    ]);
  });

  it('answers 404 for unknown entities, entities without the annotation, and entities the caller cannot read', async () => {
    const unknown = await request(server)
      .get(api('/entity/default/component/nope'))
      .set('Authorization', user());
    expect(unknown.status).toBe(404);
    const plain = await request(server)
      .get(api('/entity/default/component/plain-lib'))
      .set('Authorization', user());
    expect(plain.status).toBe(404);
    expect(plain.body.error.message).toContain('does not enable the checklist');
    const denied = await request(server)
      .get(api('/entity/default/component/svc-a'))
      .set('Authorization', mockCredentials.user.header(INTRUDER));
    expect(denied.status).toBe(404);
    const deniedSummary = await request(server)
      .get(api('/summary'))
      .set('Authorization', mockCredentials.user.header(INTRUDER));
    expect(deniedSummary.body.rows).toEqual([]);
  });

  it('lets the scheduled refresh evaluate entities nobody asked for', async () => {
    const deadline = Date.now() + 30_000;
    let row;
    for (;;) {
      const summary = await request(server)
        .get(api('/summary'))
        .set('Authorization', user());
      row = summary.body.rows.find(
        (r: { entityRef: string }) => r.entityRef === 'component:default/svc-c',
      );
      if (row?.status !== 'pending' || Date.now() > deadline) break;
      await new Promise(r => setTimeout(r, 250));
    }
    expect(row).toMatchObject({
      status: 'ok',
      owner: 'group:default/team-c',
      lifecycle: 'production',
    });
    expect(row.score).toBeGreaterThan(0);
  }, 40_000);

  it('serves the org summary with filters, sorting, totals and CSV', async () => {
    const summary = await request(server)
      .get(api('/summary?sort=score&order=desc'))
      .set('Authorization', user());
    expect(summary.status).toBe(200);
    const rows = summary.body.rows;
    expect(rows.map((r: { entityRef: string }) => r.entityRef).sort()).toEqual([
      'component:default/orders',
      'component:default/svc-a',
      'component:default/svc-b',
      'component:default/svc-c',
    ]);
    // svc-b fails input validation on top of what the others miss: lowest score, last.
    expect(rows[rows.length - 1].entityRef).toBe('component:default/svc-b');
    expect(rows.map((r: { score: number }) => r.score)).toEqual(
      [...rows.map((r: { score: number }) => r.score)].sort((a, b) => b - a),
    );
    expect(rows[0].trend).toBeGreaterThan(0);
    expect(summary.body.totals.services).toBe(4);
    expect(summary.body.totals.mostFailed[0].count).toBe(4);

    const teamB = await request(server)
      .get(api('/summary?owner=group:default/team-b'))
      .set('Authorization', user());
    expect(
      teamB.body.rows.map((r: { entityRef: string }) => r.entityRef),
    ).toEqual(['component:default/svc-b']);
    const failingInput = await request(server)
      .get(api('/summary?failing=input-validation'))
      .set('Authorization', user());
    expect(
      failingInput.body.rows.map((r: { entityRef: string }) => r.entityRef),
    ).toEqual(['component:default/svc-b']);
    const bad = await request(server)
      .get(api('/summary?failing=nope'))
      .set('Authorization', user());
    expect(bad.status).toBe(400);

    // One page at a time: the totals and facets stay those of every matching service.
    const byName = await request(server)
      .get(api('/summary?sort=name'))
      .set('Authorization', user());
    const names = byName.body.rows.map(
      (r: { entityRef: string }) => r.entityRef,
    );
    const page = await request(server)
      .get(api('/summary?sort=name&limit=2&offset=1'))
      .set('Authorization', user());
    expect(
      page.body.rows.map((r: { entityRef: string }) => r.entityRef),
    ).toEqual(names.slice(1, 3));
    expect(page.body.totals).toEqual(byName.body.totals);
    expect(page.body.facets).toEqual({
      owners: [
        ...new Set(byName.body.rows.map((r: { owner: string }) => r.owner)),
      ].sort(),
      lifecycles: ['production'],
      // these small services meet no level (no Dockerfile, tests, logging…)
      levels: [
        { name: 'Bronze', services: 0 },
        { name: 'Silver', services: 0 },
        { name: 'Gold', services: 0 },
        { name: 'none', services: 4 },
      ],
    });
    const byLevel = await request(server)
      .get(api('/summary?level=NONE&limit=1'))
      .set('Authorization', user());
    expect(byLevel.body.totals.services).toBe(4);
    expect(byLevel.body.rows[0]).toMatchObject({
      level: null,
      waived: [],
      scoreWithoutWaivers: byLevel.body.rows[0].score,
    });
    const gold = await request(server)
      .get(api('/summary?level=gold'))
      .set('Authorization', user());
    expect(gold.body.rows).toEqual([]);
    expect(gold.body.totals).toMatchObject({
      services: 0,
      waivers: 0,
      waiversExpiringSoon: 0,
    });
    const unknownLevel = await request(server)
      .get(api('/summary?level=Platinum'))
      .set('Authorization', user());
    expect({
      status: unknownLevel.status,
      message: unknownLevel.body.error.message,
    }).toEqual({
      status: 400,
      message: 'level must be one of Bronze, Silver, Gold, none',
    });
    // Filters narrow the rows, never the facets the page's filters offer.
    expect(teamB.body.facets).toEqual(page.body.facets);
    const searched = await request(server)
      .get(api('/summary?search=SVC-&owner=GROUP:default/team-b'))
      .set('Authorization', user());
    expect(
      searched.body.rows.map((r: { entityRef: string }) => r.entityRef),
    ).toEqual(['component:default/svc-b']);
    for (const [query, message] of [
      ['limit=0', 'limit must be a whole number from 1 to 500'],
      ['limit=501', 'limit must be a whole number from 1 to 500'],
      ['offset=-1', 'offset must be a whole number from 0 to 1000000000'],
      ['limit=2.5', 'limit must be a whole number from 1 to 500'],
    ]) {
      const refused = await request(server)
        .get(api(`/summary?${query}`))
        .set('Authorization', user());
      expect({
        status: refused.status,
        message: refused.body.error.message,
      }).toEqual({
        status: 400,
        message: expect.stringContaining(message),
      });
    }

    const csv = await request(server)
      .get(api('/summary?format=csv'))
      .set('Authorization', user());
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...lines] = csv.text.trim().split('\r\n');
    expect(header).toBe(
      'entityRef,title,owner,lifecycle,status,level,score,scoreWithoutWaivers,failing,waived,evaluatedAt,trend,template',
    );
    expect(lines).toHaveLength(4);
  });

  it('reads a GitHub repository through the UrlReader and reuses its etag', async () => {
    const first = await request(server)
      .get(api('/entity/default/component/orders'))
      .set('Authorization', user());
    expect({ status: first.body.status, error: first.body.error }).toEqual({
      status: 'ok',
      error: undefined,
    });
    const downloads = github.tarballDownloads;
    expect(downloads).toBeGreaterThanOrEqual(1);

    const again = await request(server)
      .post(api('/entity/default/component/orders/refresh'))
      .set('Authorization', user());
    expect(again.body.result).toEqual(first.body.result);
    expect(github.tarballDownloads).toBe(downloads);

    github.sha = 'bbbbbbb';
    github.files = {
      ...github.files,
      'app/log.py': 'import logging\nlogging.basicConfig()\n',
      'app/main.py': `${github.files['app/main.py']}from app import log\n`,
    };
    const moved = await request(server)
      .post(api('/entity/default/component/orders/refresh'))
      .set('Authorization', user());
    expect(github.tarballDownloads).toBe(downloads + 1);
    const logging = (body: any) =>
      body.result.items.find((i: { id: string }) => i.id === 'logging').status;
    expect([logging(first.body), logging(moved.body)]).toEqual([
      'fail',
      'pass',
    ]);
  });

  it('stores an error result for a repository it cannot read, and stays up', async () => {
    fs.mkdirSync(path.join(root.path, 'svc-gone'));
    fs.writeFileSync(
      path.join(root.path, 'svc-gone/catalog-info.yaml'),
      serviceRepository('svc-gone', 'group:default/team-a')[
        'catalog-info.yaml'
      ].replace(
        '  annotations:\n',
        '  annotations:\n    backstage.io/source-location: url:https://git.invalid/acme/gone/\n',
      ),
    );
    const deadline = Date.now() + 60_000;
    let res;
    for (;;) {
      res = await request(server)
        .get(api('/entity/default/component/svc-gone'))
        .set('Authorization', user());
      if (res.status === 200 || Date.now() > deadline) break;
      await new Promise(r => setTimeout(r, 250));
    }
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('error');
    expect(res.body.error).toBeTruthy();
    const health = await request(server)
      .get(api('/summary'))
      .set('Authorization', user());
    expect(health.status).toBe(200);
  }, 90_000);

  it('gives an error naming the limit for a repository over fastapiChecklist.analysis.maxTotalBytes, and stays up', async () => {
    // Written now, so the summary test above never sees it.
    const files = serviceRepository('svc-huge', 'group:default/team-a', {
      'app/data.py': `DATA = "${'x'.repeat(300_000)}"\n`,
    }) as Record<string, string>;
    for (const [file, content] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root.path, 'svc-huge', file)), {
        recursive: true,
      });
      fs.writeFileSync(path.join(root.path, 'svc-huge', file), content);
    }
    const deadline = Date.now() + 60_000;
    let res;
    for (;;) {
      res = await request(server)
        .get(api('/entity/default/component/svc-huge'))
        .set('Authorization', user());
      if (res.status === 200 || Date.now() > deadline) break;
      await new Promise(r => setTimeout(r, 250));
    }
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'error',
      error:
        'The repository holds more than 200000 bytes in files the analyzer reads (limit fastapiChecklist.analysis.maxTotalBytes)',
    });
    const other = await request(server)
      .get(api('/entity/default/component/svc-a'))
      .set('Authorization', user());
    expect(other.body.status).toBe('ok');
  }, 90_000);
});
