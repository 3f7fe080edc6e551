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

  it('fails when there are no tests at all', async () => {
    const item = await checkOf('tests', {
      ...noTests,
      'tests/test_items.py': null,
    });
    expect(item.status).toBe('fail');
  });
});
