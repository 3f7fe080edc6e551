import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';

describe('input-validation: raw body reads in the functions a route hands its request to (issue 12)', () => {
  it('fails a route whose helper reads request.form() or .json(), and passes one whose helper reads headers only', async () => {
    const item = await checkOf('input-validation', {
      'app/routers/items.py': null,
      'app/routers/admin.py': null,
      'app/routers/login.py': null,
      'app/proxy.py': [
        'from fastapi import Request',
        '',
        'async def forward_token(request: Request) -> dict[str, str]:',
        '    form = await request.form()',
        '    return {"grant_type": str(form.get("grant_type"))}',
        '',
        'async def parse(incoming: Request) -> dict[str, str]:',
        '    return await incoming.json()',
        '',
        'async def unwrap(req: Request) -> dict[str, str]:',
        '    return await parse(incoming=req)',
        '',
        'def client_of(request: Request) -> str:',
        '    return request.headers.get("user-agent", "")',
      ].join('\n'),
      'app/main.py': [
        'from fastapi import FastAPI, Request',
        'from app.proxy import client_of, forward_token, unwrap',
        '',
        'app = FastAPI()',
        '',
        '@app.post("/oauth/token")',
        'async def token(request: Request) -> dict[str, str]:',
        '    return await forward_token(request)',
        '',
        '@app.post("/events")',
        'async def events(request: Request) -> dict[str, str]:',
        '    return await unwrap(request)',
        '',
        '@app.post("/pings")',
        'def ping(request: Request) -> str:',
        '    return client_of(request)',
        '',
        '@app.post("/forms")',
        'async def forms(request: Request) -> str:',
        '    return str(await request.form())',
      ].join('\n'),
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining(
        'POST /oauth/token (token) reads the raw request body of "request"',
      ),
      expect.stringContaining(
        'POST /events (events) reads the raw request body of "request"',
      ),
      expect.stringContaining(
        'POST /forms (forms) reads the raw request body of "request"',
      ),
    ]);
  });
});
