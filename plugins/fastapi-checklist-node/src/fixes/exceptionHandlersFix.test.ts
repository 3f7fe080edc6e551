import { runFixes, serviceWith } from './__testUtils__/fixHarness';
import { expectWiredInApp } from './__testUtils__/expectWiredInApp';
import { ruffImportFindings } from './__testUtils__/ruff';

/** The service's own handlers, in a function taking the app (the template's app/errors.py shape). */
const ERRORS = `from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel


class ErrorBody(BaseModel):
    code: str
    detail: str


def register_exception_handlers(app: FastAPI) -> None:
    @app.exception_handler(Exception)
    async def unhandled(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"code": "internal", "detail": "error"}, status_code=500)

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse({"code": "invalid", "detail": str(exc)}, status_code=400)
`;

/** An app factory whose call of register_exception_handlers(app) was deleted. */
const mainWith = (imports: string) => `"""The shop service."""

from fastapi import FastAPI

from app.config import get_settings
${imports}from app.routers import items


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="shop", responses={422: {"model": ErrorBody}})
    app.include_router(items.router, prefix="/api/v1")
    assert settings
    return app


app = create_app()
`;

const service = (main: string, errors = ERRORS) =>
  serviceWith({
    'app/main.py': main,
    'app/errors.py': errors,
    'app/routers/probes.py': null,
  });

/** The fix proven (expectWiredInApp): only app/main.py changes, by exactly these lines. */
const expectWired = (
  files: Record<string, string>,
  removed: string[],
  added: string[],
) => expectWiredInApp(files, 'exception-handlers', { removed, added });

describe('exception-handlers fix: the service’s own handlers, never registered', () => {
  it('calls the helper with the app and merges its name into the existing import', async () => {
    const run = await expectWired(
      service(mainWith('from app.errors import ErrorBody\n')),
      ['from app.errors import ErrorBody'],
      [
        'from app.errors import ErrorBody, register_exception_handlers',
        '    register_exception_handlers(app)',
      ],
    );
    expect(run.report.applied[0].description).toBe(
      "Registers the service's own exception handlers, which nothing the server runs registered: calls register_exception_handlers() (app/errors.py) with the app in app/main.py.",
    );
  });

  it('only adds the call when the import was left behind', async () => {
    const run = await expectWired(
      service(
        mainWith(
          'from app.errors import ErrorBody, register_exception_handlers\n',
        ),
      ),
      [],
      ['    register_exception_handlers(app)'],
    );
    expect(run.after['app/errors.py']).toBe(ERRORS);
  });

  it('adds a sorted import line when the app’s module imports nothing from the helper’s', async () => {
    const main = mainWith('').replace(
      'responses={422: {"model": ErrorBody}}',
      'version="1"',
    );
    const run = await expectWired(
      service(main),
      [],
      [
        'from app.errors import register_exception_handlers',
        '    register_exception_handlers(app)',
      ],
    );
    expect(run.after['app/main.py']).toContain(
      'from app.config import get_settings\nfrom app.errors import register_exception_handlers\nfrom app.routers import items\n',
    );
  });

  it('wraps a merged import that would pass the line length, as isort does', async () => {
    const names =
      'ErrorBody, NotFoundErrorBody, ValidationErrorBody, ConflictErrorBody';
    const errors = `${ERRORS}

class NotFoundErrorBody(ErrorBody):
    pass


class ValidationErrorBody(ErrorBody):
    pass


class ConflictErrorBody(ErrorBody):
    pass
`;
    const main = mainWith(`from app.errors import ${names}\n`).replace(
      'responses={422: {"model": ErrorBody}}',
      `responses={409: {"model": ConflictErrorBody}, 404: {"model": NotFoundErrorBody}, 422: {"model": ValidationErrorBody}, 400: {"model": ErrorBody}}`,
    );
    const run = await runFixes(service(main, errors), ['exception-handlers']);
    expect(run.statusAfter('exception-handlers')).toBe('pass');
    expect(run.after['app/main.py']).toContain(
      'from app.errors import (\n    ConflictErrorBody,\n    ErrorBody,\n    NotFoundErrorBody,\n    ValidationErrorBody,\n    register_exception_handlers,\n)\n',
    );
    expect(ruffImportFindings('app/main.py', run.after['app/main.py'])).toBe(
      '',
    );
  });

  it('refuses a helper that needs more than the app, naming what it needs', async () => {
    const errors = ERRORS.replace(
      'def register_exception_handlers(app: FastAPI) -> None:',
      'def register_exception_handlers(app: FastAPI, *, hsts_max_age: int) -> None:',
    );
    const run = await runFixes(
      service(mainWith('from app.errors import ErrorBody\n'), errors),
      ['exception-handlers'],
    );
    expect(run.report.files).toEqual([]);
    expect(run.report.refusals).toEqual([
      {
        checkId: 'exception-handlers',
        reason:
          'app/errors.py:11 register_exception_handlers() registers the exception handlers but also needs hsts_max_age; call it with the app and that value by hand',
      },
    ]);
  });
});
