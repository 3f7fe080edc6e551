import { createBackendModule } from '@backstage/backend-plugin-api';
import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  createTemplateAction,
  scaffolderActionsExtensionPoint,
} from '@backstage/plugin-scaffolder-node';
import git from 'isomorphic-git';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  PortalBackend,
  startPortalBackend,
} from './__testUtils__/portalBackend';
import { scaffolderTasks, userAuth } from './__testUtils__/scaffolderTasks';

/**
 * A step after the publish that fails on its first run and passes on the retry, as a
 * registration that timed out while the catalog was busy would.
 */
let flakyRuns = 0;
const failsOnceModule = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'fails-once',
  register(env) {
    env.registerInit({
      deps: { scaffolder: scaffolderActionsExtensionPoint },
      async init({ scaffolder }) {
        scaffolder.addActions(
          createTemplateAction({
            id: 'test:fails-once',
            async handler() {
              flakyRuns += 1;
              if (flakyRuns === 1) throw new Error('the catalog was busy');
            },
          }),
        );
      },
    });
  },
});

const TEMPLATE = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: publish-then-flaky
spec:
  owner: group:default/platform
  type: service
  steps:
    - id: fetch
      action: fetch:plain
      input:
        url: ./skeleton
    - id: publish
      action: fastapi:local:publish
      input:
        name: retried-api
    - id: flaky
      action: test:fails-once
`;

describe('fastapi:local:publish in a task that is retried', () => {
  const templates = createMockDirectory();
  const root = createMockDirectory();
  let server: PortalBackend['server'];

  beforeAll(async () => {
    templates.setContent({
      'template.yaml': TEMPLATE,
      'skeleton/README.md': '# retried-api\n',
      'skeleton/catalog-info.yaml':
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: retried-api\nspec:\n  type: service\n  lifecycle: experimental\n  owner: group:default/platform\n',
    });
    const backend = await startPortalBackend({
      features: [failsOnceModule],
      config: {
        catalog: {
          rules: [{ allow: ['Template', 'Location', 'Component'] }],
          locations: [
            {
              type: 'file',
              target: path.join(templates.path, 'template.yaml'),
            },
          ],
        },
        fastapiGoldenPath: {
          local: {
            root: root.path,
            defaultAuthor: { name: 'Retry Test', email: 'retry@example.com' },
          },
        },
      },
    });
    server = backend.server;
  }, 60_000);

  const tasks = () => scaffolderTasks(server);

  it('keeps the repository of the first attempt and completes, instead of "already exists"', async () => {
    await tasks().templateReady('publish-then-flaky');
    const taskId = await tasks().start('publish-then-flaky', {});
    expect((await tasks().finished(taskId)).status).toBe('failed');
    const repo = path.join(root.path, 'retried-api');
    const firstCommit = await git.resolveRef({ fs, dir: repo, ref: 'HEAD' });

    const retried = await request(server)
      .post(`/api/scaffolder/v2/tasks/${taskId}/retry`)
      .set('Authorization', userAuth())
      .send({});
    expect(retried.status).toBe(201);
    const { status } = await tasks().finished(taskId);
    const taskLog = await tasks().log(taskId);
    expect({ status, log: status === 'completed' ? '' : taskLog }).toEqual({
      status: 'completed',
      log: '',
    });

    expect(flakyRuns).toBe(2);
    // the same repository, still one commit: the retry did not publish again
    expect(await git.resolveRef({ fs, dir: repo, ref: 'HEAD' })).toBe(
      firstCommit,
    );
    expect(await git.log({ fs, dir: repo })).toHaveLength(1);
    expect(taskLog).toContain(
      `The local repository retried-api was created by an earlier attempt of this task (commit ${firstCommit.slice(
        0,
        7,
      )})`,
    );
  }, 120_000);
});
