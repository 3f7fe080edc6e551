import { CHECKS } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  lineDiff,
  pythonCompileError,
  runFixes,
  serviceWith,
  worsenedChecks,
} from './__testUtils__/fixHarness';

const ALL = CHECKS.map(check => check.id);

/** An app factory in app/main.py; routers in their own modules; no health, handlers or logging. */
const FACTORY_MAIN = `"""The shop service."""

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.config import get_settings
from app.observability import observe
from app.routers import admin, items, login
from app.security import get_current_user


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="shop")  # the one app
    app.add_middleware(CORSMiddleware, allow_origins=settings.CORS_ORIGINS)
    app.include_router(items.router, prefix="/api/v1")
    app.include_router(
        admin.router, prefix="/api/v1/admin", dependencies=[Depends(get_current_user)]
    )
    app.include_router(login.router, prefix="/api/v1")
    observe(app)
    return app


app = create_app()
`;

/** A flat service: main.py at the root of the repository, the app at module level. */
const FLAT_MAIN = `from fastapi import FastAPI

app = FastAPI()


@app.get("/items/")
def list_items() -> list[str]:
    return []
`;

const factoryService = () =>
  serviceWith({ 'app/main.py': FACTORY_MAIN, 'app/routers/probes.py': null });

async function expectProvenFix(
  files: Record<string, string>,
  id: string,
  changedPath: string,
  expectedAdded: string[],
) {
  const run = await runFixes(files, [id]);
  expect(run.report.refusals).toEqual([]);
  expect(run.statusBefore(id)).toBe('fail');
  expect(run.statusAfter(id)).toBe('pass');
  expect(worsenedChecks(run, ALL)).toEqual([]);
  // The existing module: only the import and the registration added, nothing else touched.
  expect(lineDiff(run.before[changedPath], run.after[changedPath])).toEqual({
    removed: [],
    added: expectedAdded,
  });
  for (const edit of run.report.files) {
    if (!('deleted' in edit) && edit.path.endsWith('.py'))
      expect(pythonCompileError(edit.content)).toBeUndefined();
  }
  return run;
}

