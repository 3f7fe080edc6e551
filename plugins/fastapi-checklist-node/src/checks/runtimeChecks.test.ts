import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';
import { goodService } from '../__fixtures__/goodService';

const main = goodService['app/main.py'];
const config = goodService['app/config.py'];
const withoutLogging = main
  .replace('import logging.config\n', '')
  .replace('    logging.config.dictConfig({"version": 1})\n', '');

describe('logging: only code the app runs counts (issue 12)', () => {
  it("ignores Alembic's env.py and scripts configuring their own logging", async () => {
    const item = await checkOf('logging', {
      'app/main.py': withoutLogging,
      'migrations/env.py':
        'from logging.config import fileConfig\nfrom app.config import get_settings\nfileConfig("alembic.ini")\n',
      'scripts/seed.py': 'import logging\nlogging.basicConfig(level="INFO")\n',
    });
    expect(item.status).toBe('fail');
  });

  it("ignores Alembic's env.py even when it imports the module that creates the app", async () => {
    const item = await checkOf('logging', {
      'app/main.py': withoutLogging,
      'migrations/env.py': [
        'from logging.config import fileConfig',
        '',
        'from alembic import context',
        '',
        'from app.main import app  # noqa: F401 (the models register on import)',
        '',
        'fileConfig(context.config.config_file_name)',
      ].join('\n'),
    });
    expect(item.status).toBe('fail');
  });

  it("ignores a __main__ block of the app's module when the image's server imports it", async () => {
    const guarded = `${withoutLogging}
if __name__ == "__main__":
    import logging

    import uvicorn

    logging.basicConfig(level=logging.DEBUG)
    uvicorn.run("app.main:app", reload=True)
`;
    const served = await checkOf('logging', {
      'app/main.py': guarded,
    });
    expect(served.status).toBe('fail');
    // Run as a script (python -m app.main), the block is what starts the service.
    const script = await checkOf('logging', {
      'app/main.py': guarded,
      Dockerfile: goodService.Dockerfile.replace(
        /CMD \[.*\]/,
        'CMD ["python", "-m", "app.main"]',
      ),
    });
    expect(script.status).toBe('pass');
  });

  it('counts a logging module the app imports', async () => {
    const item = await checkOf('logging', {
      'app/main.py': `from app.log_setup import setup_logging\n${withoutLogging}\nsetup_logging()\n`,
      'app/log_setup.py':
        'import logging\n\n\ndef setup_logging() -> None:\n    logging.basicConfig(level="INFO")\n',
    });
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual([
      'app/log_setup.py:5 configures logging',
    ]);
  });

  it('does not take log_config=None (uvicorn told to leave logging alone) for configuration', async () => {
    const item = await checkOf('logging', {
      'app/main.py': `${withoutLogging}\nimport uvicorn\n\nuvicorn.run(app, log_config=None)\n`,
    });
    expect(item.status).toBe('fail');
  });

  it('counts a launcher that imports the app module by its dotted name (import app.main)', async () => {
    const item = await checkOf('logging', {
      'app/main.py': withoutLogging,
      'app/launcher.py': [
        'import logging.config',
        '',
        'import uvicorn',
        '',
        '',
        'def serve() -> None:',
        '    import app.main',
        '',
        '    logging.config.dictConfig({"version": 1})',
        '    uvicorn.run(app.main.app)',
      ].join('\n'),
    });
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual([
      'app/launcher.py:9 configures logging',
    ]);
  });
});

describe('health: probes under a health prefix (issue 12)', () => {
  const withHealthRouter = (path: string) => ({
    'app/main.py': `${main.replace(
      /@app\.get\("\/health"[^]*?return \{"status": "ok"\}\n/,
      '',
    )}\nfrom app.routers import probes\napp.include_router(probes.router, prefix="/api/health")\n`,
    'app/routers/probes.py': `from fastapi import APIRouter\nrouter = APIRouter()\n\n\n@router.get("${path}")\ndef probe() -> dict[str, str]:\n    return {}\n`,
  });

  it('passes on GET /api/health/db', async () => {
    const item = await checkOf('health', withHealthRouter('/db'));
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual([
      'app/routers/probes.py:6 GET /api/health/db (probe)',
    ]);
  });

  it("does not take a resource's health (/cameras/{camera_id}/health) for the service's", async () => {
    const item = await checkOf('health', {
      ...withHealthRouter('/db'),
      'app/main.py': `${main.replace(
        /@app\.get\("\/health"[^]*?return \{"status": "ok"\}\n/,
        '',
      )}\n@app.get("/cameras/{camera_id}/health")\ndef camera_health(camera_id: int) -> dict[str, str]:\n    return {}\n`,
    });
    expect(item.status).toBe('fail');
  });
});

