import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  parseUpgradeRecord,
  upgradeTemplateName,
} from '@fastapi-golden-path/plugin-fastapi-checklist-common';
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
/** A service's own change, on lines no release touches. */
const OWN_EDIT =
  '\n# Team Inventory: create_app() is the only place the app is built.\n';

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
  const repo = (name = 'orders-api') => path.join(root.path, name);
  const version = upgradeTemplate.metadata.annotations[VERSION];
  const branch = `golden-path/upgrade-${version}`;

  /** A local repository as the local target publishes a service, committed on main. */
  async function publish(
    name: string,
    release: string | undefined,
    edit?: (dir: string) => void,
  ) {
    fs.mkdirSync(repo(name));
    await renderWithAction({
      input: {
        ...values,
        name,
        ...(release && { skeleton: `./releases/${release}/skeleton` }),
      },
      workspacePath: repo(name),
      scratchDir: path.join(scratch.path, `render-${name}`),
      version: release,
    });
    edit?.(repo(name));
    const author = { name: 'Team Orders', email: 'orders@example.com' };
    await git.init({ fs, dir: repo(name), defaultBranch: 'main' });
    await git.add({ fs, dir: repo(name), filepath: '.' });
    await git.commit({ fs, dir: repo(name), message: 'Created', author });
  }

  beforeAll(async () => {
    // The service as the local target published it from release 0.1.0.
    await publish('orders-api', '0.1.0');
    // One made from release 0.2.0, the first to record its answers, with an edit of its own.
    await publish('inventory-api', '0.2.0', dir => {
      fs.appendFileSync(path.join(dir, 'app/main.py'), OWN_EDIT);
    });
    // One made from the current version: nothing to upgrade.
    await publish('billing-api', undefined);
    // One whose recorded answers the current version's rules refuse (at most 32 workers).
    await publish('legacy-api', '0.1.0', dir => {
      fs.mkdirSync(path.join(dir, '.golden-path'));
      fs.writeFileSync(
        path.join(dir, '.golden-path/answers.yaml'),
        `template: fastapi-service\nversion: 0.1.0\nanswers: ${JSON.stringify({
          ...values,
          name: 'legacy-api',
          workers: 64,
        })}\n`,
      );
    });

    const backend = await startPortalBackend({
      features: [schedulerServiceFactory],
      config: {
        catalog: {
          rules: [{ allow: ['Component', 'API', 'Location', 'Template'] }],
          locations: [
            { type: 'file', target: path.join(TEMPLATE_DIR, 'upgrade.yaml') },
            // The Create template, for a service created by a real task.
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
  }, 120_000);

  /** Every file the current version renders for the shared answers and `name`. */
  async function currentRender(name: string) {
    const fresh = path.join(scratch.path, `fresh-${name}`);
    fs.mkdirSync(fresh);
    await renderWithAction({
      input: { ...values, name },
      workspacePath: fresh,
      scratchDir: path.join(scratch.path, `new-${name}`),
      version,
    });
    return filesOf(fresh);
  }

  /** Runs the upgrade template for a local service; the task's status, log and output. */
  async function upgrade(name: string, form: Record<string, unknown> = {}) {
    const tasks = scaffolderTasks(server);
    await tasks.templateReady('fastapi-service-upgrade');
    await waitUntil(async () => {
      const res = await request(server)
        .get(`/api/catalog/entities/by-name/component/default/${name}`)
        .set('Authorization', userAuth());
      return res.status === 200 ? true : undefined;
    }, `the local service ${name} in the catalog`);
    const { name: _name, description, owner, lifecycle, ...options } = values;
    const taskId = await tasks.start('fastapi-service-upgrade', {
      ...options,
      entity: `component:default/${name}`,
      createdFrom: '0.1.0',
      ...form,
    });
    const task = await tasks.finished(taskId, 180_000);
    const events = await tasks.events(taskId);
    return {
      status: task.status,
      log: await tasks.log(taskId),
      output: events.find(event => event.body.output)?.body.output as
        | { branch?: string; text: { title: string; content: string }[] }
        | undefined,
    };
  }

  it('commits the merged upgrade on a branch, the service’s own branch untouched', async () => {
    const head = await git.resolveRef({ fs, dir: repo(), ref: 'HEAD' });

    const task = await upgrade('orders-api');
    expect({
      status: task.status,
      log: task.status === 'failed' ? task.log : '',
    }).toEqual({ status: 'completed', log: '' });

    // The preview's figures: what changed, and the checklist of the upgraded service.
    expect(task.log).toMatch(
      /Finished step Production-readiness checklist after the upgrade/,
    );
    // Made without a task and without an answers file: the form's answers.
    expect(task.log).toContain(
      "No completed task of template:default/fastapi-service created orders-api (newest 1000 read): the form's answers are used (created from 0.1.0)",
    );
    const commit = await git.resolveRef({ fs, dir: repo(), ref: branch });
    const { commit: made } = await git.readCommit({
      fs,
      dir: repo(),
      oid: commit,
    });
    expect(made.parent).toEqual([head]);
    // The change's record (versions, conflicts) as trailers, for the card.
    expect(made.message).toBe(
      `Upgrade to the FastAPI golden path ${version} (from 0.1.0)\n\nGolden-Path-Upgrade: 0.1.0 -> ${version}\nGolden-Path-Conflicts: 0\n`,
    );
    expect(parseUpgradeRecord(made.message)).toEqual({
      fromVersion: '0.1.0',
      toVersion: version,
      conflicts: [],
    });
    // The untouched service became what the new version renders for its answers.
    expect(await treeOf(repo(), commit)).toEqual(
      await currentRender('orders-api'),
    );
    expect(task.output?.text[0].content).toContain(
      `Branch \`${branch}\` of the local repository, commit \`${commit}\`.`,
    );
    // The org page's bulk upgrade shows the change's branch from the task's output.
    expect(task.output?.branch).toBe(branch);
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

  it('run a second time, reports the branch it made and commits nothing new', async () => {
    const before = await git.resolveRef({ fs, dir: repo(), ref: branch });
    const branches = await git.listBranches({ fs, dir: repo() });

    const task = await upgrade('orders-api');

    expect({
      status: task.status,
      log: task.status === 'failed' ? task.log : '',
    }).toEqual({ status: 'completed', log: '' });
    expect(await git.resolveRef({ fs, dir: repo(), ref: branch })).toBe(before);
    expect(await git.listBranches({ fs, dir: repo() })).toEqual(branches);
    expect(task.log).toContain(
      `The branch ${branch} of orders-api already holds this change (commit ${before.slice(
        0,
        7,
      )}): nothing new committed`,
    );
    expect(task.output?.text[0].content).toContain(
      `Branch \`${branch}\` of the local repository already holds this upgrade (commit \`${before}\`): nothing new was committed.`,
    );
    expect(task.output?.branch).toBe(branch);
  }, 240_000);

  it('upgrades a 0.2.0 service with the answers it records, keeping its own edit', async () => {
    const dir = repo('inventory-api');
    const head = await git.resolveRef({ fs, dir, ref: 'HEAD' });

    // The form's answers differ; the recorded ones must win.
    const task = await upgrade('inventory-api', {
      database: 'none',
      workers: 8,
    });

    expect({
      status: task.status,
      log: task.status === 'failed' ? task.log : '',
    }).toEqual({ status: 'completed', log: '' });
    expect(task.log).toContain(
      'The service records its answers in .golden-path/answers.yaml',
    );
    const commit = await git.resolveRef({ fs, dir, ref: branch });
    const { commit: made } = await git.readCommit({ fs, dir, oid: commit });
    expect(made.parent).toEqual([head]);
    expect(parseUpgradeRecord(made.message)).toEqual({
      fromVersion: '0.2.0',
      toVersion: version,
      conflicts: [],
    });
    // What the current version renders for its recorded answers, with its edit merged in.
    const expected = await currentRender('inventory-api');
    expected['app/main.py'] += OWN_EDIT;
    expect(await treeOf(dir, commit)).toEqual(expected);
    expect(await git.resolveRef({ fs, dir, ref: 'HEAD' })).toBe(head);
  }, 240_000);

  it('says a service already on the current version is up to date and makes no change', async () => {
    const task = await upgrade('billing-api');

    expect({
      status: task.status,
      log: task.status === 'failed' ? task.log : '',
    }).toEqual({ status: 'completed', log: '' });
    // Its answers file is the source, not a task or the form.
    expect(task.log).toContain(
      'The service records its answers in .golden-path/answers.yaml',
    );
    const message = `The service is already on the FastAPI golden path ${version}: nothing to upgrade, no change made`;
    expect(task.log).toContain(message);
    expect(task.output?.text[0]).toEqual({
      title: `Upgrade ${version} → ${version}`,
      content: expect.stringContaining(message),
    });
    expect(task.output?.branch).toBeUndefined();
    // Nothing after the upgrade step ran: no checklist, no branch.
    expect(task.log).toContain(
      'Skipping step checklist because its if condition was false',
    );
    expect(task.log).toContain(
      'Skipping step branch-local because its if condition was false',
    );
    expect(task.log).not.toMatch(
      /Finished step (Production-readiness|Local: commit)/,
    );
    expect(await git.listBranches({ fs, dir: repo('billing-api') })).toEqual([
      'main',
    ]);
  }, 240_000);

  it('recovers the answers of a service without an answers file from the task that created it', async () => {
    // A service created by a real task of the Create template…
    const tasks = scaffolderTasks(server);
    await tasks.templateReady('fastapi-service');
    const { name: _name, ...created } = values;
    const createdId = await tasks.start('fastapi-service', {
      ...created,
      name: 'catalog-api',
      database: 'postgresql',
      workers: 2,
      publishTarget: 'local',
    });
    const createdTask = await tasks.finished(createdId, 180_000);
    expect({
      status: createdTask.status,
      log: createdTask.status === 'failed' ? await tasks.log(createdId) : '',
    }).toEqual({ status: 'completed', log: '' });
    // …whose repository lost its answers file, as services made before 0.2.0 never had one.
    const dir = repo('catalog-api');
    await git.remove({ fs, dir, filepath: '.golden-path/answers.yaml' });
    fs.rmSync(path.join(dir, '.golden-path/answers.yaml'));
    await git.commit({
      fs,
      dir,
      message: 'No answers file',
      author: { name: 'Team Orders', email: 'orders@example.com' },
    });

    // The form says 0.1.0 and other options; the task's answers win.
    const task = await upgrade('catalog-api', { database: 'none', workers: 8 });

    expect({
      status: task.status,
      log: task.status === 'failed' ? task.log : '',
    }).toEqual({ status: 'completed', log: '' });
    expect(task.log).toContain(
      `Answers of catalog-api recovered from the task that created it (${createdId}, template:default/fastapi-service ${version})`,
    );
    expect(task.log).toContain(
      `The service is already on the FastAPI golden path ${version}: nothing to upgrade, no change made`,
    );
    expect(await git.listBranches({ fs, dir })).toEqual(['main']);
  }, 360_000); // two real tasks: create (render, checklist, publish) and upgrade

  it('stops before writing when the new version refuses a recorded answer, naming it', async () => {
    const task = await upgrade('legacy-api');

    expect(task.status).toBe('failed');
    expect(task.log).toContain(
      `Version ${version} does not accept the service's recorded answers, so nothing was changed: workers: workers must be at most 32`,
    );
    expect(await git.listBranches({ fs, dir: repo('legacy-api') })).toEqual([
      'main',
    ]);
    expect(
      await git
        .statusMatrix({ fs, dir: repo('legacy-api') })
        .then(rows =>
          rows.filter(([, h, w, i]) => h !== 1 || w !== 1 || i !== 1),
        ),
    ).toEqual([]);
  }, 240_000);
});
