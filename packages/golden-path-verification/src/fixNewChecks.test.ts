import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  analyzeRepository,
  treeFromDirectory,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import { createFastapiFixAction } from '@fastapi-golden-path/plugin-scaffolder-backend-module-fastapi';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { renderWithAction } from './__testUtils__/renderWithAction';
import { ensurePinnedEnv } from './variants/__testUtils__/pythonEnv';
import { runStep } from './variants/__testUtils__/runStep';

/**
 * The 0.2.0 checks' fixes on a real service: a release 0.1.0 render (which predates
 * them) gets request-id, probes, metrics, security-headers and dependency-updates from
 * fastapi:fix; each check then passes, the score rises, and the fixed service still
 * imports, answers with what the fixes promise, passes its own ruff check and ruff
 * format --check, and its own pytest (coverage floor included), in a virtualenv of its requirements (prometheus-client added by the
 * metrics fix).
 */

const NEW_CHECKS = [
  'probes',
  'request-id',
  'security-headers',
  'metrics',
  'dependency-updates',
];

/** Runs in the fixed service: what the new modules do on real requests. */
const SMOKE = `
import logging

from fastapi.testclient import TestClient

from app.main import app

ids = []


class Capture(logging.Handler):
    def emit(self, record):
        ids.append(getattr(record, "request_id", None))


logging.getLogger("smoke").addHandler(Capture())


@app.get("/smoke")
def smoke() -> dict[str, str]:
    logging.getLogger("smoke").warning("inside a request")
    return {"ok": "yes"}


client = TestClient(app)
given = client.get("/smoke", headers={"X-Request-ID": "req-42"})
assert given.headers["x-request-id"] == "req-42", given.headers
assert ids == ["req-42"], ids
made = client.get("/smoke", headers={"X-Request-ID": "not plain/" + "x" * 200})
assert len(made.headers["x-request-id"]) == 32, made.headers
assert given.headers["x-content-type-options"] == "nosniff"
assert client.get("/health/live").status_code == 200
assert client.get("/health/ready").status_code == 200
metrics = client.get("/metrics/").text
assert 'http_request_duration_seconds_count{method="GET",route="/smoke",status="200"} 2.0' in metrics, metrics
print("smoke ok")
`;

describe('the 0.2.0 checks’ fixes on a release 0.1.0 service, run for real', () => {
  const dir = createMockDirectory();
  const repo = () => path.join(dir.path, 'workspace', 'service');

  it('passes each check, and the service imports, answers and tests green', async () => {
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
    const statuses = async () => {
      const result = await analyzeRepository(await treeFromDirectory(repo()));
      return {
        score: result.score!,
        failing: NEW_CHECKS.filter(
          id => result.items.find(item => item.id === id)?.status !== 'pass',
        ),
      };
    };
    const before = await statuses();
    expect(before.failing).toEqual(NEW_CHECKS);

    const outputs: Record<string, any> = {};
    const ctx = createMockActionContext({
      input: { checks: NEW_CHECKS, path: './service' } as any,
      workspacePath: path.join(dir.path, 'workspace'),
    });
    ctx.output = (name: string, value: unknown) => {
      outputs[name] = value;
    };
    await createFastapiFixAction({ checklist: {} }).handler(ctx as any);
    expect(outputs.refusals).toEqual([]);
    expect(outputs.fixed.map((f: { id: string }) => f.id)).toEqual(NEW_CHECKS);
    // The probes joined 0.1.0's health router rather than a module of their own.
    expect(outputs.changed).toContain('app/routers/health.py');
    expect(outputs.changed).not.toContain('app/probes.py');
    // Nothing declared prometheus-client: the fix added it to the pinned requirements.
    expect(
      fs.readFileSync(path.join(repo(), 'requirements.txt'), 'utf8'),
    ).toMatch(/\nprometheus-client==0\.26\.0\n$/);
    const dependabot = parseYaml(
      fs.readFileSync(path.join(repo(), '.github/dependabot.yml'), 'utf8'),
    );
    expect(dependabot.updates.map((u: any) => u['package-ecosystem'])).toEqual([
      'pip',
      'docker',
      'github-actions',
    ]);

    const after = await statuses();
    expect(after.failing).toEqual([]);
    expect(after.score).toBeGreaterThan(before.score);

    const env = await ensurePinnedEnv({
      requirementFiles: ['requirements.txt', 'requirements-dev.txt'].map(f =>
        path.join(repo(), f),
      ),
    });
    const ctxPy = {
      variant: 'orders-api (0.1.0, 0.2.0 fixes)',
      cwd: repo(),
      env: env.env,
    };
    const python = path.join(env.bin, 'python');
    expect(
      await runStep(ctxPy, 'smoke', [python, '-c', SMOKE], {
        timeoutMs: 120_000,
        env: { ENVIRONMENT: 'development' },
      }),
    ).toContain('smoke ok');
    // The service's own lint and format gates (its CI runs both) hold on the fixed code.
    await runStep(
      ctxPy,
      'ruff check',
      [path.join(env.bin, 'ruff'), 'check', '.'],
      {
        timeoutMs: 120_000,
      },
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
      { timeoutMs: 300_000 },
    );
  }, 900_000);
});
