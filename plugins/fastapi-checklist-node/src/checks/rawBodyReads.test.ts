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

  it('does not fail a webhook that reads the raw body to verify its signature, itself or in the function it hands the body to', async () => {
    const item = await checkOf('input-validation', {
      'app/routers/items.py': null,
      'app/routers/admin.py': null,
      'app/routers/login.py': null,
      'app/billing.py': [
        'import stripe',
        '',
        'def handle_event(payload: bytes, signature: str | None) -> dict[str, str]:',
        '    event = stripe.Webhook.construct_event(payload, signature, "whsec")',
        '    return {"type": event["type"]}',
      ].join('\n'),
      'app/main.py': [
        'import hashlib',
        'import hmac',
        'from fastapi import FastAPI, HTTPException, Request',
        'from app.billing import handle_event',
        '',
        'app = FastAPI()',
        '',
        '@app.post("/webhook/stripe")',
        'async def stripe_webhook(request: Request) -> dict[str, str]:',
        '    payload = await request.body()',
        '    return handle_event(payload, request.headers.get("Stripe-Signature"))',
        '',
        '@app.post("/webhook/github")',
        'async def github_webhook(request: Request) -> str:',
        '    body = await request.body()',
        '    digest = hmac.new(b"key", body, hashlib.sha256).hexdigest()',
        '    if not hmac.compare_digest(digest, request.headers.get("x-hub-signature-256", "")):',
        '        raise HTTPException(status_code=401)',
        '    return "ok"',
        '',
        '@app.post("/webhook/other")',
        'async def other_webhook(request: Request) -> str:',
        '    return str(await request.body())',
      ].join('\n'),
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining(
        'POST /webhook/other (other_webhook) reads the raw request body of "request"',
      ),
    ]);
  });
});
