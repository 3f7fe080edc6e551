import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import {
  dropReplicaDatabases,
  pluginDatabaseUrl,
  postgresAdminUrl,
  writeReplicaConfig,
} from '../../replicas/replicaConfig';
import {
  Replica,
  startReplica,
  stopReplica,
} from '../../replicas/replicaProcess';
import {
  changeSyntheticRepositories,
  writeSyntheticRepositories,
} from '../../replicas/syntheticRepositories';
import { cpuSecondsOf, postgresCpuSeconds } from '../lib/processCpu';
import { summarize, timeIt } from '../lib/stats';
import { BenchRow, ms } from '../lib/table';

const ENTITIES = Number(process.env.BENCH_LOAD_ENTITIES ?? 10_000);

/** Resident and peak resident memory of a process, from /proc (Linux). */
function memoryOf(pid: number): { rss: string; peak: string } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  const mib = (value: number) => `${(value / 1024).toFixed(0)} MiB`;
  return { rss: mib(kib('VmRSS')), peak: mib(kib('VmHWM')) };
}

/**
 * The load rows (issue 14): ENTITIES checklist-enabled entities on real PostgreSQL, served
 * by the real backend in its own process (the replica proof's harness). One replica
 * evaluates everything (all changed), a refresh with nothing changed must analyse
 * nothing, the summary's latency and the backend's memory; then a second replica joins
 * and a refresh with everything changed measures two replicas against one.
 */
