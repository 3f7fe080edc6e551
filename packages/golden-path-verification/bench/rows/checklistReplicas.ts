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
import { startRepositoryServer } from '../../replicas/repositoryServer';
import { cpuSecondsOf, postgresCpuSeconds } from '../lib/processCpu';
import { summarize, timeIt } from '../lib/stats';
import { BenchRow, ms } from '../lib/table';

const ENTITIES = Number(process.env.BENCH_LOAD_ENTITIES ?? 10_000);
/** The downloads row: fewer entities, as each waits on its download (see below). */
const DOWNLOAD_ENTITIES = Number(process.env.BENCH_DOWNLOAD_ENTITIES ?? 1_000);
/** Per answer of the repository server: a git host's round trips, on the low side. */
const DOWNLOAD_LATENCY_MS = Number(
  process.env.BENCH_DOWNLOAD_LATENCY_MS ?? 250,
);

/** Resident and peak resident memory of a process, from /proc (Linux). */
function memoryOf(pid: number): { rss: string; peak: string } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (key: string) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  const mib = (value: number) => `${(value / 1024).toFixed(0)} MiB`;
  return { rss: mib(kib('VmRSS')), peak: mib(kib('VmHWM')) };
}

type Cluster = {
  root: string;
  /** Repositories the repository server sent so far (0 without one). */
  downloads(): number;
  start(name: string, port: number, cpu: number): Promise<Replica>;
  /** Waits until the queue is empty and every entity was evaluated `times` times. */
  evaluatedAll(times: number): Promise<void>;
  /** Triggers the scheduled refresh (it runs once, on whichever replica takes it). */
  trigger(replica: Replica): Promise<void>;
  /** A round's wall time, and the CPU seconds of these processes and of PostgreSQL. */
  cpuDuring(
    round: () => Promise<void>,
    pids: number[],
  ): Promise<{ wall: number; replicas: number; postgres: number }>;
  /** Fetches the replica's summary with this query; its latency in ms. */
  summaryLatency(replica: Replica, query: string): Promise<number>;
  db: Client;
};

/**
 * Replicas on a database of their own on real PostgreSQL, `count` synthetic entities
 * (read from disk, or through the repository server when given), stopped and dropped
 * after `run`.
 */
