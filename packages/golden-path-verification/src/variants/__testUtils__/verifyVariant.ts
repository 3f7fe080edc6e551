import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { renderWithAction } from '../../__testUtils__/renderWithAction';
import {
  bootFromDockerfile,
  checkCommittedOpenApi,
  checkOpenApi,
  runSchemathesis,
  signUpAndLogIn,
} from './bootCheck';
import { Variant } from '../matrix';
import { createVariantDatabase, VariantDatabase } from './postgres';
import { checkRuntime } from './runtimeCheck';
import { checkDeploy } from './deployCheck';
import { ensureLockedEnv, PythonEnv } from './pythonEnv';
import { checkWorkflow } from './workflowCheck';
import { StepResult, VariantResult } from './report';
import { runStep, StepContext, StepError } from './runStep';

/** Every step a variant may have, in the order they run (the summary's columns). */
export const STEPS = [
  'render',
  'lock',
  'ruff',
  'format',
  'mypy',
  'hadolint',
  'workflow',
  'deploy',
  'alembic',
  'pytest',
  'boot',
  'openapi',
  'openapi.json',
  'runtime',
  'schemathesis',
] as const;

export const MIN_COVERAGE = 90;

/** A rendered variant: the repository and a scratch directory beside it. */
export type RenderedVariant = {
  variant: Variant;
  /** The generated repository (the action's workspace). */
  repo: string;
  /** Scratch space outside the repository (databases, reports). */
  work: string;
  renderSeconds: number;
};

/** Renders a variant through the real fastapi:render action into root/<id>/repo. */
export async function renderVariant(
  variant: Variant,
  root: string,
): Promise<RenderedVariant> {
  const base = path.join(root, variant.id);
  const repo = path.join(base, 'repo');
  const work = path.join(base, 'work');
  fs.mkdirSync(repo, { recursive: true });
  fs.mkdirSync(work, { recursive: true });
  const started = performance.now();
  await renderWithAction({
    input: variant.input,
    workspacePath: repo,
    scratchDir: path.join(base, 'action-tmp'),
  });
  return {
    variant,
    repo,
    work,
    renderSeconds: (performance.now() - started) / 1000,
  };
}

/** Runs steps, timing each; a failing step is recorded and the variant goes on. */
class StepRecorder {
  readonly steps: StepResult[] = [];
  readonly errors: Error[] = [];

  async run<T>(
    step: string,
    fn: () => Promise<T>,
    note?: (value: T) => string | undefined,
  ): Promise<T | undefined> {
    const started = performance.now();
    try {
      const value = await fn();
      this.steps.push({
        step,
        ok: true,
        seconds: (performance.now() - started) / 1000,
        note: note?.(value),
      });
      return value;
    } catch (error) {
      this.steps.push({
        step,
        ok: false,
        seconds: (performance.now() - started) / 1000,
      });
      this.errors.push(error as Error);
      return undefined;
    }
  }
}

/** The environment the service runs with: Dockerfile's ENV is applied by the boot check. */
function serviceEnv(
  rendered: RenderedVariant,
  database: VariantDatabase | undefined,
): Record<string, string> {
  const env: Record<string, string> = {};
  const { variant } = rendered;
  if (variant.auth === 'jwt')
    env.SECRET_KEY = randomBytes(36).toString('base64url');
  if (variant.database === 'sqlite')
    env.DATABASE_URL = `sqlite:///${path.join(rendered.work, 'service.db')}`;
  if (database) env.DATABASE_URL = database.sqlalchemyUrl;
  // The Dockerfile's multiprocess metrics directory is under the container's own /tmp;
  // here /tmp is shared by the variants running at once, so each gets a fresh one.
  env.PROMETHEUS_MULTIPROC_DIR = path.join(rendered.work, 'prometheus-metrics');
  return env;
}

/**
 * Proves one rendered variant the way its developers will use it: its hashed locks
 * installed with `pip install --require-hashes` (every later Python step runs in that
 * environment, the checks' own tools behind it on PATH), lint, format, strict types,
 * Dockerfile lint, the workflow and Dependabot config, the Kubernetes manifests,
 * migrations on a fresh PostgreSQL database, the repository's own tests with coverage,
 * then the service booted with its Dockerfile command, its OpenAPI validated and fuzzed.
 */
