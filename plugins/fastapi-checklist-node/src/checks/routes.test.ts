import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';
import { goodService } from '../__fixtures__/goodService';

const items = goodService['app/routers/items.py'];
/** Replaces the app with a single module of its own (the fixture's routers go away). */
const onlyApp = (source: string) => ({
  'app/main.py': source,
  'app/routers/items.py': null,
  'app/routers/admin.py': null,
  'app/routers/login.py': null,
});
const main = goodService['app/main.py'];

describe('response-models', () => {
  it('fails on a route with neither response_model nor a return type, naming it', async () => {
    const item = await checkOf('response-models', {
      'app/routers/items.py': `${items}\n\n@router.get("/count")\ndef count_items():\n    return 1\n`,
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/routers/items.py:25 GET /api/v1/items/count (count_items) has no response model',
    ]);
  });

  it('accepts response_model=None only with a Response return', async () => {
    const extra = [
      'from fastapi.responses import PlainTextResponse',
      '@router.get("/text", response_model=None)',
      'def text() -> PlainTextResponse:',
      '    return PlainTextResponse("x")',
      '@router.get("/bare", response_model=None)',
      'def bare():',
      '    return 1',
    ].join('\n');
    const item = await checkOf('response-models', {
      'app/routers/items.py': `${items}\n${extra}\n`,
    });
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('GET /api/v1/items/bare (bare)'),
    ]);
  });

  it('takes response_model=None with `-> None` for a declared empty response (a 204), not with `-> dict`', async () => {
    const extra = [
      '@router.delete("/{item_id}", status_code=204, response_model=None)',
      'def delete_item(item_id: int) -> None:',
      '    return None',
      '@router.put("/{item_id}", response_model=None)',
      'def replace_item(item_id: int) -> dict:',
      '    return {}',
    ].join('\n');
    const item = await checkOf('response-models', {
      'app/routers/items.py': `${items}\n${extra}\n`,
    });
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('PUT /api/v1/items/{item_id} (replace_item)'),
    ]);
  });

  it('ignores WebSocket routes', async () => {
    const extra =
      '@router.websocket("/ws")\nasync def ws(websocket):\n    await websocket.accept()\n';
    expect(
      (
        await checkOf('response-models', {
          'app/routers/items.py': `${items}\n${extra}`,
        })
      ).status,
    ).toBe('pass');
  });
});

