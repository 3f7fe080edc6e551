import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { createServer } from 'node:net';
import Router from 'express-promise-router';
import request from 'supertest';
import { rootHttpRouterWithoutStackTraces } from './rootHttpRouter';

const failingPlugin = createBackendPlugin({
  pluginId: 'failing',
  register(env) {
    env.registerInit({
      deps: { httpRouter: coreServices.httpRouter },
      async init({ httpRouter }) {
        const router = Router();
        router.get('/boom', async () => {
          throw new Error('the internals failed');
        });
        httpRouter.use(router);
        httpRouter.addAuthPolicy({ path: '/boom', allow: 'unauthenticated' });
      },
    });
  },
});

/** A port nothing listens on right now (the real root router listens itself). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

describe('rootHttpRouterWithoutStackTraces', () => {
  const nodeEnv = process.env.NODE_ENV;
  // development mode is where Backstage's default handler adds stack traces
  beforeEach(() => {
    process.env.NODE_ENV = 'development';
  });
  afterEach(() => {
    process.env.NODE_ENV = nodeEnv;
  });

  it('answers errors without a stack trace in development mode', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    // a real backend: the test backend brings its own root router
    const backend = createBackend();
    backend.add(failingPlugin);
    backend.add(rootHttpRouterWithoutStackTraces);
    backend.add(
      mockServices.rootConfig.factory({
        data: {
          backend: {
            baseUrl,
            listen: { host: '127.0.0.1', port },
            database: { client: 'better-sqlite3', connection: ':memory:' },
          },
        },
      }),
    );
    await backend.start();
    try {
      const response = await request(baseUrl).get('/api/failing/boom');
      expect(response.status).toBe(500);
      expect(response.body.error.name).toBe('Error');
      expect(response.body.error.stack).toBeUndefined();
      expect(JSON.stringify(response.body)).not.toContain('    at ');
    } finally {
      await backend.stop();
    }
  }, 120_000); // a real backend starts every default service
});
