import { createMockDirectory } from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  analyzeRepository,
  treeFromDirectory,
} from '@fastapi-golden-path/plugin-fastapi-checklist-node';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import {
  PortalBackend,
  startPortalBackend,
} from './__testUtils__/portalBackend';
import { renderWithAction } from './__testUtils__/renderWithAction';
import {
  scaffolderTasks,
  userAuth,
  waitUntil,
} from './__testUtils__/scaffolderTasks';
import { TEMPLATE_DIR } from './__testUtils__/templateDirectory';
import { ensurePinnedEnv } from './variants/__testUtils__/pythonEnv';
import { runStep } from './variants/__testUtils__/runStep';

/**
 * Issue 18's proof, end to end: a service made from release 0.1.0 loses its Dockerfile's
 * USER, its logging configuration and the registration of its exception handlers the way
 * a developer would remove them (deleting the lines and the imports they leave unused);
 * the "Fix readiness checks" template fixes all three through a real scaffolder task;
 * merging the branch brings the checklist's score back to where the render had it, and
 * the service's own ruff check, ruff format --check and pytest pass.
 *
 * 0.1.0 is not Gold (it predates the 0.2.0 checks: request id, security headers, probes,
 * metrics, Dependabot...), so "back to 100" reads "back to the 0.1.0 render's score".
 *
 * The handlers themselves stay in app/errors.py, unregistered: the fix must call the
 * service's own `register_exception_handlers(app)` again, since the service's tests pin
 * its error body ({"code": ..., "detail": ...}) and no generic handler gives that back.
 * Likewise app/logging_config.py stays, uncalled: the fix calls the service's own
 * `configure_logging(config.LOG_LEVEL)` again rather than adding a second setup.
 */

const AUTHOR = [
  '-c',
  'user.name=Team Orders',
  '-c',
  'user.email=o@example.com',
];