describe('auth', () => {
  it('lists mutating routes without an auth dependency, with their full paths', async () => {
    const item = await checkOf('auth', {
      'app/main.py': main.replace(
        'app.include_router(admin.router, prefix="/api/v1/admin", dependencies=[Depends(get_current_user)])',
        'app.include_router(admin.router, prefix="/api/v1/admin")',
      ),
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/routers/admin.py:9 PUT /api/v1/admin/settings (update_settings) has no auth dependency',
    ]);
  });

  it('accepts router-level dependencies', async () => {
    const item = await checkOf('auth', {
      'app/routers/admin.py': goodService['app/routers/admin.py']
        .replace(
          'router = APIRouter()',
          'router = APIRouter(dependencies=[Depends(get_current_user)])',
        )
        .replace(
          'from fastapi import APIRouter',
          'from fastapi import APIRouter, Depends\nfrom app.security import get_current_user',
        ),
      'app/main.py': main.replace(
        ', dependencies=[Depends(get_current_user)])',
        ')',
      ),
    });
    expect(item.status).toBe('pass');
  });

  it('accepts app-level dependencies and a Security() scheme with HTTPBearer', async () => {
    const app = [
      'from fastapi import FastAPI, Security',
      'from fastapi.security import HTTPBearer',
      'bearer = HTTPBearer()',
      'app = FastAPI(dependencies=[Security(bearer)])',
      '@app.post("/things")',
      'def create(thing: int) -> int:',
      '    return thing',
    ].join('\n');
    const item = await checkOf('auth', onlyApp(app));
    expect(item.status).toBe('pass');
  });

  it('follows class-based dependencies and instances with __call__', async () => {
    const app = [
      'from typing import Annotated',
      'from fastapi import Depends, FastAPI',
      'from fastapi.security import APIKeyHeader',
      'api_key = APIKeyHeader(name="X-Key")',
      'class RequireKey:',
      '    def __call__(self, key: Annotated[str, Depends(api_key)]) -> str:',
      '        return key',
      'class Checker:',
      '    def __init__(self, key: str = Depends(api_key)) -> None:',
      '        self.key = key',
      'require_key = RequireKey()',
      'app = FastAPI()',
      '@app.post("/a")',
      'def a(key: Annotated[str, Depends(require_key)]) -> str:',
      '    return key',
      '@app.delete("/b")',
      'def b(checker: Checker = Depends(Checker)) -> None:',
      '    return None',
      '@app.patch("/c")',
      'def c() -> None:',
      '    return None',
    ].join('\n');
    const item = await checkOf('auth', onlyApp(app));
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/main.py:20 PATCH /c (c) has no auth dependency',
    ]);
  });

  it('fails clearly when there is no security scheme at all, but not for login and signup routes', async () => {
    const app = [
      'from fastapi import FastAPI',
      'app = FastAPI()',
      '@app.post("/users/signup")',
      'def signup(name: str) -> str:',
      '    return name',
      '@app.post("/orders")',
      'def order(name: str) -> str:',
      '    return name',
    ].join('\n');
    const item = await checkOf('auth', {
      ...onlyApp(app),
      'app/security.py': null,
    });
    expect(item.status).toBe('fail');
    expect(item.summary).toBe(
      // Issue 12: home-made credential checks count too, so the summary names both.
      'No security scheme or credential check found, so none of the 1 mutating route can require authentication.',
    );
    expect(evidenceLines(item)).toEqual([
      'app/main.py:7 POST /orders (order) is public',
    ]);
  });

  it('finds routes declared inside an app factory', async () => {
    const app = [
      'from fastapi import FastAPI',
      'def create_app() -> FastAPI:',
      '    application = FastAPI()',
      '    @application.post("/jobs")',
      '    def create_job(name: str) -> str:',
      '        return name',
      '    return application',
    ].join('\n');
    const item = await checkOf('auth', onlyApp(app));
    expect(evidenceLines(item)).toEqual([
      'app/main.py:5 POST /jobs (create_job) has no auth dependency',
    ]);
  });
});

describe('input-validation', () => {
  it.each([
    ['payload: dict', 'takes "payload" as an untyped dict'],
    ['payload: dict[str, Any]', 'takes "payload" as an untyped dict[str, Any]'],
    ['payload: Any', 'takes "payload" as an untyped Any'],
    [
      'payload: list[dict] | None = None',
      'takes "payload" as an untyped list[dict] | None',
    ],
  ])('fails on %s', async (param, message) => {
    const route = `from typing import Any\n@router.post("/raw")\ndef raw(user: CurrentUser, ${param}) -> int:\n    return 1\n`;
    const item = await checkOf('input-validation', {
      'app/routers/items.py': `${items}\n${route}`,
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)[0]).toContain(
      `POST /api/v1/items/raw (raw) ${message}`,
    );
  });

  it('fails on reading the raw request body and passes Form, File and Request without reading', async () => {
    const routes = [
      'from typing import Annotated',
      'from fastapi import File, Form, Request, UploadFile',
      '@router.post("/form")',
      'def form(name: Annotated[str, Form()], upload: UploadFile = File(...)) -> int:',
      '    return 1',
      '@router.post("/peek")',
      'def peek(request: Request) -> str:',
      '    return request.url.path',
      '@router.post("/raw")',
      'async def raw(request: Request) -> int:',
      '    data = await request.json()',
      '    return len(data)',
    ].join('\n');
    const item = await checkOf('input-validation', {
      'app/routers/items.py': `${items}\n${routes}\n`,
    });
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining(
        'POST /api/v1/items/raw (raw) reads the raw request body of "request"',
      ),
    ]);
  });
});

