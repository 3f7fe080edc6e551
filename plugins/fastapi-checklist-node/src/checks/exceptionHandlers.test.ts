import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';
import { goodService } from '../__fixtures__/goodService';

/**
 * Handlers count only when registered on the app the server runs (issue 18: deleting a
 * 0.1.0 service's `register_exception_handlers(app)` left the check at pass).
 */
const main = goodService['app/main.py'];
const withoutHandlers = main.replace(
  /@app\.exception_handler\(NotFound\)[^]*?status_code=404\)\n/,
  '',
);

/** A handler module of the shape the template and real services use. */
const errorsModule = `from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse


async def unhandled(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": "Internal Server Error"}, status_code=500)


def register_exception_handlers(app: FastAPI) -> None:
    app.add_exception_handler(Exception, unhandled)

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)
`;

const importErrors =
  'from app.errors import register_exception_handlers  # noqa: E402\n';

describe('exception-handlers: registered on the app the service runs', () => {
  it('fails when handlers are defined in a helper nobody calls, naming it', async () => {
    const item = await checkOf('exception-handlers', {
      'app/main.py': `${withoutHandlers}${importErrors}`,
      'app/errors.py': errorsModule,
    });
    expect(item.status).toBe('fail');
    expect(item.summary).toMatch(/defined but never registered/);
    expect(evidenceLines(item)).toEqual([
      'app/errors.py:10 in register_exception_handlers(), which the code the server runs never calls with the app',
      'app/errors.py:12 in register_exception_handlers(), which the code the server runs never calls with the app',
    ]);
  });

  it('passes when the helper is called with the app, the call first in the evidence', async () => {
    const item = await checkOf('exception-handlers', {
      'app/main.py': `${withoutHandlers}${importErrors}register_exception_handlers(app)\n`,
      'app/errors.py': errorsModule,
    });
    expect(item.status).toBe('pass');
    const callLine = `${withoutHandlers}${importErrors}`.split('\n').length;
    expect(evidenceLines(item)).toEqual([
      `app/main.py:${callLine} registers the exception handlers at app/errors.py:10 on the app`,
      'app/errors.py:10 exception handler',
      'app/errors.py:12 exception handler',
    ]);
  });

  it('follows the app through an app factory and a second helper', async () => {
    const item = await checkOf('exception-handlers', {
      'app/main.py': `from fastapi import FastAPI
from app.setup import configure


def create_app() -> FastAPI:
    application = FastAPI()
    configure(application)
    return application


app = create_app()
`,
      'app/setup.py': `from fastapi import FastAPI
from app.errors import register_exception_handlers


def configure(app: FastAPI) -> None:
    register_exception_handlers(app=app)
`,
      'app/errors.py': errorsModule,
    });
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)[0]).toBe(
      'app/main.py:7 registers the exception handlers at app/errors.py:10 on the app',
    );
  });

  it('passes with a decorator on the app', async () => {
    const item = await checkOf('exception-handlers');
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual(['app/main.py:28 exception handler']);
  });

  it('passes with FastAPI(exception_handlers=…), literal or through a name', async () => {
    const literal = await checkOf('exception-handlers', {
      'app/main.py': withoutHandlers.replace(
        'app = FastAPI(lifespan=lifespan)',
        'app = FastAPI(lifespan=lifespan, exception_handlers={404: not_found})',
      ),
    });
    expect(literal.status).toBe('pass');
    expect(evidenceLines(literal)).toEqual([
      'app/main.py:20 exception_handlers=',
    ]);
    const named = await checkOf('exception-handlers', {
      'app/main.py': withoutHandlers.replace(
        'app = FastAPI(lifespan=lifespan)',
        'handlers = {404: not_found}\napp = FastAPI(lifespan=lifespan, exception_handlers=handlers)',
      ),
    });
    expect(named.status).toBe('pass');
    const empty = await checkOf('exception-handlers', {
      'app/main.py': withoutHandlers.replace(
        'app = FastAPI(lifespan=lifespan)',
        'app = FastAPI(lifespan=lifespan, exception_handlers={})',
      ),
    });
    expect(empty.status).toBe('fail');
  });

  it('does not count the helper called only by tests or scripts', async () => {
    const item = await checkOf('exception-handlers', {
      'app/main.py': withoutHandlers,
      'app/errors.py': errorsModule,
      'tests/test_errors.py': `from fastapi import FastAPI
from fastapi.testclient import TestClient
from app.errors import register_exception_handlers
from app.main import app


def test_handlers() -> None:
    register_exception_handlers(app)
    other = FastAPI()
    register_exception_handlers(other)
    assert TestClient(app).get("/health").status_code == 200
`,
      'scripts/smoke.py': `from app.errors import register_exception_handlers
from app.main import app

register_exception_handlers(app)
`,
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)[0]).toMatch(
      /^app\/errors\.py:10 in register_exception_handlers\(\)/,
    );
  });

  it('counts a registration in the module the server command names', async () => {
    const item = await checkOf('exception-handlers', {
      'app/main.py': withoutHandlers,
      'serve.py': `from app.errors import register_exception_handlers
from app.main import app

register_exception_handlers(app)
`,
      'app/errors.py': errorsModule,
      Dockerfile: goodService.Dockerfile.replace('app/main.py', 'serve.py'),
    });
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)[0]).toBe(
      'serve.py:4 registers the exception handlers at app/errors.py:10 on the app',
    );
  });

  it('does not count a second app in a module the server command never imports', async () => {
    const legacy = `from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

app = FastAPI()


@app.exception_handler(ValueError)
async def bad_value(request: Request, exc: ValueError) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=400)
`;
    const served = await checkOf('exception-handlers', {
      'app/main.py': withoutHandlers,
      'app/legacy.py': legacy,
    });
    expect(served.status).toBe('fail');
    // Without a command naming the served module, every app may be the one served.
    const unknown = await checkOf('exception-handlers', {
      'app/main.py': withoutHandlers,
      'app/legacy.py': legacy,
      Dockerfile: null,
    });
    expect(unknown.status).toBe('pass');
  });

  it('counts class-based setups: a FastAPI subclass, and self.app in a class that builds it', async () => {
    const subclass = await checkOf('exception-handlers', {
      'app/main.py': withoutHandlers.replace(
        'app = FastAPI(lifespan=lifespan)',
        `class ShopApp(FastAPI):
    def __init__(self) -> None:
        super().__init__(lifespan=lifespan)
        self.add_exception_handler(ValueError, not_found)


app = ShopApp()`,
      ),
    });
    expect(subclass.status).toBe('pass');
    expect(evidenceLines(subclass)).toEqual([
      'app/main.py:23 exception handler',
    ]);
    const holder = await checkOf('exception-handlers', {
      'app/main.py': withoutHandlers.replace(
        'app = FastAPI(lifespan=lifespan)',
        `class Server:
    def __init__(self) -> None:
        self.app = FastAPI(lifespan=lifespan)
        self.app.add_exception_handler(ValueError, not_found)


app = Server().app`,
      ),
    });
    expect(holder.status).toBe('pass');
    expect(evidenceLines(holder)).toEqual(['app/main.py:23 exception handler']);
  });

  it('fails on handlers registered on an APIRouter (FastAPI has none)', async () => {
    const item = await checkOf('exception-handlers', {
      'app/main.py': withoutHandlers,
      'app/routers/admin.py': `${goodService['app/routers/admin.py']}

@router.exception_handler(ValueError)
async def bad_value(request, exc):
    return None
`,
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringMatching(
        /^app\/routers\/admin\.py:\d+ registered on an APIRouter, which has no exception handlers/,
      ),
    ]);
  });

  it('warns when only middleware on the app answers uncaught exceptions', async () => {
    const middleware = `

@app.middleware("http")
async def catch_all(request: Request, call_next):
    try:
        return await call_next(request)
    except Exception:
        return JSONResponse({"detail": "Internal Server Error"}, status_code=500)
`;
    const item = await checkOf('exception-handlers', {
      'app/main.py': `${withoutHandlers}${middleware}`,
    });
    expect(item.status).toBe('warn');
    expect(evidenceLines(item)).toEqual([
      expect.stringMatching(
        /^app\/main\.py:\d+ middleware answers uncaught exceptions$/,
      ),
    ]);
    // Catching, logging and re-raising answers nothing: the defaults still answer.
    const reraises = await checkOf('exception-handlers', {
      'app/main.py': `${withoutHandlers}${middleware.replace(
        'return JSONResponse({"detail": "Internal Server Error"}, status_code=500)',
        'raise',
      )}`,
    });
    expect(reraises.status).toBe('fail');
  });

  it('warns for a middleware class added to the app', async () => {
    const item = await checkOf('exception-handlers', {
      'app/main.py': `${withoutHandlers}
from app.errors_middleware import ErrorsMiddleware  # noqa: E402

app.add_middleware(ErrorsMiddleware)
`,
      'app/errors_middleware.py': `from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import JSONResponse


class ErrorsMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request, call_next):
        try:
            return await call_next(request)
        except Exception:
            return JSONResponse({"detail": "error"}, status_code=500)
`,
    });
    expect(item.status).toBe('warn');
    expect(evidenceLines(item)).toEqual([
      'app/errors_middleware.py:9 middleware answers uncaught exceptions',
    ]);
  });

  it('warns for an instance of a middleware class registered as app.middleware("http")(Class())', async () => {
    const guardModule = `from starlette.responses import Response


class Guard:
    async def helper(self, request):
        return request.url.path

    async def __call__(self, request, call_next):
        try:
            response = await call_next(request)
        except Exception:
            response = Response(b"error", status_code=500)
        return response
`;
    const item = await checkOf('exception-handlers', {
      'app/main.py': `${withoutHandlers}
from app.guard import Guard  # noqa: E402

app.middleware("http")(Guard())
`,
      'app/guard.py': guardModule,
    });
    expect(item.status).toBe('warn');
    expect(evidenceLines(item)).toEqual([
      'app/guard.py:11 middleware answers uncaught exceptions',
    ]);
    // The class alone, never registered, covers nothing.
    const unregistered = await checkOf('exception-handlers', {
      'app/main.py': `${withoutHandlers}
from app.guard import Guard  # noqa: E402

guard = Guard()
`,
      'app/guard.py': guardModule,
    });
    expect(unregistered.status).toBe('fail');
  });
});

