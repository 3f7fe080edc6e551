import { createMockDirectory } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import fs from 'node:fs';
import path from 'node:path';
import supertest from 'supertest';
import * as tar from 'tar';
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
import { TEMPLATE_DIR } from './__testUtils__/templateDirectory';
import { parseUpgradeRecord } from '@fastapi-golden-path/plugin-fastapi-checklist-common';

/**
 * The upgrade template's GitHub branch, through a real scaffolder task: GitHub's API
 * (which cannot run here) is the one mock. It serves acme/orders-api as release 0.1.0
 * rendered it, and records the pull request the task opens.
 */
const values = {
  name: 'orders-api',
  description: 'Takes orders',
  owner: 'group:default/team-orders',
  lifecycle: 'experimental',
  database: 'postgresql',
  auth: 'jwt',
  resource: 'items',
  websockets: false,
  backgroundTasks: true,
  corsOrigins: ['http://localhost:3000'],
  pythonVersion: '3.13',
  workers: 4,
  repoUrl: 'github.com?owner=acme&repo=orders-api',
};
const API = 'https://api.github.com/repos/acme/orders-api';
const version = parseYaml(
  fs.readFileSync(path.join(TEMPLATE_DIR, 'upgrade.yaml'), 'utf8'),
).metadata.annotations['fastapi-golden-path/version'];

type TreeItem = { path: string; mode: string; sha: string | null };
const github = {
  repository: '',
  blobs: new Map<string, string>(),
  tree: [] as TreeItem[],
  refs: [] as string[],
  commits: [] as string[],
  pulls: [] as { title: string; body: string; head: string; base: string }[],
};

const githubApi = setupServer(
  http.get(`${API}/commits/main/status`, () =>
    HttpResponse.json({
      sha: 'c0ffee',
      repository: {
        archive_url: `${API}/{archive_format}{/ref}`,
        trees_url: `${API}/git/trees{/sha}`,
      },
    }),
  ),
  http.get(`${API}/tarball/:sha`, async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of tar.create(
      { gzip: true, cwd: path.dirname(github.repository) },
      [path.basename(github.repository)],
    ))
      chunks.push(chunk as Buffer);
    return new HttpResponse(Buffer.concat(chunks), {
      headers: { 'content-type': 'application/x-gzip' },
    });
  }),
  http.get(API, () =>
    HttpResponse.json({
      default_branch: 'main',
      permissions: { admin: false, push: true, pull: true },
    }),
  ),
  http.get(`${API}/commits`, () =>
    HttpResponse.json([{ sha: 'c0ffee', commit: { tree: { sha: 'base-tree' } } }]),
  ),
  http.head(`${API}/contents/:path*`, () => new HttpResponse(null)),
  http.post(`${API}/git/blobs`, async ({ request }) => {
    const { content, encoding } = (await request.json()) as any;
    const sha = `blob-${github.blobs.size}`;
    github.blobs.set(sha, Buffer.from(content, encoding).toString('utf8'));
    return HttpResponse.json({ sha }, { status: 201 });
  }),
  http.post(`${API}/git/trees`, async ({ request }) => {
    github.tree = ((await request.json()) as any).tree;
    return HttpResponse.json({ sha: 'new-tree' }, { status: 201 });
  }),
  http.post(`${API}/git/commits`, async ({ request }) => {
    github.commits.push(((await request.json()) as any).message);
    return HttpResponse.json({ sha: 'new-commit' }, { status: 201 });
  }),
  http.post('https://api.github.com/graphql', () =>
    HttpResponse.json({ data: { repository: { ref: null } } }),
  ),
  http.post(`${API}/git/refs`, async ({ request }) => {
    github.refs.push(((await request.json()) as any).ref);
    return HttpResponse.json({}, { status: 201 });
  }),
  // The open pull requests from a head branch (every pull request here stays open).
  http.get(`${API}/pulls`, ({ request }) => {
    const query = new URL(request.url).searchParams;
    if (query.get('state') !== 'open') {
      return HttpResponse.json({ message: 'this mock answers state=open only' }, { status: 422 });
    }
    return HttpResponse.json(
      github.pulls
        .map((pull, index) => ({
          number: 7 + index,
          html_url: `https://github.com/acme/orders-api/pull/${7 + index}`,
          head: pull.head,
        }))
        .filter(pull => pull.head === query.get('head')),
    );
  }),
  http.post(`${API}/pulls`, async ({ request }) => {
    const pull = (await request.json()) as any;
    github.pulls.push(pull);
    return HttpResponse.json(
      {
        number: 7,
        html_url: 'https://github.com/acme/orders-api/pull/7',
        base: { ref: pull.base },
        head: { ref: pull.head },
      },
      { status: 201 },
    );
  }),
);

