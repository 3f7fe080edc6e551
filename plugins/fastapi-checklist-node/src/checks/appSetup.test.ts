import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';
import { goodService } from '../__fixtures__/goodService';

const main = goodService['app/main.py'];
const config = goodService['app/config.py'];

describe('exception-handlers', () => {
  it('fails without any handler and passes with add_exception_handler', async () => {
    const withoutHandler = main.replace(
      '@app.exception_handler(NotFound)\n',
      '',
    );
    expect(
      (await checkOf('exception-handlers', { 'app/main.py': withoutHandler }))
        .status,
    ).toBe('fail');
    const added = `${withoutHandler}\napp.add_exception_handler(NotFound, not_found)\n`;
    const item = await checkOf('exception-handlers', { 'app/main.py': added });
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual([
      expect.stringMatching(/^app\/main\.py:\d+ exception handler$/),
    ]);
  });
});

describe('cors', () => {
  it('fails when CORSMiddleware is missing', async () => {
    const item = await checkOf('cors', {
      'app/main.py': main.replace(
        /app\.add_middleware\(CORSMiddleware.*\n/,
        '',
      ),
    });
    expect(item.status).toBe('fail');
  });

  it('fails on "*" with credentials, naming the line', async () => {
    const item = await checkOf('cors', {
      'app/main.py': main.replace(
        'allow_origins=settings.CORS_ORIGINS',
        'allow_origins=["*"]',
      ),
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/main.py:21 allows any origin ("*") together with credentials',
    ]);
  });

  it('warns on hard-coded origins and accepts Middleware() in the constructor', async () => {
    const literal = await checkOf('cors', {
      'app/main.py': main.replace(
        'allow_origins=settings.CORS_ORIGINS',
        'allow_origins=["https://shop.example.com"]',
      ),
    });
    expect(literal.status).toBe('warn');
    const constructor = main
      .replace(/app\.add_middleware\(CORSMiddleware.*\n/, '')
      .replace(
        'app = FastAPI(lifespan=lifespan)',
        'from starlette.middleware import Middleware\napp = FastAPI(lifespan=lifespan, middleware=[Middleware(CORSMiddleware, allow_origins=settings.CORS_ORIGINS)])',
      );
    expect((await checkOf('cors', { 'app/main.py': constructor })).status).toBe(
      'pass',
    );
  });
});

describe('cors: a literal origin list bound to a name (corpus, seventh round)', () => {
  it('warns on origins = [...] passed by name, and still passes origins read from loaded configuration', async () => {
    const named = await checkOf('cors', {
      'app/main.py': main
        .replace('allow_origins=settings.CORS_ORIGINS', 'allow_origins=origins')
        .replace(
          'app = FastAPI(lifespan=lifespan)',
          'origins = ["https://shop.example.com", "http://localhost:3000"]\napp = FastAPI(lifespan=lifespan)',
        ),
    });
    expect(named.status).toBe('warn');
    expect(evidenceLines(named)).toEqual([
      'app/main.py:22 origins are hard-coded literals; read them from settings',
    ]);
    const loaded = await checkOf('cors', {
      'app/main.py': main
        .replace('allow_origins=settings.CORS_ORIGINS', 'allow_origins=origins')
        .replace(
          'app = FastAPI(lifespan=lifespan)',
          'import json\norigins = json.load(open("config.json"))["origins"]\napp = FastAPI(lifespan=lifespan)',
        ),
    });
    expect(loaded.status).toBe('pass');
  });
});

describe('cors: origins chosen at run time, subclasses (corpus, second round)', () => {
  it('fails when a branch of the origins takes a settings default of "*" and credentials default to on', async () => {
    const item = await checkOf('cors', {
      'app/config.py': [
        'from pydantic import BaseModel',
        'from pydantic_settings import BaseSettings',
        'class Security(BaseModel):',
        '    origins: list[str] = ["*"]',
        '    allow_credentials: bool = True',
        'class Settings(BaseSettings):',
        '    security: Security = Security()',
        'def get_settings() -> Settings:',
        '    return Settings()',
      ].join('\n'),
      'app/main.py': main.replace(
        'app.add_middleware(CORSMiddleware, allow_origins=settings.CORS_ORIGINS, allow_credentials=True)',
        [
          'every = settings.security.origins == ["*"]',
          'app.add_middleware(',
          '    CORSMiddleware,',
          '    allow_origins=[] if every else settings.security.origins,',
          '    allow_origin_regex=".*" if every else None,',
          '    allow_credentials=settings.security.allow_credentials,',
          ')',
        ].join('\n'),
      ),
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/config.py:4 settings.security.origins defaults to any origin ("*"), and app/main.py:22 allows credentials',
    ]);
  });

  it('fails on a CORSMiddleware subclass that allows every origin, with credentials', async () => {
    const item = await checkOf('cors', {
      'app/cors.py': [
        'from fastapi.middleware.cors import CORSMiddleware as Base',
        'class OpenCORSMiddleware(Base):',
        '    def is_allowed_origin(self, origin: str) -> bool:',
        '        return True',
      ].join('\n'),
      'app/main.py': main.replace(
        'from fastapi.middleware.cors import CORSMiddleware',
        'from app.cors import OpenCORSMiddleware as CORSMiddleware',
      ),
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/cors.py:3 OpenCORSMiddleware.is_allowed_origin lets every origin in, and app/main.py:21 allows credentials',
    ]);
  });
});

describe('cors: origins replaced by "*" before the middleware is added (corpus, fourth round)', () => {
  it('fails when an empty configured list falls back to "*" with credentials', async () => {
    const fallback = (statement: string) =>
      main.replace(
        'app.add_middleware(CORSMiddleware, allow_origins=settings.CORS_ORIGINS, allow_credentials=True)',
        `${statement}\napp.add_middleware(CORSMiddleware, allow_origins=settings.CORS_ORIGINS, allow_credentials=True)`,
      );
    const item = await checkOf('cors', {
      'app/main.py': fallback(
        'if not settings.CORS_ORIGINS:\n    settings.CORS_ORIGINS = ["*"]',
      ),
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/main.py:22 settings.CORS_ORIGINS is set to any origin ("*"), and app/main.py:23 allows credentials',
    ]);
    const or = await checkOf('cors', {
      'app/main.py': main.replace(
        'allow_origins=settings.CORS_ORIGINS',
        'allow_origins=settings.CORS_ORIGINS or ["*"]',
      ),
    });
    expect(or.status).toBe('fail');
  });

  it('still passes when the origins are only ever set from configuration', async () => {
    const item = await checkOf('cors', {
      'app/main.py': main.replace(
        'app.add_middleware(CORSMiddleware, allow_origins=settings.CORS_ORIGINS, allow_credentials=True)',
        'origins = settings.CORS_ORIGINS\napp.add_middleware(CORSMiddleware, allow_origins=origins, allow_credentials=True)',
      ),
    });
    expect(item.status).toBe('pass');
  });
});

describe('env-secrets', () => {
  it('fails on a hard-coded secret with its line', async () => {
    const item = await checkOf('env-secrets', {
      'app/payments.py':
        'STRIPE_API_KEY = "sk_live_123456"\nTOKEN_TYPE = "bearer"\nclient = make(password="hunter22")\n',
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/payments.py:1 STRIPE_API_KEY is a hard-coded secret',
      'app/payments.py:3 password= is passed a hard-coded secret',
    ]);
  });

  it('fails on a settings default that nothing refuses', async () => {
    const item = await checkOf('env-secrets', {
      'app/config.py': config.replace(
        / {4}@model_validator[\s\S]*?return self\n/,
        '',
      ),
    });
    expect(evidenceLines(item)).toEqual([
      'app/config.py:10 SECRET_KEY is a hard-coded secret',
    ]);
  });

  it('fails on a committed .env and when nothing reads the environment', async () => {
    expect(
      evidenceLines(await checkOf('env-secrets', { '.env': 'SECRET_KEY=x\n' })),
      // Issue 12: the evidence points at the first credential's line.
    ).toContain('.env:1 .env is committed to the repository');
    const noSettings = await checkOf('env-secrets', {
      'app/config.py': 'def get_settings() -> dict[str, str]:\n    return {}\n',
    });
    expect(noSettings.summary).toBe(
      'Settings are not read from the environment (no BaseSettings class or os.environ use).',
    );
  });

  it('passes with os.environ and a git-ignored .env, warns when .env is not ignored', async () => {
    const envConfig =
      'import os\n\n\ndef get_settings() -> dict[str, str]:\n    return {"SECRET_KEY": os.environ["SECRET_KEY"]}\n';
    expect(
      (await checkOf('env-secrets', { 'app/config.py': envConfig })).status,
    ).toBe('pass');
    const notIgnored = await checkOf('env-secrets', {
      'app/config.py': envConfig,
      '.gitignore': '.venv/\n',
    });
    expect(notIgnored.status).toBe('warn');
    expect(evidenceLines(notIgnored)).toContain(
      '.gitignore .env is not git-ignored',
    );
  });
});

describe('logging', () => {
  it.each([
    ['logging.basicConfig(level="INFO")', 'import logging'],
    ['structlog.configure(processors=[])', 'import structlog'],
    ['logger.add("app.log")', 'from loguru import logger'],
    // Libraries whose setup call configures structlog and the standard library's logging.
    [
      'setup_logger(LogSettings())',
      'from fastapi_structlog import LogSettings, setup_logger',
    ],
    ['log = get_logger()', 'from rotoger import get_logger'],
    // Configured by hand: a handler on a named logger.
    [
      'log = logging.getLogger("shop")\nlog.addHandler(logging.StreamHandler())',
      'import logging',
    ],
  ])('passes with %s', async (call, importLine) => {
    const withoutDictConfig = main.replace(
      '    logging.config.dictConfig({"version": 1})\n',
      '',
    );
    const source = `${withoutDictConfig}\n${importLine}\n${call}\n`;
    expect((await checkOf('logging', { 'app/main.py': source })).status).toBe(
      'pass',
    );
  });

  it('does not take a NullHandler for configuration', async () => {
    const source = `${main.replace(
      '    logging.config.dictConfig({"version": 1})\n',
      '',
    )}\nlogging.getLogger("shop").addHandler(logging.NullHandler())\n`;
    expect((await checkOf('logging', { 'app/main.py': source })).status).toBe(
      'fail',
    );
  });

  it('passes with --log-config in the container command and fails with nothing', async () => {
    const source = main.replace(
      '    logging.config.dictConfig({"version": 1})\n',
      '',
    );
    expect((await checkOf('logging', { 'app/main.py': source })).status).toBe(
      'fail',
    );
    const dockerfile = goodService.Dockerfile.replace(
      '"--workers", "4"]',
      '"--workers", "4", "--log-config", "log.yaml"]',
    );
    expect(
      (
        await checkOf('logging', {
          'app/main.py': source,
          Dockerfile: dockerfile,
        })
      ).status,
    ).toBe('pass');
  });
});

describe('tests', () => {
  it('fails without test files, warns when no test uses a client', async () => {
    expect(
      (
        await checkOf('tests', {
          'tests/conftest.py': null,
          'tests/test_items.py': null,
          'tests/__init__.py': null,
        })
      ).summary,
    ).toBe('No test files (tests/, test_*.py) found.');
    const item = await checkOf('tests', {
      'tests/conftest.py': null,
      'tests/test_items.py':
        'def test_math() -> None:\n    assert 1 + 1 == 2\n',
    });
    // Issue 12: tests that exist but never drive the app are a gap (warn), not a missing suite.
    expect(item.status).toBe('warn');
    expect(evidenceLines(item)).toEqual([
      'tests/test_items.py:1 does not use a test client',
    ]);
  });

  it('accepts a module-level client and httpx ASGITransport fixtures', async () => {
    const moduleLevel =
      'from starlette.testclient import TestClient\nfrom app.main import app\nclient = TestClient(app)\n\n\ndef test_health() -> None:\n    assert client.get("/health").status_code == 200\n';
    expect(
      (
        await checkOf('tests', {
          'tests/conftest.py': null,
          'tests/test_items.py': moduleLevel,
        })
      ).status,
    ).toBe('pass');
    const asgi = [
      'import httpx, pytest',
      'from httpx import ASGITransport',
      'from app.main import app',
      '@pytest.fixture',
      'async def api():',
      '    async with httpx.AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as c:',
      '        yield c',
      '@pytest.fixture',
      'def authed(api):',
      '    return api',
      'async def test_items(authed) -> None:',
      '    assert (await authed.get("/api/v1/items/")).status_code == 200',
    ].join('\n');
    const item = await checkOf('tests', {
      'tests/conftest.py': null,
      'tests/test_items.py': asgi,
    });
    expect(item.status).toBe('pass');
  });
});

describe('tests: fixture aliases', () => {
  it('follows @pytest.fixture(name="client") on a differently named function', async () => {
    const conftest = [
      'import pytest',
      'from fastapi.testclient import TestClient',
      'from app.main import app',
      '@pytest.fixture(name="client")',
      'def client_fixture():',
      '    return TestClient(app)',
    ].join('\n');
    const item = await checkOf('tests', { 'tests/conftest.py': conftest });
    expect(item.status).toBe('pass');
  });
});
