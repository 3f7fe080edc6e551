import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';

const authOf = (files: Record<string, string[]>) =>
  checkOf('auth', {
    'app/routers/items.py': null,
    'app/routers/admin.py': null,
    'app/routers/login.py': null,
    ...Object.fromEntries(
      Object.entries(files).map(([path, lines]) => [path, lines.join('\n')]),
    ),
  });

const ITEMS = [
  'from fastapi import APIRouter',
  '',
  'items = APIRouter(prefix="/items")',
  '',
  '@items.post("/")',
  'def create_item(name: str) -> str:',
  '    return name',
  '',
  'orders = APIRouter(prefix="/orders")',
  '',
  '@orders.delete("/{order_id}")',
  'def delete_order(order_id: int) -> None:',
  '    return None',
];

describe('routers mounted from a module-level list, and router options from a dict (issue 12)', () => {
  it('mounts each router of a module-level list the app loops over, in a for statement', async () => {
    const item = await authOf({
      'app/api.py': ITEMS,
      'app/main.py': [
        'from fastapi import FastAPI',
        'from app.api import items, orders',
        '',
        'ROUTERS = [items, orders]',
        'app = FastAPI()',
        'for router in ROUTERS:',
        '    app.include_router(router, prefix="/v1")',
      ],
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('POST /v1/items/ (create_item)'),
      expect.stringContaining('DELETE /v1/orders/{order_id} (delete_order)'),
    ]);
  });

  it('mounts each router of a list another module defines, which the app imports and loops over', async () => {
    const item = await authOf({
      'app/api.py': ITEMS,
      'app/routers/__init__.py': [],
      'app/routers/table.py': [
        'from app.api import items, orders',
        '',
        '# the routers the app serves',
        'routers = [',
        '    items,',
        '    orders,',
        ']',
      ],
      'app/main.py': [
        'from fastapi import FastAPI',
        'from app.routers.table import routers',
        '',
        'app = FastAPI()',
        '',
        'for router in routers:',
        '    app.include_router(router)',
      ],
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('POST /items/ (create_item)'),
      expect.stringContaining('DELETE /orders/{order_id} (delete_order)'),
    ]);
  });

  it('mounts each router of a list comprehension calling include_router, inside a function', async () => {
    const item = await authOf({
      'app/api.py': ITEMS,
      'app/main.py': [
        'from fastapi import FastAPI',
        'from app.api import items, orders',
        '',
        'routers = [items, orders]',
        '',
        'def include_routers(app: FastAPI) -> None:',
        '    [app.include_router(r, prefix="/v2") for r in routers]',
        '',
        'app = FastAPI()',
        'include_routers(app)',
      ],
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('POST /v2/items/ (create_item)'),
      expect.stringContaining('DELETE /v2/orders/{order_id} (delete_order)'),
    ]);
  });

  it('reads prefix and dependencies of APIRouter(**options) from a dict written in another module', async () => {
    const item = await authOf({
      'app/docs.py': [
        'from fastapi import Security',
        'from fastapi.security import APIKeyHeader',
        '',
        'api_key = APIKeyHeader(name="X-API-Key")',
        '',
        'secured_docs = {"prefix": "/secure", "dependencies": [Security(api_key)]}',
        'open_docs = {"prefix": "/open", "tags": ["open"]}',
      ],
      'app/main.py': [
        'from fastapi import APIRouter, FastAPI',
        'from app.docs import open_docs, secured_docs',
        '',
        'secured = APIRouter(**secured_docs)',
        'opened = APIRouter(**open_docs)',
        '',
        '@secured.post("/things")',
        'def create_thing(name: str) -> str:',
        '    return name',
        '',
        '@opened.post("/notes")',
        'def create_note(text: str) -> str:',
        '    return text',
        '',
        'app = FastAPI()',
        'app.include_router(secured)',
        'app.include_router(opened)',
      ],
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('POST /open/notes (create_note)'),
    ]);
  });

  it('reads prefix and dependencies of include_router(**kwds) from a dict', async () => {
    const item = await authOf({
      'app/main.py': [
        'from fastapi import APIRouter, Depends, FastAPI',
        'from fastapi.security import OAuth2PasswordBearer',
        '',
        'token = OAuth2PasswordBearer(tokenUrl="/token")',
        'things = APIRouter()',
        'notes = APIRouter()',
        '',
        '@things.post("/things")',
        'def create_thing(name: str) -> str:',
        '    return name',
        '',
        '@notes.post("/notes")',
        'def create_note(text: str) -> str:',
        '    return text',
        '',
        'app = FastAPI()',
        'kwds = {"dependencies": [Depends(token)], "prefix": "/api"}',
        'app.include_router(things, **kwds)',
        'app.include_router(notes, tags=["notes"])',
      ],
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('POST /notes (create_note)'),
    ]);
  });
});