describe('upgrading a GitHub service made from release 0.1.0, through a real scaffolder task', () => {
  const scratch = createMockDirectory();
  let server: PortalBackend['server'];

  beforeAll(() => githubApi.listen({ onUnhandledRequest: 'bypass' }));
  afterAll(() => githubApi.close());

  beforeAll(async () => {
    // What GitHub holds: the service as release 0.1.0 rendered it.
    github.repository = path.join(scratch.path, 'github', 'acme-orders-api-c0ffee');
    fs.mkdirSync(github.repository, { recursive: true });
    await renderWithAction({
      input: { ...values, skeleton: './releases/0.1.0/skeleton' },
      workspacePath: github.repository,
      scratchDir: path.join(scratch.path, 'old'),
      version: '0.1.0',
    });
    const backend = await startPortalBackend({
      config: {
        integrations: { github: [{ host: 'github.com', token: 'test-token' }] },
        catalog: {
          rules: [{ allow: ['Component', 'API', 'Location', 'Template'] }],
          locations: [
            { type: 'file', target: path.join(TEMPLATE_DIR, 'upgrade.yaml') },
            {
              type: 'file',
              target: path.join(github.repository, 'catalog-info.yaml'),
            },
          ],
        },
      },
    });
    server = backend.server;
  }, 120_000);

  /** Runs the upgrade template for acme/orders-api; the task's status, log and output. */
  async function upgrade() {
    const tasks = scaffolderTasks(server);
    await tasks.templateReady('fastapi-service-upgrade');
    await waitUntil(async () => {
      const res = await supertest(server)
        .get('/api/catalog/entities/by-name/component/default/orders-api')
        .set('Authorization', userAuth());
      return res.status === 200 ? true : undefined;
    }, 'the service in the catalog');
    const { name, description, owner, lifecycle, repoUrl, ...options } = values;
    const taskId = await tasks.start('fastapi-service-upgrade', {
      entity: 'component:default/orders-api',
      createdFrom: '0.1.0',
      ...options,
    });
    const task = await tasks.finished(taskId, 180_000);
    const events = await tasks.events(taskId);
    return {
      status: task.status,
      log: await tasks.log(taskId),
      output: events.find(event => event.body.output)?.body.output as
        | {
            links: { title: string; url?: string }[];
            text: { title: string; content: string }[];
          }
        | undefined,
    };
  }

  it('opens a pull request with exactly what the new version changes', async () => {
    const task = await upgrade();
    expect({
      status: task.status,
      log: task.status === 'failed' ? task.log : '',
    }).toEqual({ status: 'completed', log: '' });

    expect(github.refs).toEqual([`refs/heads/golden-path/upgrade-${version}`]);
    expect(github.pulls).toHaveLength(1);
    expect(github.pulls[0]).toMatchObject({
      head: `acme:golden-path/upgrade-${version}`,
      base: 'main',
      title: `Upgrade to the FastAPI golden path ${version}`,
    });
    expect(github.pulls[0].body).toMatch(/from 0\.1\.0 to/);
    // The change's record (versions, conflicts), hidden in the description and in the
    // commit message's trailers, for the card.
    const record = { fromVersion: '0.1.0', toVersion: version, conflicts: [] };
    expect(github.pulls[0].body).toContain(
      `<!-- The golden path's record of this change (read by the service's card):\nGolden-Path-Upgrade: 0.1.0 -> ${version}\nGolden-Path-Conflicts: 0\n-->`,
    );
    expect(parseUpgradeRecord(github.pulls[0].body)).toEqual(record);
    expect(github.commits).toEqual([
      `Upgrade to the FastAPI golden path ${version} (from 0.1.0)\n\nGolden-Path-Upgrade: 0.1.0 -> ${version}\nGolden-Path-Conflicts: 0\n`,
    ]);
    expect(task.output?.links[0]).toEqual({
      title: 'Pull request',
      url: 'https://github.com/acme/orders-api/pull/7',
    });

    // The pull request's tree: every file of the new version, the removed ones deleted.
    const fresh = path.join(scratch.path, 'fresh');
    fs.mkdirSync(fresh);
    await renderWithAction({
      input: values,
      workspacePath: fresh,
      scratchDir: path.join(scratch.path, 'new'),
      version,
    });
    const sent = Object.fromEntries(
      github.tree
        .filter(item => item.sha !== null)
        .map(item => [item.path, github.blobs.get(item.sha!)]),
    );
    const expected = Object.fromEntries(
      fs
        .readdirSync(fresh, { recursive: true, withFileTypes: true })
        .filter(entry => entry.isFile())
        .map(entry => {
          const file = path.join(entry.parentPath, entry.name);
          return [path.relative(fresh, file), fs.readFileSync(file, 'utf8')];
        }),
    );
    expect(sent).toEqual(expected);
    const deleted = github.tree
      .filter(item => item.sha === null)
      .map(item => item.path)
      .sort();
    const before = fs.readdirSync(github.repository, { recursive: true, withFileTypes: true })
      .filter(entry => entry.isFile())
      .map(entry => path.relative(github.repository, path.join(entry.parentPath, entry.name)));
    expect(deleted).toEqual(before.filter(file => !(file in expected)).sort());
  }, 240_000); // a real scaffolder task: render twice, merge, checklist, publish

  it('run a second time, reports the open pull request and opens no other', async () => {
    const task = await upgrade();

    expect({
      status: task.status,
      log: task.status === 'failed' ? task.log : '',
    }).toEqual({ status: 'completed', log: '' });
    // No second branch, commit or pull request: only the lookup happened.
    expect(github.pulls).toHaveLength(1);
    expect(github.refs).toHaveLength(1);
    expect(github.commits).toHaveLength(1);
    expect(task.log).toContain(
      `acme/orders-api already has the pull request #7 from golden-path/upgrade-${version}: https://github.com/acme/orders-api/pull/7`,
    );
    expect(task.log).toContain(
      'Skipping step pull-request because its if condition was false',
    );
    expect(task.output?.links[0]).toEqual({
      title: 'Pull request',
      url: 'https://github.com/acme/orders-api/pull/7',
    });
    expect(task.output?.text[0].content).toContain(
      'The pull request https://github.com/acme/orders-api/pull/7 already proposes this upgrade: no second one was opened.',
    );
  }, 240_000);
});
