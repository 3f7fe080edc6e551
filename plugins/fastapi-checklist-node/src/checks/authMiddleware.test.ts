import {
  checkOf,
  evidenceLines,
  onlyModules as only,
} from '../__fixtures__/analyzeFixture';

/** A router of two writes and a health probe, none with a dependency. */
const tasks = [
  'from fastapi import APIRouter',
  '',
  'router = APIRouter()',
  '',
  '@router.post("/tasks")',
  'def create_task(name: str) -> str:',
  '    return name',
  '',
  '@router.delete("/tasks/{task_id}")',
  'def delete_task(task_id: int) -> None:',
  '    return None',
  '',
  '@router.get("/health")',
  'def health() -> str:',
  '    return "ok"',
];

/** verify_jwt in its own module: reads the Authorization header and raises 401. */
const verifier = [
  'from fastapi import HTTPException, Request',
  'import jwt',
  '',
  'def verify_jwt(request: Request):',
  '    header = request.headers.get("Authorization")',
  '    if not header:',
  '        raise HTTPException(status_code=401, detail="missing")',
  '    try:',
  '        return jwt.decode(header.split(" ")[1], "k", algorithms=["HS256"])',
  '    except jwt.PyJWTError:',
  '        raise HTTPException(status_code=401, detail="invalid")',
];

