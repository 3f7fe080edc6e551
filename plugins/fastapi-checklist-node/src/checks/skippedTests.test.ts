import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';

const noTests = {
  'tests/conftest.py': null,
  'tests/__init__.py': null,
  'tests/test_items.py': null,
};

const clientConftest = [
  'import pytest',
  'from fastapi.testclient import TestClient',
  'from app.main import app',
  '',
  '@pytest.fixture',
  'def client() -> TestClient:',
  '    return TestClient(app)',
].join('\n');

const unitTest = [
  'def test_slugify() -> None:',
  '    assert "a-b" == "a-b"',
].join('\n');

describe('tests: a client test pytest always skips (issue 12)', () => {
  it('warns when the only test driving the app is marked pytest.mark.skip', async () => {
    const item = await checkOf('tests', {
      ...noTests,
      'tests/conftest.py': clientConftest,
      'tests/test_unit.py': unitTest,
      'tests/test_health.py': [
        'import pytest',
        '',
        '@pytest.mark.skip(reason="needs a database")',
        'def test_health(client) -> None:',
        '    assert client.get("/health").status_code == 200',
      ].join('\n'),
    });
    expect(item.status).toBe('warn');
    expect(item.summary).toMatch(/always skipped/);
    expect(evidenceLines(item)).toEqual([
      'tests/test_health.py:4 skipped unconditionally',
    ]);
  });

  it('still passes with a conditional skipif, a bare skip elsewhere, or another client test', async () => {
    const conditional = await checkOf('tests', {
      ...noTests,
      'tests/conftest.py': clientConftest,
      'tests/test_health.py': [
        'import sys',
        'import pytest',
        '',
        '@pytest.mark.skipif(sys.platform == "win32", reason="posix only")',
        'def test_health(client) -> None:',
        '    assert client.get("/health").status_code == 200',
      ].join('\n'),
    });
    expect(conditional.status).toBe('pass');

    const another = await checkOf('tests', {
      ...noTests,
      'tests/conftest.py': clientConftest,
      'tests/test_health.py': [
        'import pytest',
        '',
        '@pytest.mark.skip',
        'def test_slow(client) -> None:',
        '    assert client.get("/slow").status_code == 200',
        '',
        'def test_health(client) -> None:',
        '    assert client.get("/health").status_code == 200',
      ].join('\n'),
    });
    expect(another.status).toBe('pass');
    expect(evidenceLines(another)).toEqual([
      'tests/test_health.py:7 uses a test client',
    ]);
  });

  it('follows a skip on the enclosing class and a module-level pytestmark', async () => {
    const onClass = await checkOf('tests', {
      ...noTests,
      'tests/conftest.py': clientConftest,
      'tests/test_unit.py': unitTest,
      'tests/test_list.py': [
        'import unittest',
        '',
        '@unittest.skip("flaky")',
        'class TestItems:',
        '    def test_list(self, client) -> None:',
        '        assert client.get("/items").status_code == 200',
      ].join('\n'),
    });
    expect(onClass.status).toBe('warn');

    const onModule = await checkOf('tests', {
      ...noTests,
      'tests/conftest.py': clientConftest,
      'tests/test_unit.py': unitTest,
      'tests/test_list.py': [
        'import pytest',
        '',
        'pytestmark = [pytest.mark.skip(reason="wip")]',
        '',
        'def test_list(client) -> None:',
        '    assert client.get("/items").status_code == 200',
      ].join('\n'),
    });
    expect(onModule.status).toBe('warn');
  });
});
