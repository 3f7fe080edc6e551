import { mockCredentials } from '@backstage/backend-test-utils';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { startPortalBackend } from '../../src/__testUtils__/portalBackend';
import { capturingScheduler } from '../lib/capturingScheduler';
import { summarize, timeIt } from '../lib/stats';
import { BenchRow, ms } from '../lib/table';

const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 1000);

function writeRepositories(root: string) {
  for (let i = 0; i < ENTITIES; i++) {
    const dir = path.join(root, `svc-${i}`);
    fs.mkdirSync(path.join(dir, 'app'), { recursive: true });
    fs.writeFileSync(
      path.join(dir, 'catalog-info.yaml'),
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: svc-${i}\n  annotations:\n    fastapi-golden-path/checklist: enabled\nspec:\n  type: service\n  lifecycle: production\n  owner: group:default/team-${
        i % 10
      }\n`,
    );
    fs.writeFileSync(path.join(dir, 'requirements.txt'), 'fastapi\n');
    fs.writeFileSync(
      path.join(dir, 'app/main.py'),
      `from fastapi import FastAPI\napp = FastAPI()\n\n@app.get("/health")\ndef health() -> dict[str, str]:\n    return {"status": "ok"}\n\n@app.post("/items")\ndef create(item: dict) -> dict:\n    return item\n`,
    );
  }
}

/**
 * 1,000 checklist-enabled services in the real catalog (through the local repositories
 * provider): summary latency, and a full refresh with every repository changed and
 * with none changed (which must analyse nothing: no new history entries).
 */
export async function benchChecklistBackend(): Promise<BenchRow[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'checklist-bench-'));
  writeRepositories(root);
  const scheduler = capturingScheduler();
  const backend = await startPortalBackend({
    features: [scheduler.factory],
    config: {
      catalog: { rules: [{ allow: ['Component', 'Location'] }] },
      fastapiGoldenPath: { local: { root } },
      fastapiChecklist: { refresh: { concurrency: 4 } },
    },
  });
  const server = backend.server;
  const auth = mockCredentials.user.header();
  await scheduler.run('fastapi-golden-path-local-repositories:scan');
  for (;;) {
    const res = await request(server)
      .get('/api/catalog/entities/by-query?filter=kind=component&limit=1')
      .set('Authorization', auth);
    if (res.body.totalItems >= ENTITIES) break;
    await new Promise(r => setTimeout(r, 500));
  }

  const allChanged = await timeIt(() =>
    scheduler.run('fastapi-checklist-refresh'),
  );
  const noneChanged = await timeIt(() =>
    scheduler.run('fastapi-checklist-refresh'),
  );
  let reanalysed = 0;
  for (let i = 0; i < ENTITIES; i += 1) {
    const history = await request(server)
      .get(`/api/fastapi-checklist/entity/default/component/svc-${i}/history`)
      .set('Authorization', auth);
    if (history.body.length > 1) reanalysed += 1;
  }

  const latencies: number[] = [];
  for (let i = 0; i < 40; i++) {
    latencies.push(
      await timeIt(async () => {
        await request(server)
          .get('/api/fastapi-checklist/summary?sort=score')
          .set('Authorization', auth);
      }),
    );
  }
  await backend.stop();
  fs.rmSync(root, { recursive: true, force: true });
  const sorted = [...latencies].sort((a, b) => a - b);
  const p95 = sorted[Math.floor(0.95 * (sorted.length - 1))];
  const summary = summarize(latencies);
  return [
    {
      benchmark: `checklist summary API, ${ENTITIES} entities (40 requests)`,
      subject: `p50 ${ms(summary.median)}, p95 ${ms(p95)}`,
      baseline: '-',
      ratio: '-',
      target: 'p95 < 200 ms',
    },
    {
      benchmark: `full refresh, ${ENTITIES} entities`,
      subject: `all changed ${ms(allChanged)}; none changed ${ms(
        noneChanged,
      )}, ${reanalysed} re-analysed`,
      baseline: '-',
      ratio: (allChanged / Math.max(noneChanged, 1)).toFixed(1),
      target: 'none changed: 0 trees read',
    },
  ];
}
