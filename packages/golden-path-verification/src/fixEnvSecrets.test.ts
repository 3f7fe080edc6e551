import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  analyzeRepository,
  treeFromDirectory,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import { createFastapiFixAction } from '@fastapi-golden-path/plugin-scaffolder-backend-module-fastapi';
import fs from 'node:fs';
import path from 'node:path';
import { renderWithAction } from './__testUtils__/renderWithAction';
import { ensurePinnedEnv } from './variants/__testUtils__/pythonEnv';
import { runStep, StepError } from './variants/__testUtils__/runStep';

/**
 * The env-secrets fix on a real service: a release 0.1.0 render where a developer
 * hard-coded a webhook token (to report server errors to a chat) in its errors module. fastapi:fix moves it to a required field of
 * the service's Settings; the check passes; the service's own ruff check, ruff format
 * --check and pytest pass once the variable is set, as the change's note asks, and the
 * app no longer imports without it.
 */

const TOKEN_LINE = 'WEBHOOK_TOKEN = "xoxb-2048-7f3c9a1e5b8d4f6a0c2e"';

describe('the env-secrets fix on a release 0.1.0 service, run for real', () => {
  const dir = createMockDirectory();
  const repo = () => path.join(dir.path, 'workspace', 'service');

  it('moves a hard-coded token to a required setting; the service lints, formats and tests green with it set', async () => {
    fs.mkdirSync(repo(), { recursive: true });
    await renderWithAction({
      input: {
        name: 'orders-api',
        owner: 'group:default/team-orders',
        skeleton: './releases/0.1.0/skeleton',
      },
      workspacePath: repo(),
      scratchDir: path.join(dir.path, 'render'),
      version: '0.1.0',
    });
    // What a developer writes: a chat webhook's token for reporting 500s, in the module.
    const errorsModule = path.join(repo(), 'app/errors.py');
    const original = fs.readFileSync(errorsModule, 'utf8');
    const anchor = 'logger = logging.getLogger(__name__)\n';
    expect(original).toContain(anchor);
    fs.writeFileSync(
      errorsModule,
      original.replace(anchor, `${anchor}${TOKEN_LINE}\n`),
    );
    const status = async () =>
      (await analyzeRepository(await treeFromDirectory(repo()))).items.find(
        item => item.id === 'env-secrets',
      )?.status;
    expect(await status()).toBe('fail');

    const outputs: Record<string, any> = {};
    const ctx = createMockActionContext({
      input: { checks: ['env-secrets'], path: './service' } as any,
      workspacePath: path.join(dir.path, 'workspace'),
    });
    ctx.output = (name: string, value: unknown) => {
      outputs[name] = value;
    };
    await createFastapiFixAction({ checklist: {} }).handler(ctx as any);
    expect(outputs.refusals).toEqual([]);
    expect([...outputs.changed].sort()).toEqual([
      '.env.example',
      'app/config.py',
      'app/errors.py',
    ]);
    expect(await status()).toBe('pass');
    const fixed = fs.readFileSync(errorsModule, 'utf8');
    expect(fixed).not.toContain('xoxb-');
    expect(fixed).toContain('WEBHOOK_TOKEN = get_settings().WEBHOOK_TOKEN\n');
    expect(fs.readFileSync(path.join(repo(), 'app/config.py'), 'utf8')).toMatch(
      /\n {4}WEBHOOK_TOKEN: str\n/,
    );
    expect(fs.readFileSync(path.join(repo(), '.env.example'), 'utf8')).toMatch(
      /\nWEBHOOK_TOKEN=\n$/,
    );

    const env = await ensurePinnedEnv({
      requirementFiles: ['requirements.txt', 'requirements-dev.txt'].map(f =>
        path.join(repo(), f),
      ),
    });
    const ctxPy = {
      variant: 'orders-api (0.1.0, env-secrets fix)',
      cwd: repo(),
      env: env.env,
    };
    const python = path.join(env.bin, 'python');
    // Required from the environment: without the variable the app does not import.
    const unset = await runStep(
      ctxPy,
      'import without WEBHOOK_TOKEN',
      [python, '-c', 'import app.main'],
      { timeoutMs: 120_000, env: { ENVIRONMENT: 'development' } },
    ).then(
      () => undefined,
      (error: StepError) => error.fullOutput,
    );
    expect(unset).toMatch(/WEBHOOK_TOKEN\s+Field required/);
    const withToken = { WEBHOOK_TOKEN: 'a-token-from-the-environment' };
    await runStep(
      ctxPy,
      'import with WEBHOOK_TOKEN',
      [python, '-c', 'import app.main'],
      {
        timeoutMs: 120_000,
        env: { ENVIRONMENT: 'development', ...withToken },
      },
    );
    await runStep(
      ctxPy,
      'ruff check',
      [path.join(env.bin, 'ruff'), 'check', '.'],
      { timeoutMs: 120_000 },
    );
    await runStep(
      ctxPy,
      'ruff format',
      [path.join(env.bin, 'ruff'), 'format', '--check', '.'],
      { timeoutMs: 120_000 },
    );
    await runStep(
      ctxPy,
      'pytest',
      [python, '-m', 'pytest', '-q', '-p', 'no:cacheprovider'],
      { timeoutMs: 300_000, env: withToken },
    );
  }, 900_000);
});
