import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';

describe('routers built by factory functions (issue 12)', () => {
  it('follows include_router(make_router()) into the router the function returns', async () => {
    const item = await checkOf('auth', {
      'app/routers/items.py': null,
      'app/routers/admin.py': null,
      'app/routers/login.py': null,
      'app/main.py': [
        'from fastapi import FastAPI',
        'from fastapi_error_map import ErrorAwareRouter',
        '',
        'def make_error_aware_router() -> ErrorAwareRouter:',
        '    return ErrorAwareRouter()',
        '',
        'def make_items_router():',
        '    router = make_error_aware_router()',
        '    @router.post("/items")',
        '    def create_item(name: str) -> dict[str, str]:',
        '        return {}',
        '    return router',
        '',
        'app = FastAPI()',
        'app.include_router(make_items_router(), prefix="/api")',
      ].join('\n'),
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('POST /api/items (create_item)'),
    ]);
  });
  it('mounts the routers of route modules discovered with importlib in a loop, with their own prefixes', async () => {
    const item = await checkOf('auth', {
      'app/routers/items.py': null,
      'app/routers/admin.py': null,
      'app/routers/login.py': null,
      'app/main.py': [
        'import importlib',
        'import pkgutil',
        '',
        'from fastapi import FastAPI',
        '',
        'import app.routes as routes',
        '',
        'app = FastAPI()',
        'for info in pkgutil.iter_modules(routes.__path__):',
        '    module = importlib.import_module(f"app.routes.{info.name}")',
        '    if hasattr(module, "router"):',
        '        app.include_router(module.router, prefix=module.PREFIX)',
      ].join('\n'),
      'app/routes/__init__.py': '',
      'app/routes/jobs.py': [
        'from fastapi import APIRouter',
        '',
        'PREFIX = "/api/jobs"',
        'router = APIRouter()',
        '',
        '',
        '@router.post("/start")',
        'def start_job(name: str) -> str:',
        '    return name',
      ].join('\n'),
      'app/routes/helpers.py': 'def shared() -> int:\n    return 1\n',
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('POST /api/jobs/start (start_job)'),
    ]);
  });
});
