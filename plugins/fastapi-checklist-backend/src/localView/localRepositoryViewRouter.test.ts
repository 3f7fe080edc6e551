import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import git from 'isomorphic-git';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import request from 'supertest';
import { commitRepository } from '../__fixtures__/commitRepository';
import { ChecklistAccess } from '../permissions';
import { mountLocalRepositoryView } from './localRepositoryViewRouter';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'local-view-'));
const root = path.join(tmp, 'root');
const elsewhere = path.join(tmp, 'elsewhere');
const HUGE_BYTES = 5 * 1024 ** 3;
const MAIN_PY = 'from fastapi import FastAPI\n\napp = FastAPI()  # <main>\n';

/**
 * The entity the catalog took from each name's repository, as LocalRepositoriesProvider
 * offers it (authorization is permissions.test.ts's subject; here every read is allowed,
 * so the refusals below are the view's own).
 */
const catalog = catalogServiceMock({
  entities: ['orders', 'escape', 'plain', 'missing'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      annotations: {
        'backstage.io/managed-by-location': `file:${path.join(
          root,
          name,
          'catalog-info.yaml',
        )}`,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  })),
});

const viewPlugin = createBackendPlugin({
  pluginId: 'fastapi-checklist',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
      },
      async init({ httpRouter, httpAuth, permissions }) {
        mountLocalRepositoryView({
          httpRouter,
          httpAuth,
          catalog,
          access: new ChecklistAccess(permissions),
          root,
        });
      },
    });
  },
});

let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
const user = mockCredentials.user.header();
const get = (url: string) =>
  request(server).get(`/api/fastapi-checklist/local${url}`);