export async function benchChecklistReplicas(): Promise<BenchRow[]> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'checklist-load-'));
  const root = path.join(work, 'repositories');
  const entitiesFile = path.join(work, 'entities.json');
  fs.writeFileSync(
    entitiesFile,
    JSON.stringify(writeSyntheticRepositories(root, ENTITIES)),
  );
  const url = postgresAdminUrl();
  const prefix = `checklist_load_${Date.now()}_`;
  const token = randomBytes(24).toString('hex');
  // Each replica gets one core of its own and one analysis worker, as each would get its
  // own machine's share in production; two replicas on one shared 2-core pool would
  // measure the machine, not the design.
  const start = (name: string, port: number, cpu: number) =>
    startReplica({
      name,
      port,
      cpus: String(cpu % os.availableParallelism()),
      configFile: writeReplicaConfig({
        file: path.join(work, `app-config.${port}.yaml`),
        port,
        postgresUrl: url,
        prefix,
        token,
        root,
        claimTimeoutSeconds: 60,
        analysisWorkers: 1,
      }),
      entitiesFile,
      logFile: path.join(work, `${name}.log`),
    });
  const admin = new Client({ connectionString: url });
  await admin.connect();
  const db = new Client({ connectionString: pluginDatabaseUrl(url, prefix) });
  const replicas: Replica[] = [];
  try {
    const a = await start('a', 7421, 0);
    replicas.push(a);
    await db.connect();
    // Polls the small queue table and scans the results only once it is empty: the
    // harness's own queries are counted in PostgreSQL's CPU seconds below.
    const evaluatedAll = async (times: number) => {
      for (;; await new Promise(resolve => setTimeout(resolve, 250))) {
        const queued = await db.query(
          'SELECT EXISTS (SELECT 1 FROM checklist_queue) AS queued',
        );
        if (queued.rows[0].queued) continue;
        const { rows } = await db.query(
          'SELECT count(*)::int AS done FROM checklist_results WHERE evaluations >= $1',
          [times],
        );
        if (rows[0].done === ENTITIES) return;
      }
    };
    const trigger = async (replica: Replica) => {
      const res = await fetch(
        `${replica.baseUrl}/api/fastapi-checklist/.backstage/scheduler/v1/tasks/fastapi-checklist-refresh/trigger`,
        { method: 'POST', headers: { authorization: `Bearer ${token}` } },
      );
      if (!res.ok) throw new Error(`trigger: ${res.status}`);
    };

    // One replica, every repository new: the new-entities task evaluates them all.
    await evaluatedAll(1);
    const noneChanged = await timeIt(async () => {
      await trigger(a);
      await evaluatedAll(2);
    });
    const {
      rows: [{ reanalysed }],
    } = await db.query(
      'SELECT count(*)::int AS reanalysed FROM (SELECT entity_ref FROM checklist_history GROUP BY entity_ref HAVING count(*) > 1) changed',
    );
    // The org page's request (its first page, lowest scores first), then every row at
    // once (the CSV export and API clients).
    const summaryLatencies = async (query: string) => {
      const latencies: number[] = [];
      for (let i = 0; i < 40; i++) {
        latencies.push(
          await timeIt(async () => {
            const res = await fetch(
              `${a.baseUrl}/api/fastapi-checklist/summary?${query}`,
              { headers: { authorization: `Bearer ${token}` } },
            );
            if (!res.ok) throw new Error(`summary: ${res.status}`);
            await res.arrayBuffer();
          }),
        );
      }
      return latencies;
    };
    const pageLatencies = await summaryLatencies(
      'sort=score&limit=20&offset=0',
    );
    const allLatencies = await summaryLatencies('sort=score');
    const memory = memoryOf(a.process.pid!);

    // Every repository changed: one replica, then two.
    // Where the CPU went in each round: the replicas' and PostgreSQL's seconds.
    const cpuDuring = async (round: () => Promise<void>, pids: number[]) => {
      const cpu = () => pids.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
      const [replicasBefore, postgresBefore] = [cpu(), postgresCpuSeconds()];
      const wall = await timeIt(round);
      return {
        wall,
        replicas: cpu() - replicasBefore,
        postgres: postgresCpuSeconds() - postgresBefore,
      };
    };
    changeSyntheticRepositories(root, ENTITIES);
    const oneReplica = await cpuDuring(async () => {
      await trigger(a);
      await evaluatedAll(3);
    }, [a.process.pid!]);
    const b = await start('b', 7422, 1);
    replicas.push(b);
    changeSyntheticRepositories(root, ENTITIES, 2);
    const twoReplicas = await cpuDuring(async () => {
      await trigger(a);
      await evaluatedAll(4);
    }, [a.process.pid!, b.process.pid!]);

    const p95 = (latencies: number[]) =>
      [...latencies].sort((x, y) => x - y)[
        Math.floor(0.95 * (latencies.length - 1))
      ];
    const cpu = (seconds: number) => `${seconds.toFixed(1)} s`;
    const perSecond = (duration: number) =>
      `${((ENTITIES / duration) * 1000).toFixed(0)}/s`;
    return [
      {
        benchmark: `checklist summary API, ${ENTITIES} entities on PostgreSQL, a page of 20 as the org page asks (40 requests)`,
        subject: `p50 ${ms(summarize(pageLatencies).median)}, p95 ${ms(
          p95(pageLatencies),
        )}`,
        baseline: '-',
        ratio: '-',
        target: 'p95 < 200 ms',
      },
      {
        benchmark: `checklist summary API, ${ENTITIES} entities, every row at once (CSV, API clients; 40 requests)`,
        subject: `p50 ${ms(summarize(allLatencies).median)}, p95 ${ms(
          p95(allLatencies),
        )}`,
        baseline: '-',
        ratio: '-',
        target: '-',
      },
      {
        benchmark: `full refresh, ${ENTITIES} entities, none changed (one replica)`,
        subject: `${ms(noneChanged)}, ${reanalysed} re-analysed`,
        baseline: '-',
        ratio: '-',
        target: '0 re-analysed, < 30 s',
      },
      {
        benchmark: `backend RSS after evaluating ${ENTITIES} entities`,
        subject: `${memory.rss} (peak ${memory.peak})`,
        baseline: '-',
        ratio: '-',
        target: '-',
      },
      {
        benchmark: `refresh, ${ENTITIES} entities all changed: two replicas vs one (a core each)`,
        subject: `two ${ms(twoReplicas.wall)} (${perSecond(
          twoReplicas.wall,
        )}; CPU: replicas ${cpu(twoReplicas.replicas)}, PostgreSQL ${cpu(
          twoReplicas.postgres,
        )})`,
        baseline: `one ${ms(oneReplica.wall)} (${perSecond(
          oneReplica.wall,
        )}; CPU: replica ${cpu(oneReplica.replicas)}, PostgreSQL ${cpu(
          oneReplica.postgres,
        )})`,
        ratio: (oneReplica.wall / twoReplicas.wall).toFixed(2),
        target: 'ratio ≥ 1.6',
      },
    ];
  } finally {
    await Promise.all(replicas.map(r => stopReplica(r, 'SIGTERM')));
    await db.end().catch(() => undefined);
    await dropReplicaDatabases(admin, prefix);
    await admin.end();
    fs.rmSync(work, { recursive: true, force: true });
  }
}
