import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';

const noTests = { 'tests/conftest.py': null, 'tests/__init__.py': null };

describe('tests: real-world client styles (issue 12)', () => {
  it('accepts httpx AsyncClient(app=app), the shorthand before httpx 0.27', async () => {
    const item = await checkOf('tests', {
      ...noTests,
      'tests/test_items.py': [
        'from httpx import AsyncClient',
        'from app.main import app',
        'async def test_list() -> None:',
        '    async with AsyncClient(app=app, base_url="http://test") as client:',
        '        assert (await client.get("/api/v1/items/")).status_code == 200',
      ].join('\n'),
    });
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual([
      'tests/test_items.py:3 uses a test client',
    ]);
  });

  it('accepts an httpx-compatible package (httpx2) with ASGITransport', async () => {
    const item = await checkOf('tests', {
      ...noTests,
      'tests/test_items.py': [
        'import httpx2',
        'from app.main import app',
        'async def test_list() -> None:',
        '    transport = httpx2.ASGITransport(app=app)',
        '    async with httpx2.AsyncClient(transport=transport) as client:',
        '        assert (await client.get("/api/v1/items/")).status_code == 200',
      ].join('\n'),
    });
    expect(item.status).toBe('pass');
  });

  it('warns when the only client drives a mock app class the tests define, not the service', async () => {
    const mock = (body: string[]) =>
      checkOf('tests', {
        ...noTests,
        'tests/test_items.py': null,
        'tests/server_mock/__init__.py': '',
        'tests/server_mock/backend.py': [
          'from fastapi import FastAPI',
          '',
          'class MockBackend(FastAPI):',
          '    def __init__(self) -> None:',
          '        super().__init__(title="mock")',
          ...body,
        ].join('\n'),
        'tests/test_bundles.py': [
          'from fastapi.testclient import TestClient',
          'from .server_mock.backend import MockBackend',
          '',
          'server = MockBackend()',
          'client = TestClient(server)',
          '',
          'def test_list() -> None:',
          '    assert client.get("/list").status_code == 200',
        ].join('\n'),
      });
    const own = await mock([
      '',
      '        @self.get("/{fn}")',
      '        def backend(fn: str) -> dict[str, str]:',
      '            return {"output": "mock"}',
    ]);
    expect(own.status).toBe('warn');
    expect(evidenceLines(own)).toEqual([
      'tests/test_bundles.py:7 does not use a test client',
    ]);
    // A test app class that mounts the service's routers does exercise them.
    const mounting = await mock([
      '        from app.routers.items import router',
      '        self.include_router(router)',
    ]);
    expect(mounting.status).toBe('pass');
  });

  it('warns when a client fixture exists but no test requests it', async () => {
    const item = await checkOf('tests', {
      ...noTests,
      'tests/conftest.py': [
        'import pytest',
        'from httpx import AsyncClient',
        'from app.main import app',
        '@pytest.fixture',
        'async def client():',
        '    async with AsyncClient(app=app, base_url="http://test") as c:',
        '        yield c',
      ].join('\n'),
      'tests/test_items.py': null,
      'tests/test_version.py':
        'from app import main\n\n\ndef test_title() -> None:\n    assert main.app.title\n',
    });
    expect(item.status).toBe('warn');
    expect(evidenceLines(item)).toEqual([
      'tests/test_version.py:4 does not use a test client',
    ]);
  });

  it("accepts an HTTP client fixture that starts the service's own server, not one aimed at a server it does not start", async () => {
    const serve = [
      'from multiprocessing import Process',
      '',
      'import uvicorn',
      '',
      '',
      'def _run() -> None:',
      '    uvicorn.run("app.main:app", port=8765)',
      '',
      '',
      'def start() -> Process:',
      '    process = Process(target=_run)',
      '    process.start()',
      '    return process',
    ].join('\n');
    const conftest = (body: string) =>
      [
        'import httpx',
        'import pytest',
        'from app.serve import start',
        '',
        '',
        '@pytest.fixture',
        'def live():',
        body,
        '    yield httpx.Client(base_url="http://127.0.0.1:8765")',
      ].join('\n');
    const test =
      'def test_items(live) -> None:\n    assert live.get("/api/v1/items/").status_code == 200\n';
    const started = await checkOf('tests', {
      ...noTests,
      'app/serve.py': serve,
      'tests/conftest.py': conftest('    start()'),
      'tests/test_items.py': test,
    });
    expect(started.status).toBe('pass');
    expect(evidenceLines(started)).toEqual([
      'tests/test_items.py:1 uses a test client',
    ]);
    const elsewhere = await checkOf('tests', {
      ...noTests,
      'app/serve.py': serve,
      'tests/conftest.py': conftest('    print("uses a running server")'),
      'tests/test_items.py': test,
    });
    expect(elsewhere.status).toBe('warn');
  });

  it('accepts a module-level client imported from another test module', async () => {
    // test/ without __init__.py, on pytest's pythonpath: `from test_app import client`.
    const item = await checkOf('tests', {
      ...noTests,
      'tests/test_app.py': [
        'from fastapi.testclient import TestClient',
        'from app.main import app',
        'client = TestClient(app)',
      ].join('\n'),
      'tests/test_items.py': [
        'from test_app import client',
        'def test_list() -> None:',
        '    assert client.get("/api/v1/items/").status_code == 200',
      ].join('\n'),
    });
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual([
      'tests/test_items.py:2 uses a test client',
    ]);
  });

  it('fails when there are no tests at all', async () => {
    const item = await checkOf('tests', {
      ...noTests,
      'tests/test_items.py': null,
    });
    expect(item.status).toBe('fail');
  });
});
