import { createMockDirectory } from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import git from 'isomorphic-git';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  PortalBackend,
  startPortalBackend,
} from './__testUtils__/portalBackend';
import {
  scaffolderTasks,
  userAuth,
  waitUntil,
} from './__testUtils__/scaffolderTasks';
import { readTemplate, TEMPLATE_DIR } from './__testUtils__/templateDirectory';

const values = {
  name: 'orders-api',
  description: 'Takes orders',
  owner: 'group:default/team-orders',
  lifecycle: 'experimental',
  database: 'sqlite',
  auth: 'jwt',
  resource: 'items',
  websockets: false,
  backgroundTasks: true,
  corsOrigins: ['http://localhost:3000'],
  pythonVersion: '3.13',
  workers: 4,
  publishTarget: 'local',
};

describe('the offline local target, end to end through a real scaffolder task', () => {
  const root = createMockDirectory();
  let server: PortalBackend['server'];

  beforeAll(async () => {
    const backend = await startPortalBackend({
      // The real scheduler, so the local repositories provider scans on its schedule.
      features: [schedulerServiceFactory],
      config: {
        catalog: {
          rules: [
            {
              allow: [
                'Component',
                'API',
                'Location',
                'Template',
                'System',
                'Group',
              ],
            },
          ],
          locations: [
            { type: 'file', target: path.join(TEMPLATE_DIR, 'template.yaml') },
          ],
        },
        fastapiGoldenPath: {
          local: {
            root: root.path,
            scanInterval: { seconds: 1 },
            defaultAuthor: {
              name: 'Golden Path Test',
              email: 'test@example.com',
            },
          },
        },
      },
    });
    server = backend.server;
  }, 60_000);

  const tasks = () => scaffolderTasks(server);

  async function runTask(taskValues: Record<string, unknown>) {
    await tasks().templateReady('fastapi-service');
    const taskId = await tasks().start('fastapi-service', taskValues);
    const task = await tasks().finished(taskId);
    return { task, log: await tasks().log(taskId) };
  }

  it('creates a real git repository, registers it, and the catalog serves the entity', async () => {
    const { task, log } = await runTask(values);
    expect({
      status: task.status,
      log: task.status === 'failed' ? log : '',
    }).toEqual({ status: 'completed', log: '' });

    const repo = path.join(root.path, 'orders-api');
    const commits = await git.log({ fs, dir: repo });
    expect(commits).toHaveLength(1);
    expect(commits[0].commit.author).toMatchObject({
      name: 'Golden Path Test',
      email: 'test@example.com',
    });
    expect(commits[0].commit.message.trim()).toBe(
      'Initial commit from the FastAPI golden path',
    );
    const tracked = await git.listFiles({ fs, dir: repo });
    expect(tracked).toEqual(
      expect.arrayContaining([
        'app/main.py',
        'Dockerfile',
        'catalog-info.yaml',
      ]),
    );

    const entity = await request(server)
      .get('/api/catalog/entities/by-name/component/default/orders-api')
      .set('Authorization', userAuth());
    expect(entity.status).toBe(200);
    expect(entity.body.spec.owner).toBe('group:default/team-orders');
    expect(
      entity.body.metadata.annotations['backstage.io/managed-by-location'],
    ).toBe(`file:${path.join(repo, 'catalog-info.yaml')}`);
    expect(
      entity.body.metadata.annotations['backstage.io/source-location'],
    ).toBe(`file:${repo}/`);
    expect(
      entity.body.metadata.annotations['fastapi-golden-path/checklist'],
    ).toBe('enabled');
    // The API it provides is registered beside it, its definition the repository's openapi.json.
    const api = await waitUntil(async () => {
      const res = await request(server)
        .get('/api/catalog/entities/by-name/api/default/orders-api')
        .set('Authorization', userAuth());
      return res.status === 200 ? res.body : undefined;
    }, 'the API entity');
    expect(JSON.parse(api.spec.definition)).toMatchObject({
      openapi: expect.stringMatching(/^3\./),
      info: { title: 'Orders API' },
    });

    // The live checklist reads the same local repository and agrees with the task's step.
    const checklist = await request(server)
      .get('/api/fastapi-checklist/entity/default/component/orders-api')
      .set('Authorization', userAuth());
    expect(checklist.status).toBe(200);
    const version = readTemplate().metadata.annotations[
      'fastapi-golden-path/version'
    ];
    expect(checklist.body).toMatchObject({
      status: 'ok',
      template: `fastapi-service@${version}`,
    });
    const { items, score } = checklist.body.result;
    // The golden path is born Gold: every check passes or does not apply.
    expect(
      items
        .filter(
          (item: { status: string }) =>
            !['pass', 'not-applicable'].includes(item.status),
        )
        .map((item: { id: string }) => item.id),
    ).toEqual([]);
    expect(log).toContain(`Checklist score ${score}/100`);
    const summary = await request(server)
      .get('/api/fastapi-checklist/summary')
      .set('Authorization', userAuth());
    expect(summary.body.rows).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/orders-api',
        score,
        owner: 'group:default/team-orders',
      }),
    ]);
  }, 180_000);

  it('fails clearly on a name that already exists and changes nothing', async () => {
    const repo = path.join(root.path, 'orders-api');
    const before = await git.resolveRef({ fs, dir: repo, ref: 'HEAD' });
    const { task, log } = await runTask({
      ...values,
      description: 'second attempt',
    });
    expect(task.status).toBe('failed');
    expect(log).toContain(
      // fastapi:validate-target refuses it before anything is rendered
      'The local target already has a repository named "orders-api"; choose another name',
    );
    expect(await git.resolveRef({ fs, dir: repo, ref: 'HEAD' })).toBe(before);
  }, 180_000);
});