const importUnhandled = 'from app.errors import unhandled  # noqa: E402\n';

describe('exception-handlers: the app.exception_handlers mapping written directly', () => {
  it('counts app.exception_handlers[404] = handler and .update({...}) on the served app', async () => {
    const subscript = await checkOf('exception-handlers', {
      'app/main.py': `${withoutHandlers}${importUnhandled}app.exception_handlers[404] = unhandled\n`,
      'app/errors.py': errorsModule,
    });
    expect(subscript.status).toBe('pass');
    expect(evidenceLines(subscript)).toContainEqual(
      expect.stringMatching(/^app\/main\.py:\d+ exception handler$/),
    );
    const update = await checkOf('exception-handlers', {
      'app/main.py': `${withoutHandlers}${importUnhandled}app.exception_handlers.update({ValueError: unhandled})\n`,
      'app/errors.py': errorsModule,
    });
    expect(update.status).toBe('pass');
  });

  it('does not count the mapping of an object that is not the app', async () => {
    const item = await checkOf('exception-handlers', {
      'app/main.py': `${withoutHandlers}${importUnhandled}from fastapi import APIRouter  # noqa: E402\nrouter = APIRouter()\nrouter.exception_handlers = {}\nrouter.exception_handlers[404] = unhandled\n`,
      'app/errors.py': errorsModule,
    });
    expect(item.status).toBe('fail');
  });
});
