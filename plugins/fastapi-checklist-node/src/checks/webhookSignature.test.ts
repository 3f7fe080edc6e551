import {
  checkOf,
  evidenceLines,
  onlyModules as only,
} from '../__fixtures__/analyzeFixture';

const main = (verify: boolean) => [
  'from fastapi import Depends, FastAPI, Request',
  'from fastapi.security import HTTPBearer',
  'from app.billing import Billing',
  '',
  'app = FastAPI()',
  'bearer = HTTPBearer()',
  '',
  '@app.post("/notes", dependencies=[Depends(bearer)])',
  'def create_note(text: str) -> str:',
  '    return text',
  '',
  '@app.post("/webhook/stripe")',
  'async def stripe_webhook(request: Request) -> dict[str, str]:',
  '    payload = await request.body()',
  '    signature = request.headers.get("Stripe-Signature")',
  `    return Billing.${verify ? 'handle' : 'record'}(payload, signature)`,
];

const BILLING = [
  'import stripe',
  '',
  'class Billing:',
  '    @staticmethod',
  '    def handle(payload: bytes, signature: str | None) -> dict[str, str]:',
  '        event = stripe.Webhook.construct_event(payload, signature, "whsec")',
  '        return {"type": event["type"]}',
  '',
  '    @staticmethod',
  '    def record(payload: bytes, signature: str | None) -> dict[str, str]:',
  '        return {"signature": signature or ""}',
];

describe("auth: a webhook authenticated by its sender's signature (corpus rule, eighth round)", () => {
  it('counts a webhook that hands the raw body and signature header to a verification as protected', async () => {
    const item = await checkOf(
      'auth',
      only({ 'app/billing.py': BILLING, 'app/main.py': main(true) }),
    );
    expect(item.status).toBe('pass');
    expect(item.summary).toContain("1 route through its sender's signature");
  });

  it('does not count a webhook that reads the signature header but never verifies it', async () => {
    const item = await checkOf(
      'auth',
      only({ 'app/billing.py': BILLING, 'app/main.py': main(false) }),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/main.py:13 POST /webhook/stripe (stripe_webhook) has no auth dependency',
    ]);
  });
});
