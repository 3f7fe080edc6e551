import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import { scaffolderTemplatingExtensionPoint } from '@backstage/plugin-scaffolder-node/alpha';
import {
  buildSkeletonContext,
  parseRenderParameters,
  skeletonFilters,
} from '@fastapi-golden-path/plugin-scaffolder-backend-module-fastapi';
import request from 'supertest';
import { startPortalBackend } from '../../src/__testUtils__/portalBackend';
import { loadTemplateForDryRun } from '../../src/__testUtils__/templateDirectory';
import { summarize, timeIt } from '../lib/stats';
import { BenchRow, ms } from '../lib/table';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const WARMUP = 3;

const values = {
  name: 'bench-service',
  description: 'Benchmark service',
  owner: 'group:default/bench',
  lifecycle: 'experimental',
  database: 'postgresql',
  auth: 'jwt',
  resource: 'items',
  websockets: true,
  backgroundTasks: true,
  corsOrigins: ['http://localhost:3000'],
  pythonVersion: '3.13',
  workers: 4,
};
const formValues = {
  ...values,
  publishTarget: 'github',
  repoUrl: 'github.com?owner=acme&repo=bench-service',
};

/**
 * The baseline renders the same skeleton with the built-in fetch:template. Its context is
 * only `values`, so the derived names and filters the skeleton uses are offered to it as
 * templating globals and filters: both sides then do the same rendering work.
 */
function baselineTemplatingModule() {
  const context = buildSkeletonContext(parseRenderParameters(values), {
    name: 'bench',
    version: '0',
  });
  return createBackendModule({
    pluginId: 'scaffolder',
    moduleId: 'bench-baseline-templating',
    register({ registerInit }) {
      registerInit({
        deps: { templating: scaffolderTemplatingExtensionPoint },
        async init({ templating }) {
          templating.addTemplateFilters(skeletonFilters);
          templating.addTemplateGlobals({
            names: context.names,
            resource: context.resource,
            features: context.features,
            template: context.template,
          });
        },
      });
    },
  });
}

export async function benchScaffolderRender(): Promise<BenchRow> {
  const backend = await startPortalBackend({
    features: [baselineTemplatingModule()],
  });
  const server = backend.server;
  const { template: golden, directoryContents: files } =
    loadTemplateForDryRun();
  golden.spec.steps = golden.spec.steps.filter(
    (s: { id: string }) => s.id === 'render',
  );
  golden.spec.output = {};
  const baseline = {
    ...golden,
    spec: {
      ...golden.spec,
      steps: [
        {
          id: 'fetch',
          action: 'fetch:template',
          input: {
            url: './skeleton',
            values: '${{ parameters }}',
            trimBlocks: true,
            lstripBlocks: true,
          },
        },
      ],
    },
  };

  const dryRun = (template: unknown) => async () => {
    const res = await request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('Authorization', mockCredentials.user.header())
      .send({
        template,
        values: formValues,
        secrets: {},
        directoryContents: files,
      });
    const failed =
      res.status !== 200 ||
      res.body.steps.some((s: { status: string }) => s.status === 'failed');
    if (failed)
      throw new Error(
        `dry-run failed: ${res.status} ${JSON.stringify(res.body).slice(
          0,
          2000,
        )}`,
      );
  };

  const ours: number[] = [];
  const theirs: number[] = [];
  for (let i = 0; i < WARMUP; i++) {
    await dryRun(golden)();
    await dryRun(baseline)();
  }
  for (let i = 0; i < RUNS; i++) {
    ours.push(await timeIt(dryRun(golden)));
    theirs.push(await timeIt(dryRun(baseline)));
  }
  await backend.stop();

  const a = summarize(ours);
  const b = summarize(theirs);
  return {
    benchmark: `template dry-run through the scaffolder (${RUNS} runs)`,
    subject: `fastapi:render ${ms(a.median)} (p10 ${ms(a.p10)}, p90 ${ms(
      a.p90,
    )})`,
    baseline: `fetch:template ${ms(b.median)} (p10 ${ms(b.p10)}, p90 ${ms(
      b.p90,
    )})`,
    ratio: (a.median / b.median).toFixed(2),
    target: 'ratio ≤ 1.2, median < 500 ms',
  };
}
