import { goodService } from '../__fixtures__/goodService';
import { treeFromEntries } from '../tree/sourceTree';
import { inferTemplateAnswers } from './inferAnswers';

/**
 * A service in the golden path's shape (trimmed to what decides the answers): SQLite,
 * JWT, the `order-lines` resource with a background task and a WebSocket feed.
 */
const SERVICE: Record<string, string> = {
  'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders-api
  title: Orders Api
  description: Keeps track of orders.
  annotations:
    fastapi-golden-path/checklist: enabled
    fastapi-golden-path/template: fastapi-service@0.1.0
spec:
  type: service
  lifecycle: production
  owner: group:default/team-a
  system: system:default/shop
---
apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: orders-api
spec:
  type: openapi
  owner: group:default/other
`,
  'pyproject.toml': '[project]\nname = "orders-api"\n',
  'app/__init__.py': '',
  'app/config.py': `from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings


class Settings(BaseSettings):
    SECRET_KEY: SecretStr = SecretStr("")
    ACCESS_TOKEN_EXPIRE_MINUTES: int = Field(default=30, ge=1)
    DATABASE_URL: str = "sqlite:///./orders_api.db"
    CORS_ORIGINS: list[str] = [
        "http://localhost:3000",
        "https://app.example.com:8443",
    ]


def get_settings() -> Settings:
    return Settings()
`,
  'app/database.py': `from sqlmodel import create_engine

from app.config import get_settings

engine = create_engine(get_settings().DATABASE_URL)
`,
  'app/auth.py': `from fastapi.security import OAuth2PasswordBearer

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="auth/token")
`,
  'app/main.py': `from fastapi import FastAPI

from app.config import get_settings
from app.routers import order_lines, websocket


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title="Orders Api")
    app.include_router(order_lines.router)
    app.include_router(websocket.router)
    return app


app = create_app()
`,
  'app/routers/__init__.py': '',
  'app/routers/order_lines.py': `from fastapi import APIRouter, BackgroundTasks, Depends

from app.auth import oauth2_scheme
from app.database import engine

router = APIRouter(prefix="/order-lines", tags=["order-lines"])


@router.get("")
def list_order_lines() -> list[dict]:
    return []


@router.post("", status_code=201)
def create_order_line(
    background_tasks: BackgroundTasks, token: str = Depends(oauth2_scheme)
) -> dict:
    return {}


@router.get("/{order_line_id}")
def read_order_line(order_line_id: int) -> dict:
    return {}


@router.delete("/{order_line_id}", status_code=204)
def delete_order_line(order_line_id: int, token: str = Depends(oauth2_scheme)) -> None:
    return None
`,
  'app/routers/websocket.py': `from fastapi import APIRouter, WebSocket

router = APIRouter(tags=["websocket"])


@router.websocket("/ws/order-lines")
async def order_lines_feed(websocket: WebSocket) -> None:
    await websocket.accept()
`,
  Dockerfile: `FROM python:3.12-slim AS builder
RUN pip install -r requirements.txt

