import { createMockDirectory } from '@backstage/backend-test-utils';
import { fixTemplateName } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  analyzeRepository,
  FIXABLE_CHECKS,
  treeFromEntries,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
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
import { readTemplate, TEMPLATE_DIR } from './__testUtils__/templateDirectory';

const fixTemplate = parseYaml(
  fs.readFileSync(path.join(TEMPLATE_DIR, 'fix.yaml'), 'utf8'),
);

describe('the "Fix readiness checks" template', () => {
  it('is named as the card will ask for it: the Create template’s name + -fix', () => {
    expect(fixTemplate.metadata.name).toBe(
      fixTemplateName(readTemplate().metadata.name),
    );
  });

  it('offers exactly the checks with an automatic fix', () => {
    const [form] = fixTemplate.spec.parameters;
    expect(form.properties.checks.items.enum).toEqual([...FIXABLE_CHECKS]);
  });

  it('is registered in the catalog beside the Create and Upgrade templates', () => {
    const location = parseYaml(
      fs.readFileSync(
        path.join(TEMPLATE_DIR, '../../catalog-info.yaml'),
        'utf8',
      ),
    );
    expect(location.spec.targets).toContain(
      './templates/fastapi-service/fix.yaml',
    );
  });
});

/** Every file of a commit's tree, path → content. */
async function treeOf(dir: string, ref: string) {
  const files: Record<string, string> = {};
  await git.walk({
    fs,
    dir,
    trees: [git.TREE({ ref })],
    map: async (filepath, [entry]) => {
      if (entry && (await entry.type()) === 'blob')
        files[filepath] = Buffer.from((await entry.content())!).toString(
          'utf8',
        );
      return undefined;
    },
  });
  return files;
}

const USER_LINE = /^USER .*\n/m;

describe('fixing a local service made from release 0.1.0 whose Dockerfile lost its USER, through a real scaffolder task', () => {
  const root = createMockDirectory();
  const scratch = createMockDirectory();
  let server: PortalBackend['server'];
  const repo = () => path.join(root.path, 'orders-api');
  let rendered: string;

  beforeAll(async () => {
    fs.mkdirSync(repo());
    await renderWithAction({
      input: {
        name: 'orders-api',
        owner: 'group:default/team-orders',
        skeleton: './releases/0.1.0/skeleton',
      },
      workspacePath: repo(),
      scratchDir: path.join(scratch.path, 'render'),
      version: '0.1.0',
    });
    const dockerfile = path.join(repo(), 'Dockerfile');
    rendered = fs.readFileSync(dockerfile, 'utf8');
    // The render must have had a USER line for this to test anything (asserted below).
    fs.writeFileSync(dockerfile, rendered.replace(USER_LINE, ''));
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
            { type: 'file', target: path.join(TEMPLATE_DIR, 'fix.yaml') },
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

  it('commits the fix on golden-path/fix-dockerfile, where the checklist passes dockerfile', async () => {
    expect(rendered).toMatch(USER_LINE);
    const head = await git.resolveRef({ fs, dir: repo(), ref: 'HEAD' });
    const before = await treeOf(repo(), head);
    expect(before.Dockerfile).not.toMatch(USER_LINE);
    const tasks = scaffolderTasks(server);
    await tasks.templateReady('fastapi-service-fix');
    await waitUntil(async () => {
      const res = await request(server)
        .get('/api/catalog/entities/by-name/component/default/orders-api')
        .set('Authorization', userAuth());
      return res.status === 200 ? true : undefined;
    }, 'the local service in the catalog');
    const taskId = await tasks.start('fastapi-service-fix', {
      entity: 'component:default/orders-api',
      checks: ['dockerfile'],
    });
    const task = await tasks.finished(taskId, 180_000);
    const log = await tasks.log(taskId);
    expect({
      status: task.status,
      log: task.status === 'failed' ? log : '',
    }).toEqual({
      status: 'completed',
      log: '',
    });

    const commit = await git.resolveRef({
      fs,
      dir: repo(),
      ref: 'golden-path/fix-dockerfile',
    });
    const { commit: made } = await git.readCommit({
      fs,
      dir: repo(),
      oid: commit,
    });
    expect(made.parent).toEqual([head]);
    expect(made.message).toMatch(/^Fix the readiness check dockerfile\n\n/);
    expect(made.message).toContain(
      'Guide: https://fastapi.tiangolo.com/deployment/docker/',
    );

    const after = await treeOf(repo(), commit);
    // Only the Dockerfile changed, and only by the USER line (numeric, as the stage creates it).
    const changed = Object.keys(after).filter(
      file => after[file] !== before[file],
    );
    expect(changed).toEqual(['Dockerfile']);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    expect(after.Dockerfile).toMatch(/^USER 10001\n/m);
    expect(after.Dockerfile.replace(/^USER 10001\n\n/m, '')).toBe(
      before.Dockerfile,
    );

    const checklist = async (files: Record<string, string>) =>
      (
        await analyzeRepository(treeFromEntries(Object.entries(files)))
      ).items.find(item => item.id === 'dockerfile')?.status;
    expect([await checklist(before), await checklist(after)]).toEqual([
      'warn',
      'pass',
    ]);

    // Reviewable, not applied: the service's own branch is as it was.
    expect(await git.currentBranch({ fs, dir: repo() })).toBe('main');
    expect(await git.resolveRef({ fs, dir: repo(), ref: 'HEAD' })).toBe(head);
  }, 240_000);
});
