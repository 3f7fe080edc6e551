import {
  checkOf,
  evidenceLines,
  onlyModules,
} from '../__fixtures__/analyzeFixture';

describe('routers made by a router class of a shared library (issue 12)', () => {
  const service = (routerLines: string[]) => ({
    'app/routers/probes.py': null,
    ...onlyModules({
      'app/main.py': [
        'from fastapi import FastAPI',
        'from app.routes import router',
        '',
        'app = FastAPI()',
        'app.include_router(router, prefix="/v1")',
      ],
      'app/routes.py': routerLines,
    }),
  });

  it('reads the routes of a router made by an external class named Router', async () => {
    const item = await checkOf(
      'response-models',
      service([
        'from acme_api_commons.api.router_wrapper import Router',
        '',
        'router = Router()',
        '',
        '',
        '@router.get("/items")',
        'async def list_items():',
        '    return []',
        '',
        '',
        '@router.post("/items")',
        'async def add_item(name: str) -> str:',
        '    return name',
      ]),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('GET /v1/items (list_items)'),
    ]);
  });

  it('reads a library router class whose name only ends in Router', async () => {
    const item = await checkOf(
      'auth',
      service([
        'from acme_web.routing import VersionedRouter',
        '',
        'router = VersionedRouter()',
        '',
        '',
        '@router.delete("/items/{item_id}")',
        'async def delete_item(item_id: int) -> None:',
        '    return None',
      ]),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('DELETE /v1/items/{item_id} (delete_item)'),
    ]);
  });

  it("does not take Starlette's Router, whose routes FastAPI does not mount, for an APIRouter", async () => {
    const item = await checkOf(
      'response-models',
      service([
        'from starlette.routing import Router',
        '',
        'router = Router()',
        '',
        '',
        '@router.route("/items")',
        'async def list_items(request):',
        '    return []',
      ]),
    );
    expect(item.status).toBe('not-applicable');
  });
});
