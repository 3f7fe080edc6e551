import {
  checkOf,
  evidenceLines,
  onlyModules,
} from '../__fixtures__/analyzeFixture';

describe("routes declared in the tests are not the service's (issue 12)", () => {
  it('leaves out the routes of an app a test function builds', async () => {
    const files = {
      'app/routers/probes.py': null,
      ...onlyModules({
        'app/main.py': [
          'from fastapi import FastAPI',
          '',
          'app = FastAPI()',
          '',
          '',
          '@app.get("/items")',
          'async def list_items() -> list[str]:',
          '    return []',
        ],
        'tests/test_middleware.py': [
          'from fastapi import FastAPI',
          'from fastapi.testclient import TestClient',
          '',
          '',
          'def test_logs_the_path() -> None:',
          '    app = FastAPI()',
          '',
          '    @app.post("/api/test")',
          '    async def test_route():',
          '        return {"status": "ok"}',
          '',
          '    assert TestClient(app).post("/api/test").status_code == 200',
        ],
      }),
    };
    const responseModels = await checkOf('response-models', files);
    expect(responseModels.status).toBe('pass');
    expect(responseModels.summary).toContain('The HTTP route declares');
    const auth = await checkOf('auth', files);
    expect(auth.status).toBe('not-applicable');
    expect(evidenceLines(auth)).toEqual([]);
  });
});

describe('a router module whose name only looks like a test (issue 12)', () => {
  it('keeps the routes of a domain module named test_results.py', async () => {
    const item = await checkOf('auth', {
      'app/routers/probes.py': null,
      ...onlyModules({
        'app/main.py': [
          'from fastapi import FastAPI',
          'from app.routers.test_results import router',
          '',
          'app = FastAPI()',
          'app.include_router(router)',
        ],
        'app/routers/__init__.py': [''],
        'app/routers/test_results.py': [
          'from fastapi import APIRouter',
          '',
          'router = APIRouter(prefix="/lab")',
          '',
          '',
          '@router.post("/results")',
          'async def add_result(value: float) -> float:',
          '    return value',
        ],
      }),
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('POST /lab/results (add_result)'),
    ]);
  });
});
