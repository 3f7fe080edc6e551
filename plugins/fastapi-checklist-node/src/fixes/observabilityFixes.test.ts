import { CHECKS } from '@fastapi-golden-path/plugin-fastapi-checklist-common';
import {
  lineDiff,
  pythonCompileError,
  runFixes,
  serviceWith,
  worsenedChecks,
} from './__testUtils__/fixHarness';

const ALL = CHECKS.map(check => check.id);

/** A flat service: main.py at the root of the repository, the app at module level. */
const FLAT_MAIN = `from fastapi import FastAPI

app = FastAPI()


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}
`;

/** The good service's observability module with only its metrics (no request id, no headers). */
const METRICS_ONLY = `
from fastapi import FastAPI
from prometheus_client import make_asgi_app


def observe(app: FastAPI) -> None:
    app.mount("/metrics", make_asgi_app())
`;

async function proven(files: Record<string, string>, id: string) {
  const run = await runFixes(files, [id]);
  expect(run.report.refusals).toEqual([]);
  expect(run.statusAfter(id)).toBe('pass');
  expect(worsenedChecks(run, ALL)).toEqual([]);
  for (const edit of run.report.files)
    if (!('deleted' in edit) && edit.path.endsWith('.py'))
      expect(pythonCompileError(edit.content)).toBeUndefined();
  return run;
}

describe('request-id fix', () => {
  it('adds the middleware module to a package service, only an import and add_middleware in main.py', async () => {
    const run = await proven(
      serviceWith({ 'app/observability.py': METRICS_ONLY }),
      'request-id',
    );
    expect(run.statusBefore('request-id')).toBe('fail');
    expect(
      lineDiff(run.before['app/main.py'], run.after['app/main.py']),
    ).toEqual({
      removed: [],
      added: [
        'from app.request_id import RequestIdMiddleware',
        'app.add_middleware(RequestIdMiddleware)',
      ],
    });
    const module = run.after['app/request_id.py'];
    // Pure ASGI, the id on the response and on every log record.
    expect(module).toContain('class RequestIdMiddleware:');
    expect(module).not.toMatch(/^from .* import .*BaseHTTPMiddleware/m);
    expect(module).toContain('headers[REQUEST_ID_HEADER] = current');
    expect(module).toContain('record.request_id = request_id.get()');
    expect(run.report.applied.map(a => a.paths)).toEqual([
      ['app/main.py', 'app/request_id.py'],
    ]);
  });

  it('adds it to a flat service with a relative-free import', async () => {
    const run = await proven(
      { 'requirements.txt': 'fastapi\n', 'main.py': FLAT_MAIN },
      'request-id',
    );
    expect(lineDiff(run.before['main.py'], run.after['main.py'])).toEqual({
      removed: [],
      added: [
        'from request_id import RequestIdMiddleware',
        'app.add_middleware(RequestIdMiddleware)',
      ],
    });
  });

  it('refuses when request_id.py is the service’s own module', async () => {
    const run = await runFixes(
      {
        'requirements.txt': 'fastapi\n',
        'main.py': FLAT_MAIN,
        'request_id.py': 'HEADER = "X-Request-ID"\n',
      },
      ['request-id'],
    );
    expect(run.report.files).toEqual([]);
    expect(run.report.refusals).toEqual([
      {
        checkId: 'request-id',
        reason: 'request_id.py already exists; the fix would not overwrite it',
      },
    ]);
  });
});

describe('probes fix', () => {
  it('adds /health/live and /health/ready beside a module-level /health route on the app', async () => {
    const run = await proven(
      { 'requirements.txt': 'fastapi\n', 'main.py': FLAT_MAIN },
      'probes',
    );
    expect(run.statusBefore('probes')).toBe('warn');
    expect(run.report.files.map(f => f.path)).toEqual(['main.py']);
    // Appended: every byte before stays as it was.
    expect(run.after['main.py'].startsWith(FLAT_MAIN)).toBe(true);
    expect(
      lineDiff(run.before['main.py'], run.after['main.py']).removed,
    ).toEqual([]);
    expect(run.after['main.py']).toContain(
      '\n\n\n@app.get("/health/live", include_in_schema=False)\ndef live() -> dict[str, str]:',
    );
    expect(run.after['main.py']).toContain(
      '@app.get("/health/ready", include_in_schema=False)',
    );
    expect(run.report.applied[0].notes).toEqual([
      expect.stringContaining('GET /health/ready checks nothing yet'),
    ]);
  });

  it('adds them on the health router, under its prefix, leaving main.py alone', async () => {
    const health = `from fastapi import APIRouter

router = APIRouter(prefix="/health", tags=["health"])


@router.get("")
def health() -> dict[str, str]:
    return {"status": "ok"}
`;
    const run = await proven(
      {
        'requirements.txt': 'fastapi\n',
        'app/__init__.py': '',
        'app/main.py':
          'from fastapi import FastAPI\n\nfrom app.routers import health\n\napp = FastAPI()\napp.include_router(health.router)\n',
        'app/routers/__init__.py': '',
        'app/routers/health.py': health,
      },
      'probes',
    );
    expect(run.report.files.map(f => f.path)).toEqual([
      'app/routers/health.py',
    ]);
    expect(run.after['app/routers/health.py']).toBe(
      `${health}\n\n@router.get("/live", include_in_schema=False)\ndef live() -> dict[str, str]:\n    """Liveness: answers while the process serves requests; checks no dependency."""\n    return {"status": "ok"}\n\n\n@router.get("/ready", include_in_schema=False)\ndef ready() -> dict[str, str]:\n    """Readiness: add a check of each dependency the service needs."""\n    return {"status": "ok"}\n`,
    );
  });

  it('adds a probes router when the health route is inside an app factory', async () => {
    const factory = `from fastapi import FastAPI


def create_app() -> FastAPI:
    app = FastAPI()

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


app = create_app()
`;
    const run = await proven(
      { 'requirements.txt': 'fastapi\n', 'main.py': factory },
      'probes',
    );
    expect(lineDiff(run.before['main.py'], run.after['main.py'])).toEqual({
      removed: [],
      added: [
        'from probes import router as probes_router',
        '    app.include_router(probes_router)',
      ],
    });
    expect(run.after['probes.py']).toContain('@router.get("/live")');
    expect(run.after['probes.py']).toContain('@router.get("/ready")');
  });

  it('refuses when one of the probe paths is taken', async () => {
    const run = await runFixes(
      {
        'requirements.txt': 'fastapi\n',
        'main.py': FLAT_MAIN.replace('"/health"', '"/health/live"'),
      },
      ['probes'],
    );
    expect(run.statusBefore('probes')).toBe('warn');
    expect(run.report.files).toEqual([]);
    expect(run.report.refusals).toEqual([
      {
        checkId: 'probes',
        reason:
          '/health/live is already a route (main.py); the fix would not add a second one',
      },
    ]);
  });
});

