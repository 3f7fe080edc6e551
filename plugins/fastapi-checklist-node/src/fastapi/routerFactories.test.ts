import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';

describe('routers built by factory functions (issue 12)', () => {
  it('follows include_router(make_router()) into the router the function returns', async () => {
    const item = await checkOf('auth', {
      'app/routers/items.py': null,
      'app/routers/admin.py': null,
      'app/routers/login.py': null,
      'app/main.py': [
        'from fastapi import FastAPI',
        'from fastapi_error_map import ErrorAwareRouter',
        '',
        'def make_error_aware_router() -> ErrorAwareRouter:',
        '    return ErrorAwareRouter()',
        '',
        'def make_items_router():',
        '    router = make_error_aware_router()',
        '    @router.post("/items")',
        '    def create_item(name: str) -> dict[str, str]:',
        '        return {}',
        '    return router',
        '',
        'app = FastAPI()',
        'app.include_router(make_items_router(), prefix="/api")',
      ].join('\n'),
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('POST /api/items (create_item)'),
    ]);
  });
});
