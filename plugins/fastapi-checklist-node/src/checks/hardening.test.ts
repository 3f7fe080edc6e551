import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';
import { goodService } from '../__fixtures__/goodService';

const observability = goodService['app/observability.py'];
const login = goodService['app/routers/login.py'];

const withoutLines = (text: string, ...lines: string[]) =>
  lines.reduce((result, line) => {
    expect(result).toContain(line);
    return result.replace(`${line}\n`, '');
  }, text);

describe('security-headers', () => {
  it('passes when nosniff, framing and HSTS are set', async () => {
    const item = await checkOf('security-headers');
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual([
      'app/observability.py:29 X-Content-Type-Options',
      'app/observability.py:30 X-Frame-Options',
      'app/observability.py:31 Strict-Transport-Security',
    ]);
  });

  it("counts CSP frame-ancestors for framing, and the secure library's defaults", async () => {
    const csp = await checkOf('security-headers', {
      'app/observability.py': observability.replace(
        'response.headers["X-Frame-Options"] = "DENY"',
        `response.headers["Content-Security-Policy"] = "frame-ancestors 'none'"`,
      ),
    });
    expect(csp.status).toBe('pass');
    const secure = await checkOf('security-headers', {
      'app/observability.py': `${withoutLines(
        observability,
        '        response.headers["X-Content-Type-Options"] = "nosniff"',
        '        response.headers["X-Frame-Options"] = "DENY"',
        '        response.headers["Strict-Transport-Security"] = "max-age=63072000"',
      )}
import secure

secure_headers = secure.Secure.with_default_headers()
`,
    });
    expect(secure.status).toBe('pass');
    expect(secure.summary).toBe(
      'Security headers are set by the secure library.',
    );
  });

  it('counts Secweb: SecWeb(app=…) sets all three, its single middlewares one each', async () => {
    const bare = withoutLines(
      observability,
      '        response.headers["X-Content-Type-Options"] = "nosniff"',
      '        response.headers["X-Frame-Options"] = "DENY"',
      '        response.headers["Strict-Transport-Security"] = "max-age=63072000"',
    );
    const main = goodService['app/main.py'];
    const pack = await checkOf('security-headers', {
      'app/observability.py': bare,
      'app/main.py': `${main}
from Secweb import SecWeb

SecWeb(app=app, Option={"xframe": {"X-Frame-Options": "SAMEORIGIN"}})
`,
    });
    expect(pack.status).toBe('pass');
    expect(pack.summary).toBe(
      "Security headers are set by Secweb's SecWeb middleware pack.",
    );
    const single = await checkOf('security-headers', {
      'app/observability.py': bare,
      'app/main.py': `${main}
from Secweb.StrictTransportSecurity import HSTS
from Secweb.XContentTypeOptions import XContentTypeOptions

app.add_middleware(HSTS, Option={"max-age": 31536000})
app.add_middleware(XContentTypeOptions)
`,
    });
    expect(single).toMatchObject({
      status: 'warn',
      summary:
        'Some security headers are set (Strict-Transport-Security, X-Content-Type-Options), but not X-Frame-Options.',
    });
  });

  it('warns when only some are set', async () => {
    const item = await checkOf('security-headers', {
      'app/observability.py': withoutLines(
        observability,
        '        response.headers["X-Frame-Options"] = "DENY"',
        '        response.headers["Strict-Transport-Security"] = "max-age=63072000"',
      ),
    });
    expect(item).toMatchObject({
      status: 'warn',
      summary:
        'Some security headers are set (X-Content-Type-Options), but not X-Frame-Options nor Strict-Transport-Security.',
    });
  });

  it('fails with none (TrustedHostMiddleware is not a security header)', async () => {
    const item = await checkOf('security-headers', {
      'app/observability.py': `${withoutLines(
        observability,
        '        response.headers["X-Content-Type-Options"] = "nosniff"',
        '        response.headers["X-Frame-Options"] = "DENY"',
        '        response.headers["Strict-Transport-Security"] = "max-age=63072000"',
      )}
from fastapi.middleware.trustedhost import TrustedHostMiddleware


def trust(app: FastAPI) -> None:
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=["example.com"])
`,
    });
    expect(item.status).toBe('fail');
  });
});