describe('cors: origins from a settings field (issue 12)', () => {
  it('fails when the field defaults to ["*"] and credentials are allowed, pointing at the default', async () => {
    const item = await checkOf('cors', {
      'app/config.py': config.replace(
        'CORS_ORIGINS: list[str] = []',
        'CORS_ORIGINS: list[str] = ["*"]',
      ),
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/config.py:11 settings.CORS_ORIGINS defaults to any origin ("*"), and app/main.py:21 allows credentials',
    ]);
  });

  it('fails when origins are a comma-separated field defaulting to "*", split into a name', async () => {
    const split = (fieldDefault: string) =>
      checkOf('cors', {
        'app/config.py': config.replace(
          'CORS_ORIGINS: list[str] = []',
          `ALLOWED_ORIGINS: str = "${fieldDefault}"`,
        ),
        'app/main.py': main.replace(
          'app.add_middleware(CORSMiddleware, allow_origins=settings.CORS_ORIGINS, allow_credentials=True)\n',
          'origins = settings.ALLOWED_ORIGINS.split(",")\napp.add_middleware(CORSMiddleware, allow_origins=origins, allow_credentials=True)\n',
        ),
      });
    const wildcard = await split('*');
    expect(wildcard.status).toBe('fail');
    expect(evidenceLines(wildcard)).toEqual([
      'app/config.py:11 settings.ALLOWED_ORIGINS defaults to any origin ("*"), and app/main.py:22 allows credentials',
    ]);
    expect((await split('http://localhost:5173')).status).toBe('pass');
  });

  it('passes when the field defaults to explicit origins', async () => {
    const item = await checkOf('cors', {
      'app/config.py': config.replace(
        'CORS_ORIGINS: list[str] = []',
        'CORS_ORIGINS: list[str] = ["http://localhost:5173"]',
      ),
    });
    expect(item.status).toBe('pass');
  });
});

describe('cors: a frontend served by the app itself (corpus rule)', () => {
  it('is not applicable without CORSMiddleware when static files are mounted at /', async () => {
    const item = await checkOf('cors', {
      'app/main.py': `${main.replace(
        'app.add_middleware(CORSMiddleware, allow_origins=settings.CORS_ORIGINS, allow_credentials=True)\n',
        '',
      )}\nfrom starlette.staticfiles import StaticFiles\napp.mount("/", StaticFiles(directory="static", html=True))\n`,
    });
    expect(item.status).toBe('not-applicable');
    expect(evidenceLines(item)).toEqual([
      'app/main.py:49 frontend served at / by the app',
    ]);
  });
});

describe('exception-handlers: registered by a library at the app’s request (corpus rule)', () => {
  it('counts register_tortoise(..., add_exception_handlers=True)', async () => {
    const withoutHandlers = main.replace(
      /@app\.exception_handler\(NotFound\)[^]*?status_code=404\)\n/,
      '',
    );
    const item = await checkOf('exception-handlers', {
      'app/main.py': `${withoutHandlers}\nfrom tortoise.contrib.fastapi import register_tortoise\nregister_tortoise(app, db_url="sqlite://:memory:", add_exception_handlers=True)\n`,
    });
    expect(item.status).toBe('pass');
    const off = await checkOf('exception-handlers', {
      'app/main.py': `${withoutHandlers}\nfrom tortoise.contrib.fastapi import register_tortoise\nregister_tortoise(app, db_url="sqlite://:memory:")\n`,
    });
    expect(off.status).toBe('fail');
  });
});