describe('metrics fix', () => {
  const noMetrics = `
from fastapi import FastAPI


def observe(app: FastAPI) -> None:
    pass
`;

  it('mounts prometheus-client’s app and the middleware when the dependency is declared', async () => {
    const run = await proven(
      {
        'requirements.txt': 'fastapi==0.115.6\nprometheus-client==0.21.1\n',
        'main.py': FLAT_MAIN,
      },
      'metrics',
    );
    expect(run.statusBefore('metrics')).toBe('fail');
    expect(run.report.files.map(f => f.path)).toEqual([
      'main.py',
      'metrics.py',
    ]);
    expect(run.after['metrics.py']).toContain(
      'app.mount("/metrics", make_asgi_app())',
    );
    expect(run.after['metrics.py']).toContain('class MetricsMiddleware:');
  });

  it('adds prometheus-client to pyproject’s [project] dependencies when missing', async () => {
    const pyproject = `[project]
name = "shop"
dependencies = [
    "fastapi[standard]>=0.115",  # the framework
    "pydantic-settings>=2",
]

[dependency-groups]
dev = ["pytest"]
`;
    const run = await proven(
      serviceWith({
        'pyproject.toml': pyproject,
        'uv.lock': null,
        'app/observability.py': noMetrics,
      }),
      'metrics',
    );
    expect(
      lineDiff(run.before['pyproject.toml'], run.after['pyproject.toml']),
    ).toEqual({ removed: [], added: ['    "prometheus-client>=0.21",'] });
    expect(run.after['pyproject.toml']).toContain(
      '"pydantic-settings>=2",\n    "prometheus-client>=0.21",\n]\n\n[dependency-groups]',
    );
    expect(run.report.applied[0].description).toContain(
      'It adds prometheus-client>=0.21 to pyproject.toml.',
    );
  });

  it('appends it to requirements.txt when that is where dependencies are declared', async () => {
    const run = await proven(
      { 'requirements.txt': 'fastapi', 'main.py': FLAT_MAIN },
      'metrics',
    );
    expect(run.after['requirements.txt']).toBe(
      'fastapi\nprometheus-client>=0.21\n',
    );
  });

  it('pins it exactly in a requirements.txt whose requirements are all pinned', async () => {
    const requirements =
      '# Pinned.\nfastapi[standard]==0.115.6\npydantic-settings==2.7.0  # settings\n';
    const run = await proven(
      { 'requirements.txt': requirements, 'main.py': FLAT_MAIN },
      'metrics',
    );
    expect(run.statusBefore('dependency-lock')).toBe('warn');
    expect(run.after['requirements.txt']).toBe(
      `${requirements}prometheus-client==0.26.0\n`,
    );
  });

  it('refuses when a lock would go stale, or nothing declares dependencies', async () => {
    const locked = await runFixes(
      serviceWith({ 'app/observability.py': noMetrics }),
      ['metrics'],
    );
    expect(locked.report.files).toEqual([]);
    expect(locked.report.refusals).toEqual([
      {
        checkId: 'metrics',
        reason:
          'prometheus-client is not a declared dependency and uv.lock locks the dependencies: add prometheus-client>=0.21 and re-lock, then run the fix again',
      },
    ]);
    const hashed = await runFixes(
      {
        'requirements.txt':
          'fastapi==0.115.6 \\\n    --hash=sha256:9ec46f7addc14ea472958a96aae5b5de65f39721a46aaf5705c480d9a8b76654\n',
        'main.py': FLAT_MAIN,
      },
      ['metrics'],
    );
    expect(hashed.report.refusals[0].reason).toMatch(
      /and requirements\.txt locks the dependencies/,
    );
    const undeclared = await runFixes(
      { 'pyproject.toml': '[project]\nname = "shop"\n', 'main.py': FLAT_MAIN },
      ['metrics'],
    );
    expect(undeclared.report.refusals[0].reason).toMatch(
      /^prometheus-client is not a declared dependency, and the service declares its dependencies neither/,
    );
  });
});