FROM python:3.12-slim
COPY app ./app
USER 10001:10001
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--workers", "3"]
`,
};

async function infer(
  edits: Record<string, string | undefined> = {},
  files = SERVICE,
) {
  const entries = Object.entries({ ...files, ...edits }).filter(
    (entry): entry is [string, string] => entry[1] !== undefined,
  );
  const inferred = await inferTemplateAnswers(treeFromEntries(entries));
  return Object.fromEntries(
    Object.entries(inferred).map(([key, answer]) => [key, answer!.value]),
  );
}

const edit = (file: string, from: string | RegExp, to: string) =>
  SERVICE[file].replace(from, to);

describe('inferTemplateAnswers', () => {
  it('reads every answer the service states, each from the line that states it', async () => {
    const inferred = await inferTemplateAnswers(
      treeFromEntries(Object.entries(SERVICE)),
    );
    expect(inferred).toEqual({
      name: { value: 'orders-api', path: 'catalog-info.yaml', line: 4 },
      description: {
        value: 'Keeps track of orders.',
        path: 'catalog-info.yaml',
        line: 6,
      },
      createdFrom: { value: '0.1.0', path: 'catalog-info.yaml', line: 9 },
      lifecycle: { value: 'production', path: 'catalog-info.yaml', line: 12 },
      owner: {
        value: 'group:default/team-a',
        path: 'catalog-info.yaml',
        line: 13,
      },
      system: {
        value: 'system:default/shop',
        path: 'catalog-info.yaml',
        line: 14,
      },
      database: { value: 'sqlite', path: 'app/config.py', line: 8 },
      auth: { value: 'jwt', path: 'app/auth.py', line: 3 },
      corsOrigins: {
        value: ['http://localhost:3000', 'https://app.example.com:8443'],
        path: 'app/config.py',
        line: 9,
      },
      resource: {
        value: 'order-lines',
        path: 'app/routers/order_lines.py',
        line: 9,
      },
      websockets: {
        value: true,
        path: 'app/routers/websocket.py',
        line: 6,
      },
      backgroundTasks: {
        value: true,
        path: 'app/routers/order_lines.py',
        line: 16,
      },
      pythonVersion: { value: '3.12', path: 'Dockerfile', line: 4 },
      workers: { value: 3, path: 'Dockerfile', line: 7 },
    });
  });

  it('claims "none" and "false" only from what the template leaves without them', async () => {
    const inferred = await infer({
      'app/config.py': edit(
        'app/config.py',
        /^ {4}(SECRET_KEY|DATABASE_URL).*\n/gm,
        '',
      ),
      'app/database.py': undefined,
      'app/auth.py': undefined,
      'app/routers/websocket.py': undefined,
      'app/main.py': edit('app/main.py', ', websocket', '').replace(
        /\n.*websocket\.router.*/,
        '',
      ),
      'app/routers/order_lines.py': SERVICE['app/routers/order_lines.py']
        .replace(/BackgroundTasks, Depends/, 'Depends')
        .replace(
          /background_tasks: BackgroundTasks, token: str = Depends\(oauth2_scheme\)/,
          '',
        )
        .replace(/, token: str = Depends\(oauth2_scheme\)/, '')
        .replace(/from app\.(auth|database) import .*\n/g, ''),
    });
    expect(inferred).toMatchObject({
      database: 'none',
      auth: 'none',
      websockets: false,
      backgroundTasks: false,
      resource: 'order-lines',
    });
    // Without a database the template's image runs one worker whatever the answer was.
    expect(inferred).not.toHaveProperty('workers');
  });

  it.each([
    [
      'a database URL read from the environment without a default',
      {
        'app/config.py': edit(
          'app/config.py',
          /DATABASE_URL: str = .*/,
          'DATABASE_URL: str',
        ),
      },
      ['database', 'workers'],
    ],
    [
      'a database the form does not offer',
      {
        'app/config.py': edit(
          'app/config.py',
          'sqlite:///./orders_api.db',
          'mysql://app@db/orders',
        ),
      },
      ['database', 'workers'],
    ],
    [
      'no DATABASE_URL while the code imports an ORM',
      {
        'app/config.py': edit('app/config.py', /^ {4}DATABASE_URL.*\n/m, ''),
      },
      ['database', 'workers'],
    ],
    [
      'no DATABASE_URL while the code keeps data in MongoDB',
      {
        'app/config.py': edit('app/config.py', /^ {4}DATABASE_URL.*\n/m, ''),
        'app/database.py':
          'from motor.motor_asyncio import AsyncIOMotorClient\n\nclient = AsyncIOMotorClient()\n',
      },
      ['database', 'workers'],
    ],
    [
      'two settings classes',
      {
        'app/extra.py':
          'from pydantic_settings import BaseSettings\n\n\nclass More(BaseSettings):\n    X: int = 1\n',
        'app/main.py': `from app.extra import More\n${SERVICE['app/main.py']}`,
      },
      ['database', 'auth', 'corsOrigins', 'workers'],
    ],
    [
      'a second security scheme beside OAuth2',
      {
        'app/auth.py': `${SERVICE['app/auth.py']}from fastapi.security import APIKeyHeader\napi_key = APIKeyHeader(name="X-Key")\n`,
      },
      ['auth'],
    ],
    [
      'a SECRET_KEY without any security scheme',
      {
        'app/auth.py': undefined,
        'app/routers/order_lines.py': edit(
          'app/routers/order_lines.py',
          /from app\.auth import .*\n/,
          'oauth2_scheme = None\n',
        ),
      },
      ['auth'],
    ],
    [
      'CORS origins computed from the environment',
      {
        'app/config.py': edit(
          'app/config.py',
          /CORS_ORIGINS: list\[str\] = \[[^\]]*\]/,
          'CORS_ORIGINS: list[str] = os.environ["ORIGINS"].split(",")',
        ),
      },
      ['corsOrigins'],
    ],
    [
      'a CORS origin the form refuses (a wildcard)',
      {
        'app/config.py': edit(
          'app/config.py',
          'https://app.example.com:8443',
          'https://*.example.com',
        ),
      },
      ['corsOrigins'],
    ],
    [
      'a second CRUD resource',
      {
        'app/routers/orders.py': edit(
          'app/routers/order_lines.py',
          /order-lines|order_line/g,
          'orders',
        ),
        'app/main.py': edit(
          'app/main.py',
          'app.include_router(websocket.router)',
          'app.include_router(websocket.router)\n    app.include_router(orders.router)',
        ).replace('order_lines, websocket', 'order_lines, orders, websocket'),
      },
      ['resource', 'websockets', 'backgroundTasks'],
    ],
    [
      'a WebSocket route that is not the template’s',
      {
        'app/routers/websocket.py': edit(
          'app/routers/websocket.py',
          '/ws/order-lines',
          '/live',
        ),
      },
      ['websockets'],
    ],
    [
      'background tasks in another route than create',
      {
        'app/routers/order_lines.py': edit(
          'app/routers/order_lines.py',
          'def delete_order_line(order_line_id: int,',
          'def delete_order_line(order_line_id: int, later: BackgroundTasks,',
        ).replace('background_tasks: BackgroundTasks, ', ''),
      },
      ['backgroundTasks'],
    ],
    [
      'a Python version the form does not offer',
      { Dockerfile: SERVICE.Dockerfile.replace(/3\.12/g, '3.10') },
      ['pythonVersion'],
    ],
    [
      'stages on different Python versions',
      {
        Dockerfile: SERVICE.Dockerfile.replace('3.12-slim AS', '3.13-slim AS'),
      },
      ['pythonVersion'],
    ],
    [
      'a final stage that is not a python image',
      {
        Dockerfile: SERVICE.Dockerfile.replace(
          'FROM python:3.12-slim\n',
          'FROM gcr.io/distroless/python3\n',
        ),
      },
      ['pythonVersion'],
    ],
    [
      'a worker count from a variable the image does not set',
      { Dockerfile: SERVICE.Dockerfile.replace('"3"', '"$WORKERS"') },
      ['workers'],
    ],
  ])('refuses to infer from %s', async (_shape, edits, refused) => {
    const inferred = await infer(edits);
    for (const key of refused) expect(inferred).not.toHaveProperty(key);
    // The rest is still read.
    const all = await infer();
    const kept = Object.keys(all).filter(key => !refused.includes(key));
    expect(Object.keys(inferred).sort()).toEqual(kept.sort());
  });

  it('reads a hand-written service (the analyzer’s good service) only where it states the answers', async () => {
    // No catalog entry, no CRUD collection in the template's shape, no worker count.
    expect(await infer({}, goodService)).toEqual({
      database: 'none',
      auth: 'jwt',
      corsOrigins: [],
      pythonVersion: '3.13',
    });
  });

  it('reads no code when a Python file could not be parsed, but still the catalog entry', async () => {
    const inferred = await infer({ 'app/broken.py': 'def (:\n' });
    expect(Object.keys(inferred).sort()).toEqual(
      [
        'createdFrom',
        'description',
        'lifecycle',
        'name',
        'owner',
        'system',
      ].sort(),
    );
  });

  it('reads no code when the service is not at the repository root (a monorepo)', async () => {
    const moved = Object.fromEntries(
      Object.entries(SERVICE).map(([file, content]) => [
        file === 'catalog-info.yaml' ? file : `services/orders/${file}`,
        content,
      ]),
    );
    expect(Object.keys(await infer({}, moved))).not.toContain('database');
  });

  it.each([
    [
      'two golden-path Components',
      `${SERVICE['catalog-info.yaml']}---\n${
        SERVICE['catalog-info.yaml'].split('---')[0]
      }`,
    ],
    [
      'no Component made from a golden-path template',
      SERVICE['catalog-info.yaml'].replace(
        /.*fastapi-golden-path\/template.*\n/,
        '',
      ),
    ],
    ['invalid YAML', 'kind: Component\nmetadata: [\n'],
  ])('reads nothing from a catalog entry with %s', async (_shape, catalog) => {
    const inferred = await infer({ 'catalog-info.yaml': catalog });
    for (const key of [
      'name',
      'description',
      'owner',
      'system',
      'lifecycle',
      'createdFrom',
    ])
      expect(inferred).not.toHaveProperty(key);
    expect(inferred).toHaveProperty('database', 'sqlite');
  });

  it('leaves out catalog values the Create form would refuse', async () => {
    const inferred = await infer({
      'catalog-info.yaml': SERVICE['catalog-info.yaml']
        .replace('name: orders-api\n  title', 'name: Orders_API\n  title')
        .replace('lifecycle: production', 'lifecycle: beta')
        .replace('fastapi-service@0.1.0', 'fastapi-service@latest'),
    });
    expect(inferred).not.toHaveProperty('name');
    expect(inferred).not.toHaveProperty('lifecycle');
    expect(inferred).not.toHaveProperty('createdFrom');
    expect(inferred).toHaveProperty('owner', 'group:default/team-a');
  });
});
