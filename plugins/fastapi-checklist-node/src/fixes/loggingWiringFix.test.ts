import { lineDiff, runFixes, serviceWith } from './__testUtils__/fixHarness';
import { expectWiredInApp } from './__testUtils__/expectWiredInApp';

/** Release 0.1.0's shape: a dictConfig setup taking the level (app/logging_config.py). */
const LOGGING_CONFIG = `"""Logging configured once with dictConfig: one console handler."""

import logging.config
from typing import Any


def build_logging_config(level: str) -> dict[str, Any]:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "root": {"level": level},
    }


def configure_logging(level: str) -> None:
    logging.config.dictConfig(build_logging_config(level))
`;

/** Settings with a log-level field, handed out by get_settings() (0.1.0's app/config.py). */
const CONFIG = `from functools import lru_cache
from typing import Literal

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    ENVIRONMENT: str = "production"
    CORS_ORIGINS: list[str] = []
    LOG_LEVEL: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"


@lru_cache
def get_settings() -> Settings:
    return Settings()
`;

/** 0.1.0's create_app with `configure_logging(config.LOG_LEVEL)` and its import deleted. */
const mainWith = (imports: string, call = '') => `"""The shop service."""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.config import Settings, get_settings
from app.errors import ErrorBody
${imports}from app.routers import admin, items, login

logger = logging.getLogger(__name__)


def create_app(settings: Settings | None = None) -> FastAPI:
    config = settings or get_settings()
${call}
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        logger.info("Starting in %s mode", config.ENVIRONMENT)
        yield

    app = FastAPI(
        title="shop",
        lifespan=lifespan,
        responses={422: {"model": ErrorBody}},
    )
    app.add_middleware(CORSMiddleware, allow_origins=config.CORS_ORIGINS)
    app.include_router(items.router, prefix="/api/v1")
    app.include_router(admin.router, prefix="/api/v1/admin")
    app.include_router(login.router, prefix="/api/v1")
    return app


app = create_app()
`;

const ERRORS = `from pydantic import BaseModel


class ErrorBody(BaseModel):
    code: str
    detail: str
`;

const service = (
  main = mainWith(''),
  loggingConfig = LOGGING_CONFIG,
  config = CONFIG,
) =>
  serviceWith({
    'app/main.py': main,
    'app/config.py': config,
    'app/errors.py': ERRORS,
    'app/logging_config.py': loggingConfig,
    'app/routers/probes.py': null,
  });

/** The fix proven (expectWiredInApp): only app/main.py changes, by exactly these lines. */
const expectWired = (files: Record<string, string>, added: string[]) =>
  expectWiredInApp(files, 'logging', { removed: [], added });

