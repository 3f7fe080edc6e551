import { createMockDirectory } from '@backstage/backend-test-utils';
import { upgradeTemplateName } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import git from 'isomorphic-git';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import {
  PortalBackend,
  startPortalBackend,
} from './__testUtils__/portalBackend';
import { renderWithAction } from './__testUtils__/renderWithAction';
import {
  scaffolderTasks,
  userAuth,
  waitUntil,
} from './__testUtils__/scaffolderTasks';
import {
  readTemplate,
  RELEASES_DIR,
  TEMPLATE_DIR,
} from './__testUtils__/templateDirectory';

const upgradeTemplate = parseYaml(
  fs.readFileSync(path.join(TEMPLATE_DIR, 'upgrade.yaml'), 'utf8'),
);
const VERSION = 'fastapi-golden-path/version';

describe('the "Upgrade a FastAPI service" template', () => {
  it('is named as the card expects: the Create template’s name + -upgrade', () => {
    expect(upgradeTemplate.metadata.name).toBe(
      upgradeTemplateName(readTemplate().metadata.name),
    );
  });

  it('upgrades to the version the Create template renders', () => {
    expect(upgradeTemplate.metadata.annotations[VERSION]).toBe(
      readTemplate().metadata.annotations[VERSION],
    );
  });

  it('offers every released version, and the Create form’s options with their defaults', () => {
    const [, answers] = upgradeTemplate.spec.parameters;
    expect(answers.properties.createdFrom.enum).toEqual(
      fs.readdirSync(RELEASES_DIR).sort(),
    );
    const features = readTemplate().spec.parameters[1].properties;
    for (const [key, field] of Object.entries<any>(answers.properties)) {
      if (key === 'createdFrom') continue;
      expect([key, field.default, field.enum]).toEqual([
        key,
        features[key].default,
        features[key].enum,
      ]);
    }
  });
});

const values = {
  name: 'orders-api',
  description: 'Takes orders',
  owner: 'group:default/team-orders',
  lifecycle: 'experimental',
  database: 'sqlite',
  auth: 'jwt',
  resource: 'order-lines',
  websockets: false,
  backgroundTasks: true,
  corsOrigins: ['http://localhost:3000'],
  pythonVersion: '3.13',
  workers: 4,
};

/** Every file of a commit's tree, path → content. */
async function treeOf(dir: string, ref: string) {
  const files: Record<string, string> = {};
  await git.walk({
    fs,
    dir,
    trees: [git.TREE({ ref })],
    map: async (filepath, [entry]) => {
      if (entry && (await entry.type()) === 'blob') {
        files[filepath] = Buffer.from((await entry.content())!).toString(
          'utf8',
        );
      }
      return undefined;
    },
  });
  return files;
}

/** Every file under a directory, path → content. */
function filesOf(dir: string) {
  return Object.fromEntries(
    fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter(entry => entry.isFile())
      .map(entry => {
        const file = path.join(entry.parentPath, entry.name);
        return [
          path.relative(dir, file).split(path.sep).join('/'),
          fs.readFileSync(file, 'utf8'),
        ];
      }),
  );
}

describe('upgrading a local service made from release 0.1.0, through a real scaffolder task', () => {
  const root = createMockDirectory();
  const scratch = createMockDirectory();
  let server: PortalBackend['server'];
  const repo = () => path.join(root.path, 'orders-api');

  beforeAll(async () => {
    // The service as the local target published it from release 0.1.0.
    fs.mkdirSync(repo());
    await renderWithAction({
      input: { ...values, skeleton: './releases/0.1.0/skeleton' },
      workspacePath: repo(),
      scratchDir: path.join(scratch.path, 'old'),
      version: '0.1.0',
    });
    const author = { name: 'Team Orders', email: 'orders@example.com' };
    await git.init({ fs, dir: repo(), defaultBranch: 'main' });
    await git.add({ fs, dir: repo(), filepath: '.' });
    await git.commit({ fs, dir: repo(), message: 'Created', author });

    const backend = await startPortalBackend({
      features: [schedulerServiceFactory],
      config: {
        catalog: {
          rules: [{ allow: ['Component', 'API', 'Location', 'Template'] }],
          locations: [
            { type: 'file', target: path.join(TEMPLATE_DIR, 'upgrade.yaml') },
          ],
        },
        fastapiGoldenPath: {
          local: {
            root: root.path,
            scanInterval: { seconds: 1 },
            defaultAuthor: { name: 'Golden Path Test', email: 'test@example.com' },
          },
        },
      },
    });
    server = backend.server;
  }, 120_000);

  it('commits the merged upgrade on a branch, the service’s own branch untouched', async () => {
    const tasks = scaffolderTasks(server);
    await tasks.templateReady('fastapi-service-upgrade');
    await waitUntil(async () => {
      const res = await request(server)
        .get('/api/catalog/entities/by-name/component/default/orders-api')
        .set('Authorization', userAuth());
      return res.status === 200 ? true : undefined;
    }, 'the local service in the catalog');
    const head = await git.resolveRef({ fs, dir: repo(), ref: 'HEAD' });
    const { name, description, owner, lifecycle, ...options } = values;

    const taskId = await tasks.start('fastapi-service-upgrade', {
      entity: 'component:default/orders-api',
      createdFrom: '0.1.0',
      ...options,
    });
    const task = await tasks.finished(taskId, 180_000);
    expect({
      status: task.status,
      log: task.status === 'failed' ? await tasks.log(taskId) : '',
    }).toEqual({ status: 'completed', log: '' });

    // The preview's figures: what changed, and the checklist of the upgraded service.
    expect(await tasks.log(taskId)).toMatch(
      /Finished step Production-readiness checklist after the upgrade/,
    );
    const version = upgradeTemplate.metadata.annotations[VERSION];
    const branch = `golden-path/upgrade-${version}`;
    const commit = await git.resolveRef({ fs, dir: repo(), ref: branch });
    const { commit: made } = await git.readCommit({ fs, dir: repo(), oid: commit });
    expect(made.parent).toEqual([head]);
    expect(made.message).toBe(
      `Upgrade to the FastAPI golden path ${version} (from 0.1.0)\n`,
    );
    // The untouched service became what the new version renders for its answers.
    const fresh = path.join(scratch.path, 'fresh');
    fs.mkdirSync(fresh);
    await renderWithAction({
      input: values,
      workspacePath: fresh,
      scratchDir: path.join(scratch.path, 'new'),
      version,
    });
    expect(await treeOf(repo(), commit)).toEqual(filesOf(fresh));
    // Reviewable, not applied: the service's branch and files are as they were.
    expect(await git.currentBranch({ fs, dir: repo() })).toBe('main');
    expect(await git.resolveRef({ fs, dir: repo(), ref: 'HEAD' })).toBe(head);
    expect(await treeOf(repo(), head)).toEqual(
      Object.fromEntries(
        Object.keys(await treeOf(repo(), head)).map(file => [
          file,
          fs.readFileSync(path.join(repo(), file), 'utf8'),
        ]),
      ),
    );
  }, 240_000); // a real scaffolder task: render twice, merge, checklist, publish
});