function gitIn(dir: string, ...args: string[]): string {
  return execFileSync('git', [...AUTHOR, ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
}

/** Replaces the one line that reads `line` (trimmed) by `by`, or deletes it, as an editor would. */
function editLine(file: string, line: string, by?: string) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const at = lines.flatMap((l, i) => (l.trim() === line ? [i] : []));
  if (at.length !== 1)
    throw new Error(`${file}: expected one line "${line}", found ${at.length}`);
  const indent = lines[at[0]].match(/^\s*/)![0];
  lines.splice(at[0], 1, ...(by === undefined ? [] : [indent + by]));
  fs.writeFileSync(file, lines.join('\n'));
}

async function checklist(dir: string) {
  const result = await analyzeRepository(await treeFromDirectory(dir));
  return {
    score: result.score,
    status: (id: string) => result.items.find(item => item.id === id)?.status,
  };
}

describe('Fix it, end to end: a 0.1.0 service with three checks broken, fixed for all, merged', () => {
  const root = createMockDirectory();
  const scratch = createMockDirectory();
  let server: PortalBackend['server'];
  const repo = () => path.join(root.path, 'orders-api');
  let renderedScore: number | null;

  beforeAll(async () => {
    fs.mkdirSync(repo());
    await renderWithAction({
      input: {
        name: 'orders-api',
        owner: 'group:default/team-orders',
        skeleton: './releases/0.1.0/skeleton',
      },
      workspacePath: repo(),
      scratchDir: path.join(scratch.path, 'render'),
      version: '0.1.0',
    });
    renderedScore = (await checklist(repo())).score;

    // What a developer would do: delete the lines (the registrations and their imports).
    editLine(path.join(repo(), 'Dockerfile'), 'USER 10001:10001');
    const main = path.join(repo(), 'app/main.py');
    editLine(main, 'from app.logging_config import configure_logging');
    editLine(main, 'configure_logging(config.LOG_LEVEL)');
    editLine(
      main,
      'from app.errors import ErrorBody, register_exception_handlers',
      'from app.errors import ErrorBody',
    );
    editLine(main, 'register_exception_handlers(app)');

    gitIn(repo(), 'init', '--quiet', '--initial-branch=main');
    gitIn(repo(), 'add', '--all');
    gitIn(repo(), 'commit', '--quiet', '-m', 'Created, then broken');

    const backend = await startPortalBackend({
      features: [schedulerServiceFactory],
      config: {
        catalog: {
          rules: [{ allow: ['Component', 'API', 'Location', 'Template'] }],
          locations: [
            { type: 'file', target: path.join(TEMPLATE_DIR, 'fix.yaml') },
          ],
        },
        fastapiGoldenPath: {
          local: {
            root: root.path,
            scanInterval: { seconds: 1 },
            defaultAuthor: {
              name: 'Golden Path Test',
              email: 'test@example.com',
            },
          },
        },
      },
    });
    server = backend.server;
  }, 180_000);

  it('gets the score back and the service’s own tests green', async () => {
    const broken = await checklist(repo());
    expect({
      dockerfile: broken.status('dockerfile'),
      logging: broken.status('logging'),
      exceptionHandlers: broken.status('exception-handlers'),
      lower: broken.score! < renderedScore!,
    }).toEqual({
      dockerfile: 'warn',
      logging: 'fail',
      exceptionHandlers: 'fail',
      lower: true,
    });

    const tasks = scaffolderTasks(server);
    await tasks.templateReady('fastapi-service-fix');
    await waitUntil(async () => {
      const res = await request(server)
        .get('/api/catalog/entities/by-name/component/default/orders-api')
        .set('Authorization', userAuth());
      return res.status === 200 ? true : undefined;
    }, 'the local service in the catalog');
    const taskId = await tasks.start('fastapi-service-fix', {
      entity: 'component:default/orders-api',
      checks: ['dockerfile', 'logging', 'exception-handlers'],
    });
    const task = await tasks.finished(taskId, 240_000);
    const log = await tasks.log(taskId);
    expect({
      status: task.status,
      log: task.status === 'failed' ? log : '',
    }).toEqual({ status: 'completed', log: '' });

    const branch = 'golden-path/fix-exception-handlers-logging-dockerfile';
    expect(gitIn(repo(), 'branch', '--list', 'golden-path/*').trim()).toBe(
      branch,
    );
    gitIn(repo(), 'merge', '--quiet', '--no-edit', branch);
    expect(gitIn(repo(), 'status', '--porcelain')).toBe('');

    const fixed = await checklist(repo());
    expect({
      score: fixed.score,
      dockerfile: fixed.status('dockerfile'),
      logging: fixed.status('logging'),
      exceptionHandlers: fixed.status('exception-handlers'),
    }).toEqual({
      score: renderedScore,
      dockerfile: 'pass',
      logging: 'pass',
      exceptionHandlers: 'pass',
    });
    // The service's own handlers wired again (no generic module added beside them).
    const main = fs.readFileSync(path.join(repo(), 'app/main.py'), 'utf8');
    expect(main).toContain(
      'from app.errors import ErrorBody, register_exception_handlers\n',
    );
    expect(main).toContain('    register_exception_handlers(app)\n');
    expect(fs.existsSync(path.join(repo(), 'app/exception_handlers.py'))).toBe(
      false,
    );
    // Its own logging setup called again with the settings' level (no logging_setup.py).
    expect(main).toContain(
      'from app.logging_config import configure_logging\n',
    );
    expect(main).toContain('    configure_logging(config.LOG_LEVEL)\n');
    expect(fs.existsSync(path.join(repo(), 'app/logging_setup.py'))).toBe(
      false,
    );

    // The merged service's own tests, in a virtualenv of 0.1.0's pinned requirements.
    const env = await ensurePinnedEnv({
      requirementFiles: ['requirements.txt', 'requirements-dev.txt'].map(f =>
        path.join(repo(), f),
      ),
    });
    const ctx = {
      variant: 'orders-api (0.1.0, fixed)',
      cwd: repo(),
      env: env.env,
    };
    // The service's own lint and format gates (its CI runs both) hold on the merge.
    await runStep(
      ctx,
      'ruff check',
      [path.join(env.bin, 'ruff'), 'check', '.'],
      {
        timeoutMs: 120_000,
      },
    );
    await runStep(
      ctx,
      'ruff format',
      [path.join(env.bin, 'ruff'), 'format', '--check', '.'],
      { timeoutMs: 120_000 },
    );
    await runStep(
      ctx,
      'pytest',
      [
        path.join(env.bin, 'python'),
        '-m',
        'pytest',
        '-q',
        '-p',
        'no:cacheprovider',
      ],
      { timeoutMs: 300_000 },
    );
  }, 900_000);
});