async function withCluster<T>(
  options: { count: number; latencyMs?: number },
  run: (cluster: Cluster) => Promise<T>,
): Promise<T> {
  const { count } = options;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'checklist-load-'));
  const root = path.join(work, 'repositories');
  fs.mkdirSync(root);
  const server =
    options.latencyMs === undefined
      ? undefined
      : await startRepositoryServer({ root, latencyMs: options.latencyMs });
  const entitiesFile = path.join(work, 'entities.json');
  fs.writeFileSync(
    entitiesFile,
    JSON.stringify(writeSyntheticRepositories(root, count, server?.baseUrl)),
  );
  const url = postgresAdminUrl();
  const prefix = `checklist_load_${Date.now()}_`;
  const token = randomBytes(24).toString('hex');
  const admin = new Client({ connectionString: url });
  await admin.connect();
  const db = new Client({ connectionString: pluginDatabaseUrl(url, prefix) });
  const replicas: Replica[] = [];
  let connected = false;
  const cluster: Cluster = {
    root,
    downloads: () => server?.downloads() ?? 0,
    db,
    // Each replica gets one core of its own and one analysis worker, as each would get
    // its own machine's share in production; two replicas on one shared 2-core pool
    // would measure the machine, not the design.
    async start(name, port, cpu) {
      const replica = await startReplica({
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
        repositoryServer: server?.baseUrl,
      });
      replicas.push(replica);
      if (!connected) {
        await db.connect();
        connected = true;
      }
      return replica;
    },
    // Polls the small queue table and scans the results only once it is empty: the
    // harness's own queries are counted in PostgreSQL's CPU seconds.
    async evaluatedAll(times) {
      for (; ; await new Promise(resolve => setTimeout(resolve, 250))) {
        const queued = await db.query(
          'SELECT EXISTS (SELECT 1 FROM checklist_queue) AS queued',
        );
        if (queued.rows[0].queued) continue;
        const { rows } = await db.query(
          'SELECT count(*)::int AS done FROM checklist_results WHERE evaluations >= $1',
          [times],
        );
        if (rows[0].done === count) return;
      }
    },
    async trigger(replica) {
      const res = await fetch(
        `${replica.baseUrl}/api/fastapi-checklist/.backstage/scheduler/v1/tasks/fastapi-checklist-refresh/trigger`,
        { method: 'POST', headers: { authorization: `Bearer ${token}` } },
      );
      if (!res.ok) throw new Error(`trigger: ${res.status}`);
    },
    summaryLatency(replica, query) {
      return timeIt(async () => {
        const res = await fetch(
          `${replica.baseUrl}/api/fastapi-checklist/summary?${query}`,
          { headers: { authorization: `Bearer ${token}` } },
        );
        if (!res.ok) throw new Error(`summary: ${res.status}`);
        await res.arrayBuffer();
      });
    },
    async cpuDuring(round, pids) {
      const cpu = () => pids.reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);
      const [replicasBefore, postgresBefore] = [cpu(), postgresCpuSeconds()];
      const wall = await timeIt(round);
      return {
        wall,
        replicas: cpu() - replicasBefore,
        postgres: postgresCpuSeconds() - postgresBefore,
      };
    },
  };
  try {
    return await run(cluster);
  } finally {
    await Promise.all(replicas.map(r => stopReplica(r, 'SIGTERM')));
    await db.end().catch(() => undefined);
    await dropReplicaDatabases(admin, prefix);
    await admin.end();
    await server?.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const cpu = (seconds: number) => `${seconds.toFixed(1)} s`;
const perSecond = (count: number, duration: number) =>
  `${((count / duration) * 1000).toFixed(0)}/s`;
/** The machine's load when a round ended: this bench shares its 2 cores. */
const load = () => `load ${os.loadavg()[0].toFixed(1)}`;

/**
 * The load rows (issue 14): ENTITIES checklist-enabled entities on real PostgreSQL, served
 * by the real backend in its own process (the replica proof's harness). One replica
 * evaluates everything (all changed), a refresh with nothing changed must analyse
 * nothing, the summary's latency and the backend's memory; then a second replica joins
 * and a refresh with everything changed measures two replicas against one, where the
 * work is the analyses' CPU alone (repositories on the local disk).
 */
export async function benchChecklistReplicas(): Promise<BenchRow[]> {
  return withCluster({ count: ENTITIES }, async cluster => {
    const { root, db, evaluatedAll, trigger, cpuDuring } = cluster;
    const a = await cluster.start('a', 7421, 0);

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
    // once (the CSV export and API clients). Nothing changes meanwhile, so after the
    // first request each is answered from the replica's summary cache.
    // Wall times on this shared machine follow its load; the CPU each request cost the
    // replica and PostgreSQL does not, so the rows print both.
    const summaryLatencies = async (
      query: string,
      beforeEach?: (i: number) => Promise<void>,
    ) => {
      const latencies: number[] = [];
      const { replicas, postgres } = await cpuDuring(async () => {
        for (let i = 0; i < 40; i++) {
          await beforeEach?.(i);
          latencies.push(await cluster.summaryLatency(a, query));
        }
      }, [a.process.pid!]);
      const perRequest = (seconds: number) =>
        `${((seconds * 1000) / 40).toFixed(0)} ms`;
      return {
        latencies,
        cpu: `CPU per request: replica ${perRequest(
          replicas,
        )}, PostgreSQL ${perRequest(postgres)}`,
      };
    };
    const page = 'sort=score&limit=20&offset=0';
    const pageLatencies = await summaryLatencies(page);
    const allLatencies = await summaryLatencies('sort=score');
    // The same page, each request right after a write to the results (as while a
    // refresh or a re-check saves): the replica reloads every stored summary each time.
    // (The write's own PostgreSQL CPU is counted in.)
    const afterWriteLatencies = await summaryLatencies(page, async i => {
      await db.query(
        'UPDATE checklist_results SET evaluations = evaluations WHERE entity_ref = $1',
        [`component:default/svc-${i}`],
      );
    });
    const summaryLoad = load();
    const memory = memoryOf(a.process.pid!);

    // Every repository changed: one replica, then two.
    changeSyntheticRepositories(root, ENTITIES);
    const oneReplica = await cpuDuring(async () => {
      await trigger(a);
      await evaluatedAll(3);
    }, [a.process.pid!]);
    const b = await cluster.start('b', 7422, 1);
    // A warm-up round for the new replica (its analysis worker, the analyzer's grammar,
    // the JIT), as replica A had before its measured round.
    changeSyntheticRepositories(root, ENTITIES, 2);
    await trigger(a);
    await evaluatedAll(4);
    changeSyntheticRepositories(root, ENTITIES, 3);
    const twoReplicas = await cpuDuring(async () => {
      await trigger(a);
      await evaluatedAll(5);
    }, [a.process.pid!, b.process.pid!]);

    const p95 = (latencies: number[]) =>
      [...latencies].sort((x, y) => x - y)[
        Math.floor(0.95 * (latencies.length - 1))
      ];
    return [
      {
        benchmark: `checklist summary API, ${ENTITIES} entities on PostgreSQL, a page of 20 as the org page asks (40 requests)`,
        subject: `p50 ${ms(
          summarize(pageLatencies.latencies).median,
        )}, p95 ${ms(p95(pageLatencies.latencies))}; ${
          pageLatencies.cpu
        } (${summaryLoad})`,
        baseline: '-',
        ratio: '-',
        target: 'p95 < 200 ms',
      },
      {
        benchmark: `checklist summary API, ${ENTITIES} entities, the same page, each request after a write (its cache reloaded; 40 requests)`,
        subject: `p50 ${ms(
          summarize(afterWriteLatencies.latencies).median,
        )}, p95 ${ms(p95(afterWriteLatencies.latencies))}; ${
          afterWriteLatencies.cpu
        }`,
        baseline: '-',
        ratio: '-',
        target: 'p95 < 200 ms',
      },
      {
        benchmark: `checklist summary API, ${ENTITIES} entities, every row at once (CSV, API clients; 40 requests)`,
        subject: `p50 ${ms(summarize(allLatencies.latencies).median)}, p95 ${ms(
          p95(allLatencies.latencies),
        )}; ${allLatencies.cpu}`,
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
        benchmark: `refresh, ${ENTITIES} entities all changed, read from the local disk (analysis CPU only): two replicas vs one (a core each)`,
        subject: `two ${ms(twoReplicas.wall)} (${perSecond(
          ENTITIES,
          twoReplicas.wall,
        )}; CPU: replicas ${cpu(twoReplicas.replicas)}, PostgreSQL ${cpu(
          twoReplicas.postgres,
        )}; ${load()})`,
        baseline: `one ${ms(oneReplica.wall)} (${perSecond(
          ENTITIES,
          oneReplica.wall,
        )}; CPU: replica ${cpu(oneReplica.replicas)}, PostgreSQL ${cpu(
          oneReplica.postgres,
        )})`,
        ratio: (oneReplica.wall / twoReplicas.wall).toFixed(2),
        target: 'ratio ≥ 1.6 (needs a core per replica and PostgreSQL’s own)',
      },
    ];
  });
}

/**
 * Two replicas against one on a refresh as production runs it: every repository is
 * downloaded from a git host (the bench's repository server on loopback, each answer
 * after DOWNLOAD_LATENCY_MS) and analysed. A replica evaluates `refresh.concurrency`
 * repositories at a time (the default config, 4), so its throughput is bounded by
 * waiting on downloads as well as by its CPU; this row shows whether the cluster's
 * coordination (claims, batched completions, the shared database) lets a second
 * replica's capacity add up. DOWNLOAD_ENTITIES, not 10,000: at 4 downloads of 250 ms at
 * a time one replica takes at most 16 entities/s, and the rows evaluate everything five times.
 */
export async function benchChecklistReplicaDownloads(): Promise<BenchRow[]> {
  const count = DOWNLOAD_ENTITIES;
  return withCluster(
    { count, latencyMs: DOWNLOAD_LATENCY_MS },
    async ({ root, start, evaluatedAll, trigger, cpuDuring, downloads }) => {
      const a = await start('a', 7431, 0);
      await evaluatedAll(1);
      // Nothing changed: every repository is asked with its etag, none downloaded.
      const downloadedBefore = downloads();
      const noneChanged = await timeIt(async () => {
        await trigger(a);
        await evaluatedAll(2);
      });
      const noneChangedDownloads = downloads() - downloadedBefore;
      changeSyntheticRepositories(root, count);
      const oneReplica = await cpuDuring(async () => {
        await trigger(a);
        await evaluatedAll(3);
      }, [a.process.pid!]);
      const b = await start('b', 7432, 1);
      // Replica B warms up (see benchChecklistReplicas) before the measured round.
      changeSyntheticRepositories(root, count, 2);
      await trigger(a);
      await evaluatedAll(4);
      changeSyntheticRepositories(root, count, 3);
      const twoReplicas = await cpuDuring(async () => {
        await trigger(a);
        await evaluatedAll(5);
      }, [a.process.pid!, b.process.pid!]);
      return [
        {
          benchmark: `refresh, ${count} entities none changed, each asked of the loopback git host with its etag (${DOWNLOAD_LATENCY_MS} ms per answer, one replica)`,
          subject: `${ms(noneChanged)}, ${noneChangedDownloads} downloaded`,
          baseline: '-',
          ratio: '-',
          target: '0 downloads',
        },
        {
          benchmark: `refresh, ${count} entities all changed, each downloaded (loopback git host, ${DOWNLOAD_LATENCY_MS} ms per answer, concurrency 4): two replicas vs one (a core each)`,
          subject: `two ${ms(twoReplicas.wall)} (${perSecond(
            count,
            twoReplicas.wall,
          )}; CPU: replicas ${cpu(twoReplicas.replicas)}, PostgreSQL ${cpu(
            twoReplicas.postgres,
          )}; ${load()})`,
          baseline: `one ${ms(oneReplica.wall)} (${perSecond(
            count,
            oneReplica.wall,
          )}; CPU: replica ${cpu(oneReplica.replicas)}, PostgreSQL ${cpu(
            oneReplica.postgres,
          )})`,
          ratio: (oneReplica.wall / twoReplicas.wall).toFixed(2),
          target: 'ratio ≥ 1.6',
        },
      ];
    },
  );
}