describe('health', () => {
  it('finds /healthz through a router prefix', async () => {
    const item = await checkOf('health', {
      'app/main.py': main.replace(
        '@app.get("/health", include_in_schema=False)',
        '@app.get("/api/v1/healthz")',
      ),
    });
    expect(item).toMatchObject({
      status: 'pass',
      summary: 'Health route GET /api/v1/healthz (health).',
    });
  });

  it('finds a health route nested under computed prefixes, as full-stack-fastapi-template writes it', async () => {
    const app = [
      'from fastapi import APIRouter, FastAPI',
      'from app.config import settings',
      'utils = APIRouter(prefix="/utils", tags=["utils"])',
      '@utils.get("/health-check/")',
      'async def health_check() -> bool:',
      '    return True',
      'api_router = APIRouter()',
      'api_router.include_router(utils)',
      'app = FastAPI()',
      'app.include_router(api_router, prefix=settings.API_V1_STR)',
    ].join('\n');
    const item = await checkOf('health', onlyApp(app));
    expect(item).toMatchObject({
      status: 'pass',
      summary:
        'Health route GET {settings.API_V1_STR}/utils/health-check/ (health_check).',
    });
  });

  it('fails without one', async () => {
    const item = await checkOf('health', {
      'app/main.py': main.replace(
        '@app.get("/health", include_in_schema=False)',
        '@app.get("/status-page")',
      ),
      'app/routers/probes.py': null,
    });
    expect(item.status).toBe('fail');
  });
});

describe('response-models and auth on more router shapes (corpus, second round)', () => {
  it('does not judge routes a hidden router carries, nor OpenAPI callback declarations', async () => {
    const app = [
      'from fastapi import APIRouter, FastAPI',
      'from pydantic import BaseModel',
      'class Done(BaseModel):',
      '    ok: bool',
      'pages = APIRouter()',
      '@pages.get("/about")',
      'def about():',
      '    return "<p>about</p>"',
      'views = APIRouter(include_in_schema=False)',
      'views.include_router(pages)',
      'hooks = APIRouter()',
      '@hooks.post("{$callback_url}")',
      'def notify(body: Done):',
      '    """What the caller receives."""',
      'api = APIRouter()',
      '@api.post("/jobs", response_model=Done, callbacks=hooks.routes)',
      'def start_job() -> Done:',
      '    return Done(ok=True)',
      'app = FastAPI()',
      'app.include_router(api)',
      'app.include_router(views)',
    ].join('\n');
    const item = await checkOf('response-models', onlyApp(app));
    expect(item.status).toBe('pass');
    expect(item.evidence).toEqual([]);
  });

  it('counts `-> Any` without response_model as declaring nothing, unless a response_class says what is sent', async () => {
    const app = [
      'from typing import Any',
      'from fastapi import FastAPI',
      'from fastapi.responses import HTMLResponse',
      'app = FastAPI()',
      '@app.get("/proxy")',
      'def proxy() -> Any:',
      '    return {}',
      '@app.get("/page", response_class=HTMLResponse)',
      'def page() -> Any:',
      '    return "<p>page</p>"',
    ].join('\n');
    const item = await checkOf('response-models', onlyApp(app));
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/main.py:6 GET /proxy (proxy) has no response model',
    ]);
  });

  it('follows routers mounted in a loop by a FastAPI subclass setting itself up', async () => {
    const app = [
      'from fastapi import APIRouter, FastAPI',
      'from pydantic import BaseModel',
      'class Note(BaseModel):',
      '    text: str',
      'notes = APIRouter(prefix="/notes")',
      '@notes.post("")',
      'def add_note(note: Note) -> Note:',
      '    return note',
      'class NotesAPI(FastAPI):',
      '    def setup(self) -> None:',
      '        super().setup()',
      '        for router in [notes]:',
      '            self.include_router(router)',
      'app = NotesAPI()',
    ].join('\n');
    const item = await checkOf('auth', onlyApp(app));
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/main.py:7 POST /notes (add_note) has no auth dependency',
    ]);
  });
});

describe('health: the root declared as the probe (corpus, second round)', () => {
  const withRoot = (name: string) =>
    onlyApp(
      [
        'from fastapi import FastAPI',
        'from fastapi.responses import JSONResponse',
        `async def ${name}() -> JSONResponse:`,
        '    return JSONResponse({"healthy": True})',
        'app = FastAPI()',
        `app.add_api_route("/", ${name}, methods=["GET"])`,
      ].join('\n'),
    );

  it('takes GET / for the health route when its function says it is the probe', async () => {
    const health = { ...withRoot('probe'), 'app/routers/probes.py': null };
    const item = await checkOf('health', health);
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual(['app/main.py:3 GET / (probe)']);
    expect((await checkOf('probes', health)).status).toBe('warn');
  });

  it('does not take any other GET / for one', async () => {
    const item = await checkOf('health', {
      ...withRoot('index'),
      'app/routers/probes.py': null,
    });
    expect(item.status).toBe('fail');
  });
});