beforeAll(async () => {
  const orders = path.join(root, 'orders');
  await commitRepository(orders, {
    'app/main.py': MAIN_PY,
    'big.txt': 'x'.repeat(1024 * 1024 + 1),
    'logo.png': '\x89PNG\r\n\x1a\n\0\0\0',
  });
  // a committed symlink that points out of the repository
  fs.symlinkSync('/etc/passwd', path.join(orders, 'passwd'));
  await git.add({ fs, dir: orders, filepath: 'passwd' });
  await git.commit({
    fs,
    dir: orders,
    message: 'link',
    author: { name: 'Test', email: 'test@localhost' },
  });
  // A 5 GiB file as git stores it (a loose object: zlib of `blob <size>\0<content>`),
  // of which only the header and the first bytes are written: the rest would take
  // gigabytes. A view that reads the whole object fails on it; one that reads the
  // header first answers with the size.
  fs.writeFileSync(path.join(orders, 'huge.bin'), 'replaced below');
  await git.add({ fs, dir: orders, filepath: 'huge.bin' });
  await git.commit({
    fs,
    dir: orders,
    message: 'huge',
    author: { name: 'Test', email: 'test@localhost' },
  });
  const { tree } = await git.readTree({
    fs,
    dir: orders,
    oid: await git.resolveRef({ fs, dir: orders, ref: 'HEAD' }),
  });
  const hugeOid = tree.find(e => e.path === 'huge.bin')!.oid;
  const hugeObject = path.join(
    orders,
    '.git/objects',
    hugeOid.slice(0, 2),
    hugeOid.slice(2),
  );
  fs.rmSync(hugeObject);
  fs.writeFileSync(
    hugeObject,
    zlib.deflateSync(
      Buffer.concat([Buffer.from(`blob ${HUGE_BYTES}\0`), Buffer.alloc(65536)]),
      { finishFlush: zlib.constants.Z_SYNC_FLUSH },
    ),
  );
  // uncommitted changes are not what the view shows
  fs.writeFileSync(path.join(orders, 'app/main.py'), 'secret = "draft"\n');
  // a repository outside the root, reachable by a symlink inside it
  await commitRepository(path.join(elsewhere, 'private'), { 'key.txt': 'k' });
  fs.symlinkSync(path.join(elsewhere, 'private'), path.join(root, 'escape'));
  // a directory under the root that is no git repository
  fs.mkdirSync(path.join(root, 'plain'));
  ({ server } = await startTestBackend({
    features: [
      viewPlugin,
      mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
      // a request without credentials is anonymous, as in a real backend
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  }));
});

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the read-only view of local repositories', () => {
  it('shows a file at HEAD with line anchors, escaped, as a page with no scripts', async () => {
    const res = await get('/orders/app/main.py').set('authorization', user);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toMatch(
      /default-src 'none'/,
    );
    expect(res.text).toContain(
      '<span id="L3"><a href="#L3">3</a>app = FastAPI()  # &lt;main&gt;</span>',
    );
    expect(res.text).not.toContain('draft');
    // the breadcrumb leads back to the repository root
    expect(res.text).toContain('<a href="../">orders</a>');
  });

  it('lists directories, with symlinks listed but not followed', async () => {
    const res = await get('/orders/').set('authorization', user);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<a href="app/">app/</a>');
    expect(res.text).toContain('<a href="big.txt">big.txt</a>');
    expect(res.text).toMatch(/passwd <small>\(symlink, not followed\)/);
    const app = await get('/orders/app/').set('authorization', user);
    expect(app.text).toContain('<a href="main.py">main.py</a>');
  });

  it('redirects a directory without its trailing slash', async () => {
    const repo = await get('/orders').set('authorization', user);
    expect(repo.status).toBe(301);
    expect(repo.headers.location).toBe('/api/fastapi-checklist/local/orders/');
    const dir = await get('/orders/app').set('authorization', user);
    expect(dir.status).toBe(301);
    expect(dir.headers.location).toBe(
      '/api/fastapi-checklist/local/orders/app/',
    );
  });

  it('never follows a committed symlink', async () => {
    const res = await get('/orders/passwd').set('authorization', user);
    expect(res.status).toBe(404);
    expect(res.text).not.toContain('root:');
  });

  it('describes large and binary files instead of sending them', async () => {
    const big = await get('/orders/big.txt').set('authorization', user);
    expect(big.status).toBe(200);
    expect(big.text).toContain('more than this view shows (1048576)');
    expect(big.text.length).toBeLessThan(10_000);
    const binary = await get('/orders/logo.png').set('authorization', user);
    expect(binary.text).toContain('Binary file');
  });

  it("tells a file's size from its object's header, never reading a file above the limit", async () => {
    const huge = await get('/orders/huge.bin').set('authorization', user);
    expect(huge.status).toBe(200);
    expect(huge.text).toContain(
      `This file has ${HUGE_BYTES} bytes, more than this view shows (1048576)`,
    );
  });

  it('refuses .. in a path and repositories outside the root', async () => {
    for (const url of [
      '/orders/%2e%2e/%2e%2e/etc/passwd',
      '/orders/app/%2e%2e/%2e%2e/escape/key.txt',
    ]) {
      const res = await get(url).set('authorization', user);
      expect({ url, status: res.status }).toEqual({ url, status: 400 });
    }
    for (const url of [
      '/%2e%2e/',
      '/escape/key.txt',
      '/plain/',
      '/missing/',
      '/orders/nope.py',
    ]) {
      const res = await get(url).set('authorization', user);
      expect({ url, status: res.status }).toEqual({ url, status: 404 });
      expect(res.text).not.toContain(tmp);
    }
    // what an unnormalised client sends reaches no file outside the root either
    const raw = await request(server)
      .get('/api/fastapi-checklist/local/orders/../../../../etc/passwd')
      .set('authorization', user);
    expect(raw.text).not.toContain('root:');
  });

  it('needs a signed-in user: a token or the auth cookie, nothing else', async () => {
    expect((await get('/orders/app/main.py')).status).toBe(401);
    const cookie = await get('/orders/app/main.py').set(
      'cookie',
      mockCredentials.limitedUser.cookie(),
    );
    expect(cookie.status).toBe(200);
    const invalid = await get('/orders/app/main.py').set(
      'cookie',
      mockCredentials.limitedUser.invalidCookie(),
    );
    expect(invalid.status).toBe(401);
  });
});
