import { checkOf, onlyModules as only } from '../__fixtures__/analyzeFixture';

/** A service whose sign-in is `POST /api/auth` declaring `response`, and a guarded transfer. */
const service = (schemas: string[], response: string) =>
  only({
    'app/schemas.py': ['from pydantic import BaseModel', '', ...schemas],
    'app/main.py': [
      'from fastapi import Depends, FastAPI',
      'from fastapi.security import HTTPBearer',
      `from app.schemas import Credentials, ${response}`,
      '',
      'bearer = HTTPBearer()',
      'app = FastAPI()',
      '',
      `@app.post("/api/auth", response_model=${response})`,
      'def auth(credentials: Credentials):',
      '    return {"access_token": "…"}',
      '',
      '@app.post("/api/send", dependencies=[Depends(bearer)])',
      'def send(amount: int) -> int:',
      '    return amount',
    ],
  });

const credentials = [
  'class Credentials(BaseModel):',
  '    username: str',
  '    password: str',
];

describe('a route declaring a response model with an access_token field issues tokens (issue 12)', () => {
  it('is the login: public for auth, a login route for rate-limit', async () => {
    const files = service(
      [
        ...credentials,
        '',
        'class AuthResponse(BaseModel):',
        '    access_token: str',
      ],
      'AuthResponse',
    );
    const auth = await checkOf('auth', files);
    expect(auth.status).toBe('pass');
    expect(auth.summary).toBe(
      'The mutating route requires authentication: 1 route through a fastapi.security scheme.',
    );
    const rateLimit = await checkOf('rate-limit', files);
    expect(rateLimit.status).toBe('fail');
    expect(rateLimit.summary).toContain(
      'POST /api/auth (auth) has no rate limit',
    );
  });

  it('finds the field on a base class of the service', async () => {
    const auth = await checkOf(
      'auth',
      service(
        [
          ...credentials,
          '',
          'class TokenFields(BaseModel):',
          '    access_token: str',
          '    token_type: str = "bearer"',
          '',
          'class SignInReply(TokenFields):',
          '    user_id: int',
        ],
        'SignInReply',
      ),
    );
    expect(auth.status).toBe('pass');
  });

  it('does not take a model without an access token for a login', async () => {
    const auth = await checkOf(
      'auth',
      service(
        [
          ...credentials,
          '',
          'class AuthResponse(BaseModel):',
          '    user_id: int',
        ],
        'AuthResponse',
      ),
    );
    expect(auth.status).toBe('fail');
    expect(auth.summary).toBe(
      '1 of 2 mutating routes has no authentication dependency.',
    );
  });
});