describe('rate-limit', () => {
  it("passes when slowapi's @limiter.limit guards the login route", async () => {
    const item = await checkOf('rate-limit');
    expect(item).toMatchObject({
      status: 'pass',
      summary:
        'The login route POST /api/v1/login/access-token (login) is rate limited.',
    });
    expect(evidenceLines(item)).toEqual([
      'app/routers/login.py:14 POST /api/v1/login/access-token (login): rate limit decorator',
    ]);
  });

  it("passes with fastapi-limiter's RateLimiter dependency, or a dependency answering 429", async () => {
    const limiter = await checkOf('rate-limit', {
      'app/routers/login.py': login
        .replace('@limiter.limit("5/minute")\n', '')
        .replace(
          '@router.post("/login/access-token")',
          'from fastapi_limiter.depends import RateLimiter\n\n\n@router.post("/login/access-token", dependencies=[Depends(RateLimiter(times=5, seconds=60))])',
        ),
    });
    expect(limiter.status).toBe('pass');
    const custom = await checkOf('rate-limit', {
      'app/routers/login.py': login
        .replace('@limiter.limit("5/minute")\n', '')
        .replace(
          '@router.post("/login/access-token")',
          `from fastapi import HTTPException


def attempts(request: Request) -> None:
    if request.client is None:
        raise HTTPException(status_code=429, headers={"Retry-After": "60"})


@router.post("/login/access-token", dependencies=[Depends(attempts)])`,
        ),
    });
    expect(custom.status).toBe('pass');
    expect(evidenceLines(custom)).toEqual([
      'app/routers/login.py:16 POST /api/v1/login/access-token (login): dependency answering 429',
    ]);
  });

  it('passes when slowapi limits every route (default_limits with its middleware)', async () => {
    const item = await checkOf('rate-limit', {
      'app/routers/login.py': login
        .replace('@limiter.limit("5/minute")\n', '')
        .replace(
          'limiter = Limiter(key_func=get_remote_address)',
          'limiter = Limiter(key_func=get_remote_address, default_limits=["100/minute"])',
        ),
      'app/main.py': `${goodService['app/main.py']}
from slowapi.middleware import SlowAPIMiddleware  # noqa: E402

app.add_middleware(SlowAPIMiddleware)
`,
    });
    expect(item.status).toBe('pass');
    expect(item.summary).toBe(
      'Every route, 1 login route included, is rate limited.',
    );
  });

  it('warns when only some login routes are limited', async () => {
    const item = await checkOf('rate-limit', {
      'app/routers/login.py': `${login}

@router.post("/login/token")
def token(form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> dict[str, str]:
    return {"access_token": form.username}
`,
    });
    expect(item.status).toBe('warn');
    expect(item.summary).toBe(
      '1 of 2 login routes rate limited; POST /api/v1/login/token (token) not.',
    );
  });

  it('fails when the login route has no limit', async () => {
    const item = await checkOf('rate-limit', {
      'app/routers/login.py': login.replace('@limiter.limit("5/minute")\n', ''),
    });
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/routers/login.py:14 POST /api/v1/login/access-token (login) has no rate limit',
    ]);
  });

  it("reads fastapi-users' login router (get_auth_router), limited or not through include_router", async () => {
    const usersLogin = (
      dependencies: string,
    ) => `from fastapi import APIRouter, Depends
from fastapi_limiter.depends import RateLimiter
from fastapi_users import FastAPIUsers

from app.users import auth_backend, get_user_manager

router = APIRouter(tags=["login"])
users = FastAPIUsers[dict, int](get_user_manager, [auth_backend])
router.include_router(users.get_auth_router(auth_backend), prefix="/auth/jwt"${dependencies})
`;
    const open = await checkOf('rate-limit', {
      'app/routers/login.py': usersLogin(''),
    });
    expect(open.status).toBe('fail');
    expect(evidenceLines(open)).toEqual([
      "app/routers/login.py:9 POST /api/v1/auth/jwt/login (fastapi-users' get_auth_router) has no rate limit",
    ]);
    const limited = await checkOf('rate-limit', {
      'app/routers/login.py': usersLogin(
        ', dependencies=[Depends(RateLimiter(times=5, seconds=60))]',
      ),
    });
    expect(limited.status).toBe('pass');
  });

  it('is not applicable without a login or token route (refresh and logout are not login)', async () => {
    const item = await checkOf('rate-limit', {
      'app/routers/login.py': `
from fastapi import APIRouter

router = APIRouter(tags=["login"])


@router.post("/login/refresh-token")
def refresh(token: str) -> dict[str, str]:
    return {"access_token": token}


@router.post("/logout")
def logout() -> None:
    return None
`,
    });
    expect(item).toMatchObject({
      status: 'not-applicable',
      summary: 'No login or token route to protect.',
    });
  });

  it("takes a token route exchanging an identity provider's authorization code for no login, one taking a password for one", async () => {
    const tokenRoute = (parameter: string) =>
      checkOf('rate-limit', {
        'app/routers/login.py': `from fastapi import APIRouter, Form

router = APIRouter(tags=["login"])


@router.post("/auth/token")
def callback(${parameter}) -> dict[str, str]:
    return {"access_token": "issued by the provider"}
`,
      });
    expect((await tokenRoute('code: str = Form()')).status).toBe(
      'not-applicable',
    );
    expect(
      (await tokenRoute('username: str = Form(), password: str = Form()'))
        .status,
    ).toBe('fail');
  });
});
