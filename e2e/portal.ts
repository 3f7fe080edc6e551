/*
 * Starts the local developer portal exactly as a developer does (`npm start`), with
 * its own empty publish root, and stops it again. Both dev servers are children of one
 * process group so that stopping kills webpack and the backend alike.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const APP_URL = 'http://localhost:3000';
export const BACKEND_URL = 'http://localhost:7007';
const repoRoot = resolve(__dirname, '..');

export interface Portal {
  /** Where `fastapi:local:publish` creates the services' git repositories. */
  localRoot: string;
  stop(): Promise<void>;
}

function portInUse(port: number): Promise<boolean> {
  return new Promise(done => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}

async function waitFor(
  what: string,
  ready: () => Promise<boolean>,
  child: ChildProcess,
  timeoutMs: number,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`npm start exited (${child.exitCode}) before ${what}`);
    }
    if (await ready().catch(() => false)) return;
    await sleep(1000);
  }
  throw new Error(`${what} not ready after ${timeoutMs / 1000} s`);
}

export async function startPortal(logFile: string): Promise<Portal> {
  for (const port of [3000, 7007]) {
    if (await portInUse(port)) {
      throw new Error(
        `port ${port} is taken: stop the running portal before the e2e test starts its own`,
      );
    }
  }
  const localRoot = await mkdtemp(join(tmpdir(), 'golden-path-e2e-'));
  const log = createWriteStream(logFile);
  const child = spawn('npm', ['start'], {
    cwd: repoRoot,
    detached: true,
    env: {
      ...process.env,
      // the portal's own config, with a fresh publish root for this run
      APP_CONFIG_fastapiGoldenPath_local_root: localRoot,
      BROWSER: 'none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise(done => child.once('exit', done));
      process.kill(-child.pid!, 'SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    }
    log.end();
    await rm(localRoot, { recursive: true, force: true });
  };

  try {
    await waitFor(
      'the backend',
      async () =>
        (
          await fetch(`${BACKEND_URL}/.backstage/health/v1/readiness`)
        ).ok,
      child,
      180_000,
    );
    // the dev server answers once the first bundle is compiled
    await waitFor(
      'the app',
      async () => (await fetch(APP_URL)).ok,
      child,
      300_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { localRoot, stop };
}
