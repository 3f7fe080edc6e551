import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  containerCommand,
  withPort,
} from '../../src/variants/__testUtils__/dockerCommand';
import { runStep } from '../../src/variants/__testUtils__/runStep';
import { ensureLockedEnv } from '../../src/variants/__testUtils__/pythonEnv';
import { freePort, startServer } from '../../src/variants/__testUtils__/server';
import {
  skeletonRenderer,
  writeFiles,
} from '../../src/__testUtils__/renderInMemory';
import { processGroupCpuSeconds } from '../lib/processCpu';
import { summarize, timeIt } from '../lib/stats';
import { BenchRow, ms } from '../lib/table';
import { ensureWrk, runWrk, WRK_TIMEOUT_SECONDS } from '../lib/wrk';

const RUNS = Number(process.env.BENCH_SERVICE_RUNS ?? 3);
const WRK_SECONDS = Number(process.env.BENCH_WRK_SECONDS ?? 10);

/**
 * The smallest FastAPI app with the same route, written as the service writes it
 * (`async def`): what the framework alone costs.
 */
const BARE_APP = `from fastapi import FastAPI

app = FastAPI()


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}
`;

/**
 * The same with a plain `def` route, shown for reference only. FastAPI runs it in a
 * worker thread, and the thread hop batches answers: wrk, on the same cores, then wakes
 * about once per four responses instead of once or twice per response (strace -c of wrk:
 * 0.25 against 1.5 epoll_wait per request). On a busy 2-core machine that alone gave the
 * sync app 1.4 to 3 times the async one's req/s while its workers used more CPU per
 * request, so comparing the async service with it measured the client's wake-ups, not
 * the service's cost.
 */
const BARE_SYNC_APP = BARE_APP.replace('async def', 'def');

type Subject = 'service' | 'bare' | 'bareSync';

/**
 * The generated service as the template renders it by default (SQLite, JWT, 4 workers),
 * served with its Dockerfile's command, against a bare FastAPI app served the same way
 * (same command, workers, flags, environment, access log and warm-up): /health
 * throughput under wrk, the servers' CPU time per request (robust to a busy machine:
 * wall-clock req/s is not), cold start to the first 200, and the generated test suite's
 * wall time.
 */