describe('auth: a home-made authentication middleware on the app (issue 12)', () => {
  it('counts a BaseHTTPMiddleware whose dispatch calls a credential check and lets only listed paths through', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/tasks.py': tasks,
        'app/verify.py': verifier,
        'app/guard.py': [
          'from fastapi import HTTPException, Request',
          'from fastapi.responses import JSONResponse',
          'from starlette.middleware.base import BaseHTTPMiddleware',
          'from app.verify import verify_jwt',
          '',
          'EXCLUDED_PATHS = ["/health", "/docs", "/openapi.json"]',
          '',
          'class TokenGuard(BaseHTTPMiddleware):',
          '    async def dispatch(self, request: Request, call_next):',
          '        if request.url.path in EXCLUDED_PATHS:',
          '            return await call_next(request)',
          '        try:',
          '            verify_jwt(request)',
          '        except HTTPException as exc:',
          '            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code)',
          '        return await call_next(request)',
        ],
        'app/main.py': [
          'from fastapi import FastAPI',
          'from app.guard import TokenGuard',
          'from app.tasks import router',
          '',
          'app = FastAPI()',
          'app.include_router(router)',
          'app.add_middleware(TokenGuard)',
        ],
      }),
    );
    expect(item.status).toBe('pass');
    expect(item.summary).toContain(
      '2 routes through the home-made middleware TokenGuard',
    );
    expect(evidenceLines(item)).toEqual([
      'app/guard.py:8 home-made authentication middleware (not documented in OpenAPI)',
    ]);
  });

  it('does not cover a write on a path the middleware lets through', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/tasks.py': tasks,
        'app/verify.py': verifier,
        'app/main.py': [
          'from fastapi import FastAPI, Request',
          'from fastapi.responses import JSONResponse',
          'from app.verify import verify_jwt',
          'from app.tasks import router',
          '',
          'app = FastAPI()',
          'app.include_router(router)',
          '',
          'PUBLIC = ("/docs", "/tasks")',
          '',
          '@app.middleware("http")',
          'async def require_token(request: Request, call_next):',
          '    path = request.url.path',
          '    if not any(path.startswith(prefix) for prefix in PUBLIC):',
          '        verify_jwt(request)',
          '    return await call_next(request)',
        ],
      }),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/tasks.py:6 POST /tasks (create_task) has no auth dependency',
      'app/tasks.py:10 DELETE /tasks/{task_id} (delete_task) has no auth dependency',
    ]);
  });

  it('reads a check that refuses every path but the listed ones, and one given as dispatch=', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/tasks.py': tasks,
        'app/main.py': [
          'from fastapi import FastAPI, Request',
          'from fastapi.responses import JSONResponse',
          'from starlette.middleware.base import BaseHTTPMiddleware',
          'from app.tasks import router',
          '',
          'async def api_key_gate(request: Request, call_next):',
          '    excluded = ["/health", "/docs"]',
          '    if request.url.path not in excluded and request.headers.get("X-API-Key") != "from-env":',
          '        return JSONResponse({"detail": "no"}, status_code=401)',
          '    return await call_next(request)',
          '',
          'app = FastAPI()',
          'app.include_router(router)',
          'app.add_middleware(BaseHTTPMiddleware, dispatch=api_key_gate)',
        ],
      }),
    );
    expect(item.status).toBe('pass');
    expect(item.summary).toContain(
      'through the home-made middleware api_key_gate',
    );
  });

  it('counts a check made only for listed prefixes on those routes alone', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/tasks.py': tasks,
        'app/verify.py': verifier,
        'app/admin.py': [
          'from fastapi import APIRouter',
          '',
          'router = APIRouter(prefix="/admin")',
          '',
          '@router.post("/reindex")',
          'def reindex() -> None:',
          '    return None',
        ],
        'app/main.py': [
          'from fastapi import FastAPI, Request',
          'from app.verify import verify_jwt',
          'from app import admin, tasks',
          '',
          'app = FastAPI()',
          'app.include_router(tasks.router)',
          'app.include_router(admin.router)',
          '',
          '@app.middleware("http")',
          'async def admin_only(request: Request, call_next):',
          '    if request.url.path.startswith("/admin"):',
          '        verify_jwt(request)',
          '    return await call_next(request)',
        ],
      }),
    );
    expect(item.status).toBe('fail');
    expect(item.summary).toBe(
      '2 of 3 mutating routes have no authentication dependency.',
    );
  });

  it('does not count a middleware that reads the header without refusing, nor one on no served app', async () => {
    const logging = await checkOf(
      'auth',
      only({
        'app/tasks.py': tasks,
        'app/main.py': [
          'import logging',
          'from fastapi import FastAPI, Request',
          'from app.tasks import router',
          '',
          'app = FastAPI()',
          'app.include_router(router)',
          '',
          '@app.middleware("http")',
          'async def log_caller(request: Request, call_next):',
          '    logging.info("caller %s", request.headers.get("Authorization"))',
          '    return await call_next(request)',
        ],
      }),
    );
    expect(logging.status).toBe('fail');

    const unserved = await checkOf(
      'auth',
      only({
        'app/tasks.py': tasks,
        'app/verify.py': verifier,
        'app/main.py': [
          'from fastapi import FastAPI',
          'from app.tasks import router',
          '',
          'app = FastAPI()',
          'app.include_router(router)',
        ],
        'tests/test_guard.py': [
          'from fastapi import Request',
          'from app.main import app',
          'from app.verify import verify_jwt',
          '',
          '@app.middleware("http")',
          'async def guard(request: Request, call_next):',
          '    verify_jwt(request)',
          '    return await call_next(request)',
          '',
          'def test_nothing():',
          '    assert app',
        ],
      }),
    );
    expect(unserved.status).toBe('fail');
  });

  it('follows the middleware into a check that sits at the same place of another module', async () => {
    // Both modules open with the same statements, so their functions are the same
    // node of their trees: the walk must still tell them apart.
    const item = await checkOf(
      'auth',
      only({
        'app/tasks.py': tasks,
        'app/verify.py': [
          'from fastapi import HTTPException, Request',
          'from app.tokens import decode',
          '',
          'async def check(request: Request, call_next):',
          '    header = request.headers.get("Authorization")',
          '    if not header:',
          '        raise HTTPException(status_code=401, detail="missing")',
          '    return decode(header)',
        ],
        'app/tokens.py': ['def decode(header):', '    return header'],
        'app/auth.py': [
          'from fastapi import HTTPException, Request',
          'from app.verify import check',
          '',
          'async def guard(request: Request, call_next):',
          '    if request.url.path in ["/health"]:',
          '        return await call_next(request)',
          '    await check(request, call_next)',
          '    return await call_next(request)',
        ],
        'app/main.py': [
          'from fastapi import FastAPI',
          'from app import auth',
          'from app.tasks import router',
          '',
          'app = FastAPI()',
          'app.include_router(router)',
          'app.middleware("http")(auth.guard)',
        ],
      }),
    );
    expect(item.status).toBe('pass');
    expect(item.summary).toContain('through the home-made middleware guard');
  });

  it('reads a middleware registered by calling app.middleware("http")(func), and refuses to count one checking only tokens that are sent', async () => {
    const guard = (body: string[]) =>
      only({
        'app/tasks.py': tasks,
        'app/verify.py': verifier,
        'app/auth.py': [
          'from fastapi import Request',
          'from fastapi.responses import JSONResponse',
          'from app.verify import verify_jwt',
          '',
          'async def middleware(request: Request, call_next):',
          ...body,
          '    return await call_next(request)',
        ],
        'app/main.py': [
          'from fastapi import FastAPI',
          'from app import auth',
          'from app.tasks import router',
          '',
          'app = FastAPI()',
          'app.include_router(router)',
          'app.middleware("http")(auth.middleware)',
        ],
      });
    const enforcing = await checkOf('auth', guard(['    verify_jwt(request)']));
    expect(enforcing.status).toBe('pass');
    expect(enforcing.summary).toContain(
      'through the home-made middleware middleware',
    );
    const optional = await checkOf(
      'auth',
      guard([
        '    if token := request.headers.get("Authorization"):',
        '        if not token.startswith("Bearer "):',
        '            return JSONResponse({"detail": "bad"}, status_code=401)',
        '        request.state.claims = verify_jwt(request)',
      ]),
    );
    expect(optional.status).toBe('fail');
  });

  it('does not count a middleware whose path condition it cannot read (a helper deciding the public paths)', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/tasks.py': tasks,
        'app/verify.py': verifier,
        'app/main.py': [
          'from fastapi import FastAPI, Request',
          'from app.verify import verify_jwt',
          'from app.tasks import router',
          '',
          'PUBLIC = ["/health", "/tasks"]',
          '',
          'def is_public(path: str) -> bool:',
          '    return any(path == p or path.startswith(p + "/") for p in PUBLIC)',
          '',
          'app = FastAPI()',
          'app.include_router(router)',
          '',
          '@app.middleware("http")',
          'async def require_token(request: Request, call_next):',
          '    if not is_public(request.url.path):',
          '        verify_jwt(request)',
          '    return await call_next(request)',
        ],
      }),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/tasks.py:6 POST /tasks (create_task) is public',
      'app/tasks.py:10 DELETE /tasks/{task_id} (delete_task) is public',
    ]);
  });
});
