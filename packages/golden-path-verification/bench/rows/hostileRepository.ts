import {
  analyzeRepository,
  treeFromDirectory,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { largeRouterModule } from '../lib/largeRouterModule';
import { startPortalBackend } from '../../src/__testUtils__/portalBackend';
import { capturingScheduler } from '../lib/capturingScheduler';
import { summarize } from '../lib/stats';
import { BenchRow, ms } from '../lib/table';

const MB = 1024 * 1024;

/** A checklist-enabled service with `files` generated router modules of 500 KB each. */
function writeRepository(root: string, name: string, files: number): void {
  const dir = path.join(root, name);
  fs.mkdirSync(path.join(dir, 'app'), { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'catalog-info.yaml'),
    `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  annotations:\n    fastapi-golden-path/checklist: enabled\nspec:\n  type: service\n  lifecycle: production\n  owner: group:default/bench\n`,
  );
  fs.writeFileSync(path.join(dir, 'requirements.txt'), 'fastapi\n');
  fs.writeFileSync(
    path.join(dir, 'app/main.py'),
    'from fastapi import FastAPI\napp = FastAPI()\n',
  );
  for (let i = 0; i < files; i++)
    fs.writeFileSync(
      path.join(dir, `app/big_${i}.py`),
      largeRouterModule(500 * 1024, `b${i}`),
    );
}

/**
 * Health checks every 100 ms while `work` runs: their latencies, the longest time without
 * an answer (a blocked event loop answers nothing, so latency alone would miss it), and
 * the peak RSS of this process (the backend and its worker threads).
 */
async function whileRunning(
  server: Parameters<typeof request>[0],
  work: () => Promise<unknown>,
): Promise<{
  ms: number;
  outcome: string;
  health: number[];
  longestGap: number;
  peakRss: number;
}> {
  const health: number[] = [];
  const answered: number[] = [];
  let peakRss = process.memoryUsage().rss;
  let done = false;
  const probe = (async () => {
    while (!done) {
      const start = performance.now();
      await request(server).get('/.backstage/health/v1/liveness');
      answered.push(performance.now());
      health.push(performance.now() - start);
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      await new Promise(r => setTimeout(r, 100));
    }
  })();
  const start = performance.now();
  let outcome: string;
  try {
    outcome = String(await work());
  } catch (error) {
    outcome = `threw: ${String(error)}`;
  }
  const end = performance.now();
  done = true;
  await probe;
  const times = [start, ...answered.filter(t => t <= end), end];
  let longestGap = 0;
  for (let i = 1; i < times.length; i++)
    longestGap = Math.max(longestGap, times[i] - times[i - 1]);
  return { ms: end - start, outcome, health, longestGap, peakRss };
}

const healthText = (run: { health: number[]; longestGap: number }) =>
  `health p50 ${ms(
    summarize(run.health).median,
  )}, longest without an answer ${ms(run.longestGap)}`;

/**
 * Issue 13: the portal backend while it evaluates hostile repositories. The 40 MB one
 * (80 files of 500 KB) with the default limits, and a 9.5 MB one (19 files) analysed in
 * the worker pool, next to the same analysis on the main thread (as before the pool).
 */
export async function benchHostileRepository(): Promise<BenchRow[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-bench-'));
  writeRepository(root, 'hostile-40mb', 80);
  writeRepository(root, 'big-9mb', 19);
  const scheduler = capturingScheduler();
  const config: JsonObject = {
    catalog: { rules: [{ allow: ['Component', 'Location'] }] },
    fastapiGoldenPath: { local: { root } },
  };
  const backend = await startPortalBackend({
    features: [scheduler.factory],
    config,
  });
  const server = backend.server;
  const auth = mockCredentials.user.header();
  await scheduler.run('fastapi-golden-path-local-repositories:scan');
  for (;;) {
    const res = await request(server)
      .get('/api/catalog/entities/by-query?filter=kind=component&limit=1')
      .set('Authorization', auth);
    if (res.body.totalItems >= 2) break;
    await new Promise(r => setTimeout(r, 500));
  }
  const evaluate = (name: string) => async () => {
    const res = await request(server)
      .get(`/api/fastapi-checklist/entity/default/component/${name}`)
      .set('Authorization', auth);
    return res.body.status === 'ok'
      ? `score ${res.body.result.score}`
      : `error: ${res.body.error}`;
  };
  const rssBefore = process.memoryUsage().rss;
  const hostile = await whileRunning(server, evaluate('hostile-40mb'));
  const pooled = await whileRunning(server, evaluate('big-9mb'));
  const tree = await treeFromDirectory(path.join(root, 'big-9mb'));
  const inProcess = await whileRunning(server, async () => {
    const result = await analyzeRepository(tree);
    return `score ${result.score}`;
  });
  await backend.stop();
  fs.rmSync(root, { recursive: true, force: true });
  const rss = (value: number) => `${Math.round(value / MB)} MiB`;
  return [
    {
      benchmark: 'hostile repository, 40 MB (80 × 500 KB), default limits',
      subject: `${ms(hostile.ms)}, ${hostile.outcome.slice(
        0,
        60,
      )}…; ${healthText(hostile)}; peak RSS ${rss(hostile.peakRss)}`,
      baseline: `RSS before ${rss(rssBefore)}`,
      ratio: '-',
      target: 'an error naming the limit; < 1 s without an answer',
    },
    {
      benchmark: 'large repository, 9.5 MB (19 × 500 KB), worker pool',
      subject: `${ms(pooled.ms)}, ${pooled.outcome}; ${healthText(
        pooled,
      )}; peak RSS ${rss(pooled.peakRss)} (backend process with its workers)`,
      baseline: `on the main thread (before): ${ms(inProcess.ms)}, ${healthText(
        inProcess,
      )}`,
      ratio: '-',
      target: 'longest without an answer < 1 s',
    },
  ];
}
