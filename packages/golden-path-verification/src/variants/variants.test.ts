/* eslint-disable no-console */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allVariants } from './matrix';
import { lockSetOf } from '../__testUtils__/skeletonLocks';
import { createPool } from './__testUtils__/pool';
import { postgresAdminUrl } from './__testUtils__/postgres';
import { ensurePythonEnv, PythonEnv } from './__testUtils__/pythonEnv';
import { summaryTable, VariantResult } from './__testUtils__/report';
import {
  RenderedVariant,
  renderVariant,
  STEPS,
  verifyVariant,
} from './__testUtils__/verifyVariant';

/**
 * Every option combination, rendered by the real fastapi:render action and proven with
 * real tools: its hashed locks installed with pip --require-hashes, ruff, mypy, the
 * generated repository's own pytest (PostgreSQL variants on a real server after
 * `alembic upgrade head`), hadolint, the workflow and Dependabot schemas, deploy/ built by
 * kustomize and validated against the Kubernetes schemas, and the service booted with its
 * Dockerfile command, its OpenAPI validated and fuzzed by schemathesis.
 *
 * Needs python3 with venv, PyPI (first run; the virtualenvs are cached in .cache/),
 * kubectl and GOLDEN_PATH_POSTGRES_URL (scripts/start-postgres.sh). VARIANTS=<regex> limits the
 * variants, VARIANTS_POOL the parallelism (default 2).
 */
const POOL_SIZE = Number(process.env.VARIANTS_POOL ?? 2);
const FUZZ_EXAMPLES = Number(process.env.VARIANTS_FUZZ_EXAMPLES ?? 10);
const filter = new RegExp(process.env.VARIANTS ?? '.');
const variants = allVariants().filter(v => filter.test(v.id));
const MINUTE = 60_000;

describe('every rendered FastAPI variant', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'golden-path-variants-'));
  const results = new Map<string, Promise<VariantResult>>();
  const finished: VariantResult[] = [];
  const started = performance.now();
  let python: PythonEnv;

  beforeAll(async () => {
    // Fail at once with the remedy rather than after rendering and installing.
    if (variants.some(v => v.database === 'postgresql')) postgresAdminUrl();

    // The checks' own tools; each variant's packages come from its locks (verifyVariant).
    python = await ensurePythonEnv({});
    const rendered: RenderedVariant[] = [];
    for (const variant of variants)
      rendered.push(await renderVariant(variant, root));
    // One variant of each lock set before the second of any: the pool then builds
    // different locked environments side by side instead of waiting on the same one.
    const sets = new Map<string, RenderedVariant[]>();
    for (const r of rendered)
      sets.set(lockSetOf(r.variant), [
        ...(sets.get(lockSetOf(r.variant)) ?? []),
        r,
      ]);
    const selected = [...sets.values()]
      .flatMap(group => group.map((r, turn) => ({ r, turn })))
      .sort((a, b) => a.turn - b.turn)
      .map(({ r }) => r);
    console.log(
      `Python environment ${python.dir} (${
        python.built ? 'built' : 'cached'
      }); ${selected.length} variants in ${root}, ${POOL_SIZE} at a time`,
    );

    const pool = createPool(POOL_SIZE);
    const env = python;
    selected.forEach(r =>
      results.set(
        r.variant.id,
        pool(slot =>
          verifyVariant(r, env, {
            mypyCacheDir: path.join(env.dir, `.mypy-cache-${slot}`),
            fuzzExamples: FUZZ_EXAMPLES,
          }),
        ).then(result => {
          finished.push(result);
          if (!result.error)
            fs.rmSync(path.dirname(r.repo), { recursive: true, force: true });
          return result;
        }),
      ),
    );
  }, 20 * MINUTE);

  afterAll(async () => {
    await Promise.allSettled(results.values());
    const order = variants.map(v => v.id);
    finished.sort(
      (a, b) => order.indexOf(a.variant) - order.indexOf(b.variant),
    );
    const minutes = ((performance.now() - started) / MINUTE).toFixed(1);
    console.log(
      `FastAPI variants: ${finished.filter(r => !r.error).length} of ${
        finished.length
      } passed in ${minutes} min\n${summaryTable(finished, [...STEPS])}`,
    );
    if (finished.every(r => !r.error))
      fs.rmSync(root, { recursive: true, force: true });
  }, 20 * MINUTE);

  it.each(variants.map(v => [v.id]))(
    '%s installs its locks and passes lint, types, its own tests, hadolint, workflow and deploy checks, boot and fuzzing',
    async id => {
      const result = await results.get(id)!;
      if (result.error)
        throw new Error(
          `${result.error.message}\n\n(rendered repository kept in ${result.dir})`,
        );
      expect(result.steps.filter(step => !step.ok)).toEqual([]);
    },
    30 * MINUTE,
  );
});