describe('logging fix: the service’s own logging setup, never called', () => {
  it('calls 0.1.0’s configure_logging(level) with the settings’ LOG_LEVEL, importing it in isort’s place', async () => {
    const run = await expectWired(service(), [
      'from app.logging_config import configure_logging',
      '    configure_logging(config.LOG_LEVEL)',
    ]);
    expect(run.after['app/main.py']).toContain(
      'from app.errors import ErrorBody\nfrom app.logging_config import configure_logging\nfrom app.routers import',
    );
    expect(run.after['app/main.py']).toContain(
      '        yield\n\n    configure_logging(config.LOG_LEVEL)\n    app = FastAPI(\n',
    );
    expect(run.after['app/logging_config.py']).toBe(LOGGING_CONFIG);
    expect(run.report.applied[0].description).toBe(
      "Configures logging with the service's own configure_logging() (app/logging_config.py), which nothing the server runs called: configure_logging(config.LOG_LEVEL) just before the app is created in app/main.py.",
    );
  });

  it('passes the level by keyword when the setup takes it after *', async () => {
    const run = await expectWired(
      service(
        mainWith(''),
        LOGGING_CONFIG.replace(
          'def configure_logging(level: str)',
          'def configure_logging(*, log_level: str)',
        ).replace(
          'build_logging_config(level))',
          'build_logging_config(log_level))',
        ),
      ),
      [
        'from app.logging_config import configure_logging',
        '    configure_logging(log_level=config.LOG_LEVEL)',
      ],
    );
    expect(run.report.files.map(f => f.path)).toEqual(['app/main.py']);
  });

  it('calls a setup whose parameters all have defaults with no arguments', async () => {
    const setup = `import logging


def setup_logging(level: str = "INFO", fmt: str | None = None) -> None:
    logging.basicConfig(level=level, format=fmt)
`;
    const run = await expectWired(service(mainWith(''), setup), [
      'from app.logging_config import setup_logging',
      '    setup_logging()',
    ]);
    expect(run.after['app/logging_config.py']).toBe(setup);
  });

  it('refuses a setup needing a level when no settings object declares one, adding no module', async () => {
    const run = await runFixes(
      service(
        mainWith(''),
        LOGGING_CONFIG,
        CONFIG.replace(/ {4}LOG_LEVEL: .*\n/, ''),
      ),
      ['logging'],
    );
    expect(run.report.files).toEqual([]);
    expect(run.report.refusals).toEqual([
      {
        checkId: 'logging',
        reason:
          'app/logging_config.py:15 configure_logging() configures logging but needs level, and no settings object whose class declares a log-level field (LOG_LEVEL) is bound where app/main.py creates the app; call it there, before the app is created, with the level the service should log at (the fix adds no logging module of its own beside the service’s: the owners should wire theirs)',
      },
    ]);
  });

  it('refuses a setup needing an argument it cannot know, naming it', async () => {
    const setup = `import logging


def setup_logging(service_name: str, json_logs: bool = False) -> None:
    logging.basicConfig(format=f"{service_name} %(message)s")
`;
    const run = await runFixes(service(mainWith(''), setup), ['logging']);
    expect(run.report.files).toEqual([]);
    expect(run.report.refusals).toEqual([
      {
        checkId: 'logging',
        reason:
          'app/logging_config.py:4 setup_logging() configures logging but needs service_name; call it before the app is created with that value by hand (the fix adds no logging module of its own beside the service’s: the owners should wire theirs)',
      },
    ]);
  });

  it('reads the level from a module-level settings object beside a module-level app', async () => {
    const main = `from fastapi import FastAPI

from app.config import get_settings

settings = get_settings()
app = FastAPI(title="shop")


@app.get("/items")
def list_items() -> list[str]:
    return []
`;
    const setup = LOGGING_CONFIG.replace(
      'def configure_logging(level: str)',
      'def configure_logging(loglevel: str)',
    ).replace(
      'build_logging_config(level))',
      'build_logging_config(loglevel))',
    );
    const files = serviceWith({
      'main.py': main,
      'logging_config.py': setup,
      'app/config.py': CONFIG,
    });
    for (const path of Object.keys(files))
      if (path.startsWith('app/') && path !== 'app/config.py')
        delete files[path];
    const run = await runFixes(files, ['logging']);
    expect(run.report.refusals).toEqual([]);
    expect(run.statusAfter('logging')).toBe('pass');
    expect(run.report.files.map(f => f.path)).toEqual(['main.py']);
    expect(lineDiff(main, run.after['main.py'])).toEqual({
      removed: [],
      added: [
        'from logging_config import configure_logging',
        'configure_logging(settings.LOG_LEVEL)',
      ],
    });
    expect(run.after['main.py']).toContain(
      'settings = get_settings()\nconfigure_logging(settings.LOG_LEVEL)\napp = FastAPI(',
    );
  });

  it('refuses to choose between several uncalled setups, naming each', async () => {
    const setups = `${LOGGING_CONFIG}

def configure_debug_logging() -> None:
    logging.config.dictConfig(build_logging_config("DEBUG"))
`;
    const run = await runFixes(service(mainWith(''), setups), ['logging']);
    expect(run.report.files).toEqual([]);
    expect(run.report.refusals).toEqual([
      {
        checkId: 'logging',
        reason:
          'the service has 2 logging setup functions nothing the server runs calls (app/logging_config.py:15 configure_logging(), app/logging_config.py:19 configure_debug_logging()); call the one the service should use before the app is created (the fix adds no logging module of its own beside the service’s: the owners should wire theirs)',
      },
    ]);
  });

  it('leaves a service that calls its setup alone: the check passes, the fix is refused', async () => {
    const run = await runFixes(
      service(
        mainWith(
          'from app.logging_config import configure_logging\n',
          '    configure_logging(config.LOG_LEVEL)\n',
        ),
      ),
      ['logging'],
    );
    expect(run.statusBefore('logging')).toBe('pass');
    expect(run.report.files).toEqual([]);
    expect(run.report.refusals).toEqual([
      { checkId: 'logging', reason: 'the check is already pass' },
    ]);
  });

  it('ignores a script’s or a command’s own logging setup and adds the generic module as before', async () => {
    const script = `import logging


def main() -> None:
    logging.basicConfig(level="INFO")


if __name__ == "__main__":
    main()
`;
    // A command without a __main__ guard (a console_scripts entry point) is no setup either.
    const command = `import logging

from app.config import get_settings


def main() -> None:
    logging.basicConfig(level="INFO")
    print(get_settings().ENVIRONMENT)
`;
    const files: Record<string, string> = {
      ...service(),
      'app/seed.py': script,
      'app/cli.py': command,
    };
    // the service without a logging module of its own
    delete files['app/logging_config.py'];
    const run = await runFixes(files, ['logging']);
    expect(run.statusAfter('logging')).toBe('pass');
    expect(run.report.files.map(f => f.path).sort()).toEqual([
      'app/logging_config.py',
      'app/main.py',
    ]);
    expect(run.after['app/main.py']).toContain('    configure_logging()\n');
  });
});
