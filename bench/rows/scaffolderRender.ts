import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { scaffolderTemplatingExtensionPoint } from '@backstage/plugin-scaffolder-node/alpha';
import fastapiModule, {
  buildSkeletonContext,
  parseRenderParameters,
  skeletonFilters,
} from '@fastapi-golden-path/plugin-scaffolder-backend-module-fastapi';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse as parseYaml } from 'yaml';
import { summarize, timeIt } from '../lib/stats';
import { BenchRow, ms } from '../lib/table';

const TEMPLATE_DIR = path.resolve(__dirname, '../../templates/fastapi-service');
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

function directoryContents(): { path: string; base64Content: string }[] {
  const out: { path: string; base64Content: string }[] = [];
  const walk = (rel: string) => {
    for (const entry of fs.readdirSync(path.join(TEMPLATE_DIR, rel), {
      withFileTypes: true,
    })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else
        out.push({
          path: child,
          base64Content: fs
            .readFileSync(path.join(TEMPLATE_DIR, child))
            .toString('base64'),
        });
    }
  };
  walk('');
  return out;
}

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
  const backend = await startTestBackend({
    features: [
      scaffolderPlugin,
      catalogPlugin,
      fastapiModule,
      baselineTemplatingModule(),
      mockServices.rootConfig.factory({
        data: {
          backend: {
            database: { client: 'better-sqlite3', connection: ':memory:' },
          },
          permission: { enabled: false },
        },
      }),
    ],
  });
  const server = backend.server;
  const files = directoryContents();
  const golden = parseYaml(
    fs.readFileSync(path.join(TEMPLATE_DIR, 'template.yaml'), 'utf8'),
  );
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