describe('health fix', () => {
  it('adds a health router beside an app factory and includes it inside the factory', async () => {
    const run = await expectProvenFix(
      factoryService(),
      'health',
      'app/main.py',
      [
        'from app.health import router as health_router',
        '    app.include_router(health_router)',
      ],
    );
    expect(run.after['app/main.py']).toContain(
      '    app = FastAPI(title="shop")  # the one app\n    app.include_router(health_router)\n',
    );
    expect(run.after['app/health.py']).toContain('@router.get("/health")');
    expect(run.report.applied.map(a => [a.checkId, a.before, a.after])).toEqual(
      [['health', 'fail', 'pass']],
    );
  });

  it('imports relatively from a package module that imports its siblings relatively', async () => {
    const main = FACTORY_MAIN.replace(/^from app\./gm, 'from .');
    const run = await expectProvenFix(
      serviceWith({ 'app/main.py': main, 'app/routers/probes.py': null }),
      'health',
      'app/main.py',
      [
        'from .health import router as health_router',
        '    app.include_router(health_router)',
      ],
    );
    // In its sorted place among the relative imports, as ruff's isort rules want it.
    expect(run.after['app/main.py']).toContain(
      'from .config import get_settings\nfrom .health import router as health_router\nfrom .observability import observe\n',
    );
  });

  it('imports absolutely from a top-level main.py', async () => {
    const run = await expectProvenFix(
      { 'requirements.txt': 'fastapi\n', 'main.py': FLAT_MAIN },
      'health',
      'main.py',
      [
        'from health import router as health_router',
        'app.include_router(health_router)',
      ],
    );
    expect(Object.keys(run.after).sort()).toEqual([
      'health.py',
      'main.py',
      'requirements.txt',
    ]);
  });

  it('keeps CRLF line endings', async () => {
    const crlf = FLAT_MAIN.replace(/\n/g, '\r\n');
    const run = await runFixes(
      { 'requirements.txt': 'fastapi\n', 'main.py': crlf },
      ['health'],
    );
    expect(run.statusAfter('health')).toBe('pass');
    expect(run.after['main.py'].replace(/\r\n/g, '')).not.toContain('\n');
    expect(run.after['health.py'].replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('refuses when the app is not bound by an assignment of its own', async () => {
    const run = await runFixes(
      {
        'requirements.txt': 'fastapi\n',
        'main.py':
          'from fastapi import FastAPI\n\n\ndef create_app():\n    return FastAPI()\n\n\napp = create_app()\n',
      },
      ['health'],
    );
    expect(run.report.files).toEqual([]);
    expect(run.report.refusals).toEqual([
      {
        checkId: 'health',
        reason:
          'main.py:5 creates the app in a shape the fix does not change (it needs `app = FastAPI(...)` as a statement of its own)',
      },
    ]);
  });

  it('refuses when a module of that name exists, and with two apps', async () => {
    const existing = await runFixes(
      {
        'requirements.txt': 'fastapi\n',
        'main.py': FLAT_MAIN,
        'health.py': 'X = 1\n',
      },
      ['health'],
    );
    expect(existing.report.refusals[0].reason).toBe(
      'health.py already exists; the fix would not overwrite it',
    );
    const two = await runFixes(
      {
        'requirements.txt': 'fastapi\n',
        'main.py': `${FLAT_MAIN}\nadmin = FastAPI()\n`,
      },
      ['health'],
    );
    expect(two.report.refusals[0].reason).toBe(
      'the service creates 2 FastAPI apps (main.py:3, main.py:10); the fix does not know which one to change',
    );
    expect(two.report.files).toEqual([]);
  });

  it('refuses a check that already passes', async () => {
    const run = await runFixes(serviceWith(), ['health', 'no-such-check']);
    expect(run.report.refusals).toEqual([
      {
        checkId: 'no-such-check',
        reason: 'no automatic fix exists for this check',
      },
      { checkId: 'health', reason: 'the check is already pass' },
    ]);
  });
});

describe('exception-handlers fix', () => {
  it('adds a handler module and registers it inside the factory', async () => {
    const run = await expectProvenFix(
      factoryService(),
      'exception-handlers',
      'app/main.py',
      [
        'from app.exception_handlers import register_exception_handlers',
        '    register_exception_handlers(app)',
      ],
    );
    expect(run.after['app/exception_handlers.py']).toContain(
      'app.add_exception_handler(Exception, unhandled_exception_handler)',
    );
  });

  it('registers after a module-level app', async () => {
    const run = await expectProvenFix(
      { 'requirements.txt': 'fastapi\n', 'main.py': FLAT_MAIN },
      'exception-handlers',
      'main.py',
      [
        'from exception_handlers import register_exception_handlers',
        'register_exception_handlers(app)',
      ],
    );
    expect(
      run.after['main.py'].startsWith(
        'from fastapi import FastAPI\nfrom exception_handlers import register_exception_handlers\n\napp = FastAPI()\nregister_exception_handlers(app)\n',
      ),
    ).toBe(true);
  });
});

describe('logging fix', () => {
  it('adds a dictConfig module called before the factory creates the app', async () => {
    const run = await expectProvenFix(
      factoryService(),
      'logging',
      'app/main.py',
      [
        'from app.logging_config import configure_logging',
        '    configure_logging()',
      ],
    );
    expect(run.after['app/main.py']).toContain(
      '    settings = get_settings()\n    configure_logging()\n    app = FastAPI(',
    );
    expect(run.after['app/logging_config.py']).toContain('dictConfig(LOGGING)');
  });

  it('joins the import block and configures logging before a module-level app', async () => {
    const main =
      '"""Service."""\n\nimport fastapi\n\napp = fastapi.FastAPI()\n';
    const run = await runFixes(
      { 'requirements.txt': 'fastapi\n', 'main.py': main },
      ['logging'],
    );
    expect(run.statusAfter('logging')).toBe('pass');
    expect(run.after['main.py']).toBe(
      '"""Service."""\n\nimport fastapi\nfrom logging_config import configure_logging\n\nconfigure_logging()\napp = fastapi.FastAPI()\n',
    );
  });

  it('adds no second logging module beside the service’s own logging_config.py, its call deleted', async () => {
    // The settings (app/config.py) declare no LOG_LEVEL: the fix cannot pass a level.
    const own =
      'import logging.config\n\n\ndef configure_logging(level: str) -> None:\n    logging.config.dictConfig({"version": 1, "root": {"level": level}})\n';
    const run = await runFixes(
      { ...factoryService(), 'app/logging_config.py': own },
      ['logging'],
    );
    expect(run.report.files).toEqual([]);
    expect(run.report.refusals.map(r => r.reason)).toEqual([
      expect.stringMatching(
        /^app\/logging_config\.py:4 configure_logging\(\) configures logging but needs level, .*the owners should wire theirs\)$/,
      ),
    ]);
  });

  it('writes logging_setup.py when the service has a logging_config.py that configures nothing', async () => {
    const own = 'LOG_FORMAT = "%(levelname)s %(message)s"\n';
    const run = await expectProvenFix(
      { ...factoryService(), 'app/logging_config.py': own },
      'logging',
      'app/main.py',
      [
        'from app.logging_setup import configure_logging',
        '    configure_logging()',
      ],
    );
    expect(run.after['app/logging_config.py']).toBe(own);
    expect(run.after['app/logging_setup.py']).toContain('dictConfig(LOGGING)');
    const both = await runFixes(
      {
        ...factoryService(),
        'app/logging_config.py': own,
        'app/logging_setup.py': own,
      },
      ['logging'],
    );
    expect(both.report.refusals).toEqual([
      {
        checkId: 'logging',
        reason:
          'app/logging_config.py and app/logging_setup.py already exist; the fix would not overwrite them',
      },
    ]);
  });
});

describe('several fixes in one change', () => {
  it('applies health, exception handlers and logging together, each proven', async () => {
    const run = await runFixes(factoryService(), [
      'logging',
      'health',
      'exception-handlers',
    ]);
    expect(run.report.refusals).toEqual([]);
    expect(run.report.applied.map(a => a.checkId)).toEqual([
      'health',
      'exception-handlers',
      'logging',
    ]);
    for (const id of ['health', 'exception-handlers', 'logging'])
      expect(run.statusAfter(id)).toBe('pass');
    expect(worsenedChecks(run, ALL)).toEqual([]);
    expect(pythonCompileError(run.after['app/main.py'])).toBeUndefined();
    expect(
      lineDiff(run.before['app/main.py'], run.after['app/main.py']).removed,
    ).toEqual([]);
  });
});
