import { createMockDirectory } from '@backstage/backend-test-utils';
import os from 'node:os';
import path from 'node:path';
import {
  PortalBackend,
  startPortalBackend,
} from './__testUtils__/portalBackend';
import { scaffolderTasks } from './__testUtils__/scaffolderTasks';

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
  const tasks = () => scaffolderTasks(server);

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
    await tasks().templateReady('failing-steps');
  }, 60_000);

  /** Runs the template; the failed step's log lines, joined. */
  async function failedStepLog(values: Record<string, unknown>) {
    const taskId = await tasks().start('failing-steps', values);
    expect((await tasks().finished(taskId)).status).toBe('failed');
    const events = await tasks().events(taskId);
    const log = events
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
