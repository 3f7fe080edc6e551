import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';
import { MAX_ROUTE_TABLE_ROWS } from './routeTable';

/** The good service with its routers replaced by `app/main.py`. */
const authOf = (main: string[]) =>
  checkOf('auth', {
    'app/routers/items.py': null,
    'app/routers/admin.py': null,
    'app/routers/login.py': null,
    'app/main.py': main.join('\n'),
  });

const HANDLERS = [
  'def create_item(name: str) -> dict[str, str]:',
  '    return {}',
  '',
  'def list_items() -> list[str]:',
  '    return []',
  '',
  'def delete_item(item_id: int) -> None:',
  '    return None',
  '',
];

describe('routes registered with add_api_route from a literal table in a loop (issue 12)', () => {
  it('reads a module-level list of tuples unpacked in the loop, on a router mounted with a prefix', async () => {
    const item = await authOf([
      'from fastapi import APIRouter, FastAPI',
      '',
      ...HANDLERS,
      'ROUTES = [',
      '    ("/items", create_item, ["POST"]),',
      '    ("/items", list_items, ["GET"]),',
      '    ("/items/{item_id}", delete_item, ["DELETE"]),',
      ']',
      '',
      'router = APIRouter()',
      'for path, endpoint, methods in ROUTES:',
      '    router.add_api_route(path, endpoint, methods=methods)',
      '',
      'app = FastAPI()',
      'app.include_router(router, prefix="/api")',
    ]);
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('POST /api/items (create_item)'),
      expect.stringContaining('DELETE /api/items/{item_id} (delete_item)'),
    ]);
  });

  it('reads rows of dicts passed as **route or read by key, on the app, inside a function', async () => {
    const item = await authOf([
      'from fastapi import FastAPI',
      '',
      ...HANDLERS,
      'ROUTES = (',
      '    {"path": "/items", "endpoint": create_item, "methods": ["POST"]},',
      '    {"path": "/items", "endpoint": list_items},',
      ')',
      'MORE = [{"path": "/gone/{item_id}", "endpoint": delete_item, "methods": ["DELETE"]}]',
      '',
      'def register(app: FastAPI) -> None:',
      '    for route in ROUTES:',
      '        app.add_api_route(**route)',
      '    for row in MORE:',
      '        app.add_api_route(row["path"], row["endpoint"], methods=row["methods"])',
      '',
      'app = FastAPI()',
      'register(app)',
    ]);
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('POST /items (create_item)'),
      expect.stringContaining('DELETE /gone/{item_id} (delete_item)'),
    ]);
  });

  it('leaves a table that is not a literal, or longer than the limit, unknown', async () => {
    const rows = Array.from(
      { length: MAX_ROUTE_TABLE_ROWS + 1 },
      (_, i) => `    ("/items/${i}", create_item, ["POST"]),`,
    );
    const item = await authOf([
      'from fastapi import FastAPI',
      'from app.config import load_routes',
      '',
      ...HANDLERS,
      'LOADED = load_routes()',
      'HUGE = [',
      ...rows,
      ']',
      '',
      'app = FastAPI()',
      'for path, endpoint, methods in LOADED:',
      '    app.add_api_route(path, endpoint, methods=methods)',
      'for path, endpoint, methods in HUGE:',
      '    app.add_api_route(path, endpoint, methods=methods)',
      'app.add_api_route("/items/{item_id}", delete_item, methods=["DELETE"])',
    ]);
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('DELETE /items/{item_id} (delete_item)'),
    ]);
  });
});
