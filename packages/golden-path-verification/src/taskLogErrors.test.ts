import {
  createMockDirectory,
  mockCredentials,
} from '@backstage/backend-test-utils';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  PortalBackend,
  startPortalBackend,
} from './__testUtils__/portalBackend';

/** Steps of the golden path's actions, each failing the way its case asks. */
const TEMPLATE = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: failing-steps
spec:
  owner: group:default/platform
  type: service
  steps:
    - id: fetch
      action: fetch:plain
      input:
        url: ./skeleton
    - id: checklist
      if: \${{ parameters.case == 'checklist' }}
      action: fastapi:checklist
      input:
        path: \${{ parameters.path }}
        failBelow: \${{ parameters.failBelow }}
    - id: register
      if: \${{ parameters.case == 'register' }}
      action: fastapi:local:register
      input:
        catalogInfoUrl: ../outside/catalog-info.yaml
`;

/** Where the backend's own code and directories live: never in a task log. */
const REPOSITORY_ROOT = path.resolve(__dirname, '../../..');

describe("the task log of a failed golden-path step: the error's message, no stack, no server paths", () => {
  const templates = createMockDirectory();
  const root = createMockDirectory();
  let server: PortalBackend['server'];
  const auth = () => mockCredentials.user.header();

  async function until<T>(probe: () => Promise<T | undefined>, what: string) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}`);
      await new Promise(resolve => setTimeout(resolve, 250));
    }
  }

  beforeAll(async () => {
    templates.setContent({
      'template.yaml': TEMPLATE,
      // a FastAPI service far from production-ready
      'skeleton/app/main.py':
        'from fastapi import FastAPI\n\napp = FastAPI()\n',
    });
    root.setContent({});
    server = (
      await startPortalBackend({
        config: {
          catalog: {
            rules: [{ allow: ['Template', 'Location'] }],
            locations: [
              {
                type: 'file',
                target: path.join(templates.path, 'template.yaml'),
              },
            ],
          },
          fastapiGoldenPath: { local: { root: root.path } },
        },
      })
    ).server;
    await until(async () => {
      const res = await request(server)
        .get('/api/catalog/entities/by-name/template/default/failing-steps')
        .set('Authorization', auth());
      return res.status === 200 ? true : undefined;
    }, 'the template in the catalog');
  }, 60_000);

  /** Runs the template; the failed step's log lines, joined. */
  async function failedStepLog(values: Record<string, unknown>) {
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', auth())
      .send({ templateRef: 'template:default/failing-steps', values });
    expect(created.status).toBe(201);
    const taskId: string = created.body.id;
    const status = await until(async () => {
      const res = await request(server)
        .get(`/api/scaffolder/v2/tasks/${taskId}`)
        .set('Authorization', auth());
      return ['completed', 'failed'].includes(res.body.status)
        ? (res.body.status as string)
        : undefined;
    }, `task ${taskId} to finish`);
    expect(status).toBe('failed');
    const events = await request(server)
      .get(`/api/scaffolder/v2/tasks/${taskId}/events`)
      .set('Authorization', auth());
    const log = (events.body as { body: Record<string, string> }[])
      .filter(e => e.body.status === 'failed' && e.body.stepId)
      .map(e => e.body.message)
      .join('\n');
    for (const serverPath of [
      REPOSITORY_ROOT,
      os.tmpdir(),
      root.path,
      templates.path,
    ]) {
      expect({ log, serverPath, shown: log.includes(serverPath) }).toEqual({
        log,
        serverPath,
        shown: false,
      });
    }
    expect(log).not.toMatch(/^\s+at /m);
    return log;
  }

  it('says why the checklist failed the task', async () => {
    expect(
      await failedStepLog({ case: 'checklist', path: './', failBelow: 100 }),
    ).toMatch(
      /^Error: Checklist score \d+ is below the required 100; failing checks: [a-z-]+(, [a-z-]+)*$/,
    );
  }, 120_000);

  it("names a missing directory relative to the task's workspace", async () => {
    expect(
      await failedStepLog({
        case: 'checklist',
        path: 'not-there',
        failBelow: 0,
      }),
    ).toBe("Error: ENOENT: no such file or directory, scandir 'not-there'");
  }, 120_000);

  it('names the local repositories root without its location on the server', async () => {
    expect(await failedStepLog({ case: 'register' })).toBe(
      'InputError: ../outside/catalog-info.yaml is outside the local repositories root <local repositories root>',
    );
  }, 120_000);
});
