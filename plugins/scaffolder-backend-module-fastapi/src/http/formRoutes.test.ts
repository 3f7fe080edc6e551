import {
  createMockDirectory,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { CHECK_IDS } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { parse as parseYaml } from 'yaml';
import { TEMPLATE_DIR } from '../__testUtils__/renderHarness';
import fastapiModule from '../index';

const BASE = '/api/scaffolder/fastapi';
const TEMPLATE_REF = 'template:default/fastapi-service';

function templateEntity() {
  const entity = parseYaml(
    fs.readFileSync(path.join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
  );
  entity.metadata.namespace = 'default';
  entity.metadata.annotations = {
    ...entity.metadata.annotations,
    'backstage.io/managed-by-location': `file:${TEMPLATE_DIR}/template.yaml`,
  };
  return entity;
}

const formValues = {
  name: 'orders-api',
  owner: 'group:default/team-a',
  lifecycle: 'experimental',
  database: 'postgresql',
  auth: 'jwt',
  resource: 'items',
  websockets: true,
  backgroundTasks: true,
  corsOrigins: ['https://app.example.com/'],
  pythonVersion: '3.13',
  workers: 4,
  publishTarget: 'local',
};

describe('the Create form routes (/api/scaffolder/fastapi)', () => {
  const root = createMockDirectory();

  async function start(token?: string, config: Record<string, unknown> = {}) {
    const { server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        fastapiModule,
        catalogServiceMock.factory({ entities: [templateEntity()] }),
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              github: [{ host: 'github.com', ...(token && { token }) }],
            },
            fastapiGoldenPath: { local: { root: root.path } },
            ...config,
          },
        }),
      ],
    });
    return server;
  }
  const user = () => mockCredentials.user.header();

  beforeEach(() => root.setContent({ 'orders-api': { 'README.md': '# x' } }));

  it('needs a signed-in user', async () => {
    const server = await start();
    const anonymous = mockCredentials.none.header();
    const statuses = [
      await request(server)
        .get(`${BASE}/publish-targets`)
        .set('Authorization', anonymous),
      await request(server)
        .get(`${BASE}/local-repositories/orders-api`)
        .set('Authorization', anonymous),
      await request(server)
        .post(`${BASE}/checklist-preview`)
        .set('Authorization', anonymous)
        .send({ templateRef: TEMPLATE_REF, values: formValues }),
    ].map(res => res.status);
    expect(statuses).toEqual([401, 401, 401]);
    // a service's token is not a user at a form either
    const service = await request(server)
      .get(`${BASE}/publish-targets`)
      .set('Authorization', mockCredentials.service.header());
    expect(service.status).toBe(403);
  });

  it('says GitHub cannot publish without a token, and why', async () => {
    const server = await start();
    const res = await request(server)
      .get(`${BASE}/publish-targets`)
      .set('Authorization', user())
      .expect(200);
    expect(res.body).toEqual({
      local: { available: true },
      github: {
        available: false,
        reason: expect.stringContaining('GITHUB_TOKEN'),
      },
    });
    const withToken = await start('t0k');
    const ok = await request(withToken)
      .get(`${BASE}/publish-targets`)
      .set('Authorization', user())
      .expect(200);
    expect(ok.body.github).toEqual({ available: true });
  });

  it('answers whether the local root has a name, and nothing more', async () => {
    const server = await start();
    const taken = await request(server)
      .get(`${BASE}/local-repositories/orders-api`)
      .set('Authorization', user())
      .expect(200);
    expect(taken.body).toEqual({ exists: true });
    const free = await request(server)
      .get(`${BASE}/local-repositories/billing`)
      .set('Authorization', user())
      .expect(200);
    expect(free.body).toEqual({ exists: false });
    const bad = await request(server)
      .get(`${BASE}/local-repositories/${encodeURIComponent('../etc')}`)
      .set('Authorization', user())
      .expect(400);
    expect(JSON.stringify(bad.body)).not.toContain(root.path);
  });

  it('previews the score the form values are born with', async () => {
    const server = await start();
    const res = await request(server)
      .post(`${BASE}/checklist-preview`)
      .set('Authorization', user())
      .send({ templateRef: TEMPLATE_REF, values: formValues })
      .expect(200);
    // The golden path is born Gold: every check passes for PostgreSQL + JWT.
    const items: { id: string; status: string }[] = res.body.items;
    expect(items.map(item => item.id)).toEqual(CHECK_IDS);
    expect(items.filter(item => item.status !== 'pass')).toEqual([]);
    expect(res.body).toMatchObject({
      score: 100,
      applicable: CHECK_IDS.length,
      passed: CHECK_IDS.length,
    });
    // nothing was published
    expect(fs.readdirSync(root.path)).toEqual(['orders-api']);
  }, 30_000); // a worker's first analysis: seconds on a busy 2-core machine

  it("analyses in the module's worker pool, under its time limit", async () => {
    // No analysis finishes within 1 ms of reaching a worker: the pool's limit answers.
    const server = await start(undefined, {
      fastapiChecklist: { analysis: { timeout: { milliseconds: 1 } } },
    });
    const res = await request(server)
      .post(`${BASE}/checklist-preview`)
      .set('Authorization', user())
      .send({ templateRef: TEMPLATE_REF, values: formValues });
    expect(res.body.error).toMatchObject({
      name: 'AnalysisLimitError',
      message:
        'The analysis took longer than 1 ms (limit fastapiChecklist.analysis.timeout)',
    });
  });

  it("refuses values fastapi:render refuses, with fastapi:render's message", async () => {
    const server = await start();
    const res = await request(server)
      .post(`${BASE}/checklist-preview`)
      .set('Authorization', user())
      .send({
        templateRef: TEMPLATE_REF,
        values: { ...formValues, corsOrigins: ['https://*.example.com'] },
      })
      .expect(400);
    expect(res.body.error.message).toContain(
      'CORS origin "https://*.example.com" must not contain wildcards',
    );
    await request(server)
      .post(`${BASE}/checklist-preview`)
      .set('Authorization', user())
      .send({ templateRef: 'template:default/nope', values: formValues })
      .expect(404);
  });

  it('limits previews per user', async () => {
    const server = await start();
    // malformed requests are cheap and count as well
    for (let i = 0; i < 30; i++) {
      await request(server)
        .post(`${BASE}/checklist-preview`)
        .set('Authorization', user())
        .send({})
        .expect(400);
    }
    const limited = await request(server)
      .post(`${BASE}/checklist-preview`)
      .set('Authorization', user())
      .send({ templateRef: TEMPLATE_REF, values: formValues })
      .expect(429);
    expect(limited.text).toContain('Too many checklist previews');
    // another user is not held up by the first one's limit
    await request(server)
      .post(`${BASE}/checklist-preview`)
      .set('Authorization', mockCredentials.user.header('user:default/other'))
      .send({})
      .expect(400);
  });
});
