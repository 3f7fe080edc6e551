import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { runRender } from '../__testUtils__/renderHarness';
import { createRecoverAnswersAction } from './recoverAnswers';

/** What the service was created with (fastapi:render's input). */
const created = {
  name: 'orders-api',
  description: 'Takes orders',
  owner: 'group:default/team-orders',
  system: '',
  lifecycle: 'experimental',
  pythonVersion: '3.12',
  database: 'postgresql',
  auth: 'jwt',
  resource: 'order-lines',
  websockets: false,
  backgroundTasks: true,
  corsOrigins: ['http://localhost:3000'],
  workers: 3,
};
const VERSION = '0.1.0';

// Renders a real service: seconds on a busy machine.
jest.setTimeout(60_000);

describe('fastapi:answers:recover', () => {
  const workspace = createMockDirectory();
  const scratch = createMockDirectory();
  const service = () => path.join(workspace.path, 'service');

  beforeAll(async () => {
    workspace.clear();
    await runRender({
      input: created,
      workspacePath: service(),
      tempDir: scratch.path,
      version: VERSION,
    });
  });

  /** Runs the action with a scaffolder that cannot be reached: no creating task is found. */
  async function recover(
    values: Record<string, unknown>,
    options: Partial<Parameters<typeof createRecoverAnswersAction>[0]> = {},
  ) {
    const outputs: Record<string, unknown> = {};
    const warnings: string[] = [];
    const ctx = createMockActionContext({
      input: {
        path: './service',
        name: 'orders-api',
        template: `fastapi-service@${VERSION}`,
        fallback: { template: 'fastapi-service', version: VERSION, values },
      } as any,
      workspacePath: workspace.path,
    });
    ctx.output = (name: string, value: unknown) => {
      outputs[name] = value;
    };
    Object.assign(ctx.logger, {
      warn: (message: string) => void warnings.push(message),
    });
    const discovery = mockServices.discovery.mock({
      getBaseUrl: async () => {
        throw new Error('no scaffolder here');
      },
    });
    await createRecoverAnswersAction({
      discovery,
      auth: mockServices.auth(),
      ...options,
    }).handler(ctx as any);
    return {
      outputs,
      // the scaffolder's own warning aside
      warnings: warnings.filter(
        w => !w.startsWith('Could not read the scaffolder'),
      ),
    };
  }

  it("uses the form's answers, and warns about each the repository states otherwise", async () => {
    fs.rmSync(path.join(service(), '.golden-path/answers.yaml'), {
      force: true,
    });
    const form = {
      ...created,
      database: 'sqlite',
      corsOrigins: [],
      workers: 3,
    };
    const { outputs, warnings } = await recover(form);
    expect(outputs.source).toBe('form');
    expect(outputs.answers).toEqual({
      template: 'fastapi-service',
      version: VERSION,
      values: form,
    });
    expect(outputs.disagreements).toEqual([
      {
        answer: 'database',
        form: 'sqlite',
        repository: 'postgresql',
        where: expect.stringMatching(/^app\/config\.py:\d+$/),
      },
      {
        answer: 'corsOrigins',
        form: [],
        repository: ['http://localhost:3000'],
        where: expect.stringMatching(/^app\/config\.py:\d+$/),
      },
    ]);
    expect(warnings).toEqual([
      expect.stringMatching(
        /^The form's database is "sqlite", but the repository states "postgresql" \(app\/config\.py:\d+\): the form's is used$/,
      ),
      expect.stringMatching(
        /^The form's corsOrigins is \[\], but the repository states \["http:\/\/localhost:3000"\] \(app\/config\.py:\d+\): the form's is used$/,
      ),
    ]);
  });

  it('warns about nothing when the form gives the answers the service was created with', async () => {
    fs.rmSync(path.join(service(), '.golden-path/answers.yaml'), {
      force: true,
    });
    const { outputs, warnings } = await recover(created);
    expect(outputs.disagreements).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it("compares values a worker thread built (another realm's arrays) by their data, and outputs this realm's", async () => {
    fs.rmSync(path.join(service(), '.golden-path/answers.yaml'), {
      force: true,
    });
    const foreign = (json: string) => vm.runInNewContext(`(${json})`);
    const inferrer = {
      inferAnswers: jest.fn().mockResolvedValue({
        corsOrigins: {
          value: foreign('["http://localhost:3000"]'),
          path: 'app/config.py',
          line: 31,
        },
        resource: { value: 'items', path: 'app/routers/items.py', line: 9 },
      }),
    };
    const { outputs, warnings } = await recover(
      { ...created, resource: foreign('["order-lines"]') },
      { inferrer },
    );
    expect(warnings).toHaveLength(1);
    const [disagreement] = outputs.disagreements as any[];
    expect(disagreement.answer).toBe('resource');
    expect(disagreement.form).toBeInstanceOf(Array);
  });

  it('infers in the analysis pool when there is one', async () => {
    fs.rmSync(path.join(service(), '.golden-path/answers.yaml'), {
      force: true,
    });
    const inferrer = {
      inferAnswers: jest.fn().mockResolvedValue({
        workers: { value: 2, path: 'Dockerfile', line: 9 },
      }),
    };
    const { outputs } = await recover(created, { inferrer });
    expect(inferrer.inferAnswers).toHaveBeenCalledTimes(1);
    expect(outputs.disagreements).toEqual([
      { answer: 'workers', form: 3, repository: 2, where: 'Dockerfile:9' },
    ]);
  });
});
