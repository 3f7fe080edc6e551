import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { FIXABLE_CHECKS } from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { runChecklist } from '../__testUtils__/checklistHarness';
import { createFastapiFixAction } from './fix';
import { examples } from './fix.examples';

jest.setTimeout(60_000);

const MAIN = `from fastapi import FastAPI

app = FastAPI()


@app.get("/items/")
def list_items() -> list[str]:
    return []
`;
const MAIN_WITH_HEALTH = `${MAIN}

@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}
`;
const DOCKERFILE = `FROM python:3.13-slim AS build
RUN pip install --no-cache-dir fastapi uvicorn

FROM python:3.13-slim
COPY --from=build /usr/local /usr/local
COPY main.py ./
CMD uvicorn main:app --host 0.0.0.0 --workers 2
`;

async function runFix(
  input: Record<string, unknown>,
  workspacePath: string,
  isDryRun = false,
) {
  const outputs: Record<string, any> = {};
  const ctx = createMockActionContext({
    input: input as any,
    workspacePath,
    isDryRun,
  });
  // The mock context does not take isDryRun from its options.
  Object.assign(ctx, { isDryRun });
  ctx.output = (name: string, value: unknown) => {
    outputs[name] = value;
  };
  await createFastapiFixAction({ checklist: {} }).handler(ctx as any);
  return outputs;
}

describe('fastapi:fix', () => {
  const workspace = createMockDirectory();
  const service = (file: string) => path.join(workspace.path, 'service', file);

  beforeEach(() => {
    workspace.clear();
    workspace.setContent({
      'service/requirements.txt': 'fastapi\n',
      'service/main.py': MAIN,
      'service/Dockerfile': DOCKERFILE,
    });
  });

  it('writes the fixes into the checkout and reports what they change', async () => {
    const before = await runChecklist({
      input: { path: './service' },
      workspacePath: workspace.path,
    });
    const outputs = await runFix(
      { checks: ['dockerfile', 'health', 'tracing'], path: './service' },
      workspace.path,
    );
    expect(outputs.changed).toEqual(['Dockerfile', 'health.py', 'main.py']);
    expect(outputs.deleted).toEqual([]);
    expect(outputs.fixed).toEqual([
      { id: 'health', from: 'fail', to: 'pass' },
      { id: 'dockerfile', from: 'warn', to: 'pass' },
    ]);
    expect(outputs.refusals).toEqual([
      { checkId: 'tracing', reason: 'no automatic fix exists for this check' },
    ]);
    expect(outputs.branch).toBe('golden-path/fix-health-dockerfile');
    expect(outputs.title).toBe('Fix the readiness checks health, dockerfile');
    expect(outputs.description).toContain(
      '### Dockerfile hardened (`dockerfile`): warn → pass',
    );
    expect(outputs.description).toContain(
      'Guide: https://fastapi.tiangolo.com/deployment/docker/',
    );
    expect(outputs.description).toContain(
      '- `tracing`: no automatic fix exists for this check',
    );
    expect(fs.readFileSync(service('Dockerfile'), 'utf8')).toContain(
      'CMD ["uvicorn", "main:app", "--host", "0.0.0.0", "--workers", "2"]',
    );
    expect(fs.existsSync(service('health.py'))).toBe(true);
    const after = await runChecklist({
      input: { path: './service' },
      workspacePath: workspace.path,
    });
    const status = (items: any[], id: string) =>
      items.find(i => i.id === id).status;
    expect([
      status(before.items, 'health'),
      status(after.items, 'health'),
    ]).toEqual(['fail', 'pass']);
    expect(status(after.items, 'dockerfile')).toBe('pass');
    expect(after.score).toBeGreaterThan(before.score);
  });

  it('writes nothing in a dry run', async () => {
    const outputs = await runFix(
      { checks: ['health'], path: './service' },
      workspace.path,
      true,
    );
    expect(outputs.changed).toEqual(['health.py', 'main.py']);
    expect(fs.existsSync(service('health.py'))).toBe(false);
    expect(fs.readFileSync(service('main.py'), 'utf8')).toBe(MAIN);
  });

  it('fails, changing nothing, when no fix applies', async () => {
    const shellForm = 'FROM python:3.13-slim\nCMD uvicorn main:app\n';
    fs.writeFileSync(service('Dockerfile'), shellForm);
    await expect(
      runFix({ checks: ['workers'], path: './service' }, workspace.path),
    ).rejects.toThrow(
      'No fix could be applied: workers: Dockerfile: the command is in shell form; the `dockerfile` fix turns it into the exec form first',
    );
    expect(fs.readFileSync(service('Dockerfile'), 'utf8')).toBe(shellForm);
  });

  it.each([
    ['a symbolic link to another of its files', 'main.py'],
    ['a symbolic link out of the workspace', '/etc/hostname'],
  ])(
    'refuses to write a fix through %s, changing nothing',
    async (_, target) => {
      fs.symlinkSync(target, service('health.py'));
      await expect(
        runFix({ checks: ['health'], path: './service' }, workspace.path),
      ).rejects.toThrow(
        /^Cannot fix health\.py: health\.py is a symbolic link in the service$/,
      );
      expect(fs.readFileSync(service('main.py'), 'utf8')).toBe(MAIN);
      expect(fs.readlinkSync(service('health.py'))).toBe(target);
    },
  );

  it('refuses a fix adding a module where the checkout has a directory, changing nothing', async () => {
    fs.mkdirSync(service('health.py'));
    fs.writeFileSync(service('health.py/notes.txt'), 'kept');
    await expect(
      runFix({ checks: ['health'], path: './service' }, workspace.path),
    ).rejects.toThrow(/^Cannot write health\.py: it exists as a directory$/);
    expect(fs.readFileSync(service('main.py'), 'utf8')).toBe(MAIN);
  });

  it('refuses a path outside the workspace', async () => {
    await expect(
      runFix({ checks: ['health'], path: '../elsewhere' }, workspace.path),
    ).rejects.toThrow('path "../elsewhere" is outside the workspace');
  });

  it.each(examples.map(e => [e.description, e.example]))(
    'runs the example "%s"',
    async (_, example) => {
      // A service with a health route, so the Dockerfile's HEALTHCHECK has one to ask.
      fs.writeFileSync(service('main.py'), MAIN_WITH_HEALTH);
      const [step] = parseYaml(example).steps;
      const outputs = await runFix(step.input, workspace.path);
      // Every asked check but health (the service has one), in the registry's order.
      expect(outputs.fixed.map((f: { id: string }) => f.id)).toEqual(
        FIXABLE_CHECKS.filter(
          id => id !== 'health' && step.input.checks.includes(id),
        ),
      );
      expect(outputs.refusals).toEqual(
        step.input.checks.includes('health')
          ? [{ checkId: 'health', reason: 'the check is already pass' }]
          : [],
      );
    },
  );
});
