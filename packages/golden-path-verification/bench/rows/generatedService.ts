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
import { summarize, timeIt } from '../lib/stats';
import { BenchRow, ms } from '../lib/table';
import { ensureWrk, wrkRequestsPerSecond } from '../lib/wrk';

const RUNS = Number(process.env.BENCH_SERVICE_RUNS ?? 3);
const WRK_SECONDS = Number(process.env.BENCH_WRK_SECONDS ?? 10);

/** The smallest FastAPI app with the same route: what the framework alone costs. */
const BARE_APP = `from fastapi import FastAPI

app = FastAPI()


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}
`;

/**
 * The generated service as the template renders it by default (SQLite, JWT, 4 workers),
 * served with its Dockerfile's command, against a bare FastAPI app served the same way:
 * /health throughput under wrk, cold start to the first 200, and the generated test
 * suite's wall time.
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
    const bare = path.join(root, 'bare');
    fs.mkdirSync(path.join(bare, 'app'), { recursive: true });
    fs.writeFileSync(path.join(bare, 'app', 'main.py'), BARE_APP);

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

    const coldStarts = { service: [] as number[], bare: [] as number[] };
    const throughput = { service: [] as number[], bare: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      for (const [name, cwd] of [
        ['service', service.repo],
        ['bare', bare],
      ] as const) {
        const server = await serve(cwd);
        try {
          coldStarts[name].push(server.coldStartMs);
          // Warm every worker before measuring.
          await wrkRequestsPerSecond(`${server.baseUrl}/health`, {
            seconds: 2,
            connections: 32,
            threads: 2,
          });
          throughput[name].push(
            await wrkRequestsPerSecond(`${server.baseUrl}/health`, {
              seconds: WRK_SECONDS,
              connections: 64,
              threads: 2,
            }),
          );
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

    const rps = {
      service: summarize(throughput.service).median,
      bare: summarize(throughput.bare).median,
    };
    const cold = {
      service: summarize(coldStarts.service),
      bare: summarize(coldStarts.bare),
    };
    const tests = summarize(testTimes);
    const workers = container.args[container.args.indexOf('--workers') + 1];
    return [
      {
        benchmark: `generated service GET /health, wrk ${WRK_SECONDS} s × ${RUNS} (${workers} workers, Dockerfile CMD)`,
        subject: `${rps.service.toFixed(0)} req/s`,
        baseline: `bare FastAPI app ${rps.bare.toFixed(0)} req/s`,
        ratio: (rps.service / rps.bare).toFixed(2),
        target: 'ratio ≥ 0.9',
      },
      {
        benchmark: `generated service cold start to first 200 (${RUNS} runs)`,
        subject: `${ms(cold.service.median)} (p10 ${ms(
          cold.service.p10,
        )}, p90 ${ms(cold.service.p90)})`,
        baseline: `bare FastAPI app ${ms(cold.bare.median)}`,
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