export async function verifyVariant(
  rendered: RenderedVariant,
  python: PythonEnv,
  options: { mypyCacheDir: string; fuzzExamples: number },
): Promise<VariantResult> {
  const { variant, repo, work } = rendered;
  const steps = new StepRecorder();
  steps.steps.push({
    step: 'render',
    ok: true,
    seconds: rendered.renderSeconds,
  });
  const quick = { timeoutMs: 120_000 };
  const finish = (): VariantResult => ({
    variant: variant.id,
    steps: steps.steps,
    error: steps.errors.length
      ? new Error(steps.errors.map(e => e.message).join('\n\n'))
      : undefined,
    dir: repo,
  });

  // What the Dockerfile and CI install: without it nothing further means much.
  const locked = await steps.run(
    'lock',
    () =>
      ensureLockedEnv({
        lockFiles: ['requirements.txt', 'requirements-dev.txt'].map(f =>
          path.join(repo, f),
        ),
      }),
    env => (env.built ? 'installed' : 'cached'),
  );
  if (!locked) return finish();
  const ctx: StepContext = {
    variant: variant.id,
    cwd: repo,
    env: {
      ...python.env,
      PATH: `${locked.bin}${path.delimiter}${python.env.PATH}`,
      VIRTUAL_ENV: locked.dir,
    },
  };

  await steps.run('ruff', () =>
    runStep(ctx, 'ruff', ['ruff', 'check', '.'], quick),
  );
  await steps.run('format', () =>
    runStep(ctx, 'format', ['ruff', 'format', '--check', '.'], quick),
  );
  // `mypy app`, as the generated CI runs it: strictness comes from its pyproject.toml.
  await steps.run('mypy', () =>
    runStep(ctx, 'mypy', ['mypy', 'app'], {
      timeoutMs: 300_000,
      env: { MYPY_CACHE_DIR: options.mypyCacheDir },
    }),
  );
  await steps.run('hadolint', () =>
    runStep(
      ctx,
      'hadolint',
      ['hadolint', '--failure-threshold', 'error', 'Dockerfile'],
      quick,
    ),
  );
  await steps.run('workflow', () => checkWorkflow(ctx));
  await steps.run(
    'deploy',
    () =>
      checkDeploy(ctx, work, {
        secrets: [
          ...(variant.auth === 'jwt' ? ['SECRET_KEY'] : []),
          ...(variant.database === 'postgresql' ? ['DATABASE_URL'] : []),
        ],
      }),
    note => note,
  );

  let appDb: VariantDatabase | undefined;
  let testDb: VariantDatabase | undefined;
  // The steps that need the variant's database (none for SQLite and in-memory).
  const withDatabase = async () => {
    if (variant.database === 'postgresql') {
      // Two fresh databases: the service's (migrated here, served by the boot check)
      // and one the generated tests may empty. Without them nothing further means much.
      const migrated = await steps.run('alembic', async () => {
        appDb = await createVariantDatabase(variant.id);
        testDb = await createVariantDatabase(`${variant.id}_test`);
        await runStep(ctx, 'alembic', ['alembic', 'upgrade', 'head'], {
          ...quick,
          env: serviceEnv(rendered, appDb),
        });
        return true;
      });
      if (!migrated) return;
    }
    const runtimeEnv = serviceEnv(rendered, appDb);

    const coverageFile = path.join(work, 'coverage.json');
    await steps.run(
      'pytest',
      async () => {
        await runStep(
          ctx,
          'pytest',
          [
            'pytest',
            '-p',
            'no:cacheprovider',
            '--cov=app',
            `--cov-report=json:${coverageFile}`,
          ],
          {
            timeoutMs: 300_000,
            // The generated conftest reads TEST_DATABASE_URL (a database it may empty).
            env: testDb ? { TEST_DATABASE_URL: testDb.sqlalchemyUrl } : {},
          },
        );
        const percent = (
          JSON.parse(fs.readFileSync(coverageFile, 'utf8')) as {
            totals: { percent_covered: number };
          }
        ).totals.percent_covered;
        if (!(percent >= MIN_COVERAGE))
          throw new StepError(
            variant.id,
            'pytest',
            'pytest --cov=app',
            fs.readFileSync(coverageFile, 'utf8').slice(0, 5000),
            `coverage of app/ is ${percent.toFixed(
              1,
            )} %, below ${MIN_COVERAGE} %`,
          );
        return percent;
      },
      percent => `${percent.toFixed(0)}%`,
    );

    const server = await steps.run(
      'boot',
      () => bootFromDockerfile(ctx, runtimeEnv),
      s =>
        `workers ${s.workers ?? '?'}, ${(s.coldStartMs / 1000).toFixed(
          1,
        )}s to 200`,
    );
    if (server) {
      try {
        const document = await steps.run('openapi', () =>
          checkOpenApi(ctx, server, work),
        );
        if (document)
          await steps.run('openapi.json', async () =>
            checkCommittedOpenApi(ctx, document),
          );
        if (document)
          await steps.run(
            'runtime',
            () =>
              checkRuntime(ctx, server, {
                document,
                auth: variant.auth === 'jwt',
                workers: Number(server.workers ?? 1),
              }),
            note => note,
          );
        if (document)
          await steps.run('schemathesis', async () =>
            runSchemathesis(ctx, server, document, {
              token:
                variant.auth === 'jwt'
                  ? await signUpAndLogIn(ctx, server)
                  : undefined,
              seed: variant.index + 1,
              maxExamples: options.fuzzExamples,
              workDir: work,
            }),
          );
      } finally {
        await server.stop();
      }
    }
  };
  try {
    await withDatabase();
  } finally {
    await appDb?.drop().catch(e => steps.errors.push(e));
    await testDb?.drop().catch(e => steps.errors.push(e));
  }
  return finish();
}