export async function benchGeneratedService(): Promise<BenchRow[]> {
  ensureWrk();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-service-'));
  try {
    const render = await skeletonRenderer();
    const service = {
      repo: writeFiles(
        render({ name: 'bench-service', owner: 'group:default/bench' }),
        path.join(root, 'service'),
      ),
    };
    // The service's own locks, installed as its Dockerfile does (the variant suite's
    // cached environment for this lock set); the bare app runs in it too.
    const python = await ensureLockedEnv({
      lockFiles: ['requirements.txt', 'requirements-dev.txt'].map(f =>
        path.join(service.repo, f),
      ),
    });
    const bareApp = (name: string, source: string) => {
      const dir = path.join(root, name);
      fs.mkdirSync(path.join(dir, 'app'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'app', 'main.py'), source);
      return dir;
    };
    const dirs: Record<Subject, string> = {
      service: service.repo,
      bare: bareApp('bare', BARE_APP),
      bareSync: bareApp('bare-sync', BARE_SYNC_APP),
    };

    const container = containerCommand(
      fs.readFileSync(path.join(service.repo, 'Dockerfile'), 'utf8'),
    );
    const { PATH: _imagePath, ...imageEnv } = container.env;
    const env = {
      ...python.env,
      ...imageEnv,
      SECRET_KEY: randomBytes(36).toString('base64url'),
      DATABASE_URL: `sqlite:///${path.join(root, 'bench.db')}`,
    };
    const serve = async (cwd: string) => {
      const port = await freePort();
      return startServer({
        variant: 'bench',
        args: withPort(container.args, port),
        cwd,
        // Prometheus' multiprocess directory must start empty with each server.
        env: {
          ...env,
          PROMETHEUS_MULTIPROC_DIR: fs.mkdtempSync(path.join(root, 'metrics-')),
        },
        port,
        // The cold start is measured, not capped: on a loaded machine four workers
        // importing at once can take longer than the variant suite's 30 s.
        timeoutMs: 180_000,
      });
    };

    const samples = () => ({ service: [], bare: [], bareSync: [] });
    const coldStarts: Record<Subject, number[]> = samples();
    const throughput: Record<Subject, number[]> = samples();
    const cpuPerRequest: Record<Subject, number[]> = samples();
    const timeouts: Record<Subject, number[]> = samples();
    const loads: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      // Interleaved, so a change in the machine's load touches every subject alike.
      for (const name of Object.keys(dirs) as Subject[]) {
        const server = await serve(dirs[name]);
        try {
          coldStarts[name].push(server.coldStartMs);
          // Warm every worker before measuring.
          await runWrk(`${server.baseUrl}/health`, {
            seconds: 2,
            connections: 32,
            threads: 2,
          });
          const cpuBefore = processGroupCpuSeconds(server.pid);
          const run = await runWrk(`${server.baseUrl}/health`, {
            seconds: WRK_SECONDS,
            connections: 64,
            threads: 2,
          });
          const cpu = processGroupCpuSeconds(server.pid) - cpuBefore;
          throughput[name].push(run.requestsPerSecond);
          timeouts[name].push(run.timeouts);
          cpuPerRequest[name].push((cpu / run.requests) * 1e6);
          loads.push(os.loadavg()[0]);
        } finally {
          await server.stop();
        }
      }
    }

    const pytest = () => async () => {
      await runStep(
        { variant: 'bench-service', cwd: service.repo, env: python.env },
        'pytest',
        ['pytest', '-q', '-p', 'no:cacheprovider'],
        { timeoutMs: 300_000 },
      );
    };
    await pytest()();
    const testTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) testTimes.push(await timeIt(pytest()));

    const median = (values: number[]) => summarize(values).median;
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    const timedOut = (name: Subject) =>
      sum(timeouts[name])
        ? `, ${sum(timeouts[name])} over ${WRK_TIMEOUT_SECONDS} s`
        : '';
    const rps = {
      service: median(throughput.service),
      bare: median(throughput.bare),
      bareSync: median(throughput.bareSync),
    };
    const cpu = {
      service: median(cpuPerRequest.service),
      bare: median(cpuPerRequest.bare),
      bareSync: median(cpuPerRequest.bareSync),
    };
    const cold = {
      service: summarize(coldStarts.service),
      bare: summarize(coldStarts.bare),
    };
    const tests = summarize(testTimes);
    const workers = container.args[container.args.indexOf('--workers') + 1];
    const load = `load ${Math.min(...loads).toFixed(1)}–${Math.max(
      ...loads,
    ).toFixed(1)} on ${os.cpus().length} cores`;
    return [
      {
        benchmark: `generated service GET /health, wrk ${WRK_SECONDS} s × ${RUNS} (${workers} workers, Dockerfile CMD; ${load})`,
        subject: `${rps.service.toFixed(0)} req/s${timedOut('service')}`,
        baseline: `bare FastAPI app ${rps.bare.toFixed(0)} req/s${timedOut(
          'bare',
        )} (sync def route: ${rps.bareSync.toFixed(0)}${timedOut('bareSync')})`,
        ratio: (rps.service / rps.bare).toFixed(2),
        target: 'ratio ≥ 0.9',
      },
      {
        benchmark: `generated service server CPU per GET /health under that load (all workers; ${load})`,
        subject: `${cpu.service.toFixed(0)} µs`,
        baseline: `bare FastAPI app ${cpu.bare.toFixed(
          0,
        )} µs (sync def route: ${cpu.bareSync.toFixed(0)} µs)`,
        // Requests a core can answer, relative to the bare app's.
        ratio: (cpu.bare / cpu.service).toFixed(2),
        target: '-',
      },
      {
        benchmark: `generated service cold start to first 200 (${RUNS} runs)`,
        subject: `${ms(cold.service.median)} (p10 ${ms(
          cold.service.p10,
        )}, p90 ${ms(cold.service.p90)})`,
        baseline: `bare FastAPI app ${ms(cold.bare.median)} (${load})`,
        ratio: (cold.service.median / cold.bare.median).toFixed(2),
        target: '< 2 s',
      },
      {
        benchmark: `generated test suite wall time (pytest, ${RUNS} runs)`,
        subject: `${(tests.median / 1000).toFixed(1)} s (p10 ${(
          tests.p10 / 1000
        ).toFixed(1)} s, p90 ${(tests.p90 / 1000).toFixed(1)} s)`,
        baseline: '-',
        ratio: '-',
        target: '< 15 s',
      },
    ];
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
