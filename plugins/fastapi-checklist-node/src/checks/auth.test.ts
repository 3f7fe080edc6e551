import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';
import { goodService } from '../__fixtures__/goodService';

/** Replaces the app with modules of its own (the fixture's routers and security go away). */
const only = (files: Record<string, string>) => ({
  'app/main.py': null,
  'app/security.py': null,
  'app/routers/items.py': null,
  'app/routers/admin.py': null,
  'app/routers/login.py': null,
  ...files,
});

describe('auth: public-by-nature routes (issue 12)', () => {
  it('recognises refresh, verify, sign-up by name and the OAuth2 password flow', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/main.py': [
          'from typing import Annotated',
          'from fastapi import Depends, FastAPI',
          'from fastapi.security import OAuth2PasswordRequestForm',
          'app = FastAPI()',
          '@app.post("/auth/refresh")',
          'def refresh_token(token: str) -> str:',
          '    return token',
          '@app.post("/auth/verify")',
          'def verify_token(token: str) -> None:',
          '    return None',
          '@app.post("/users")',
          'def create_user(name: str) -> str:',
          '    return name',
          '@app.post("/session")',
          'def open_session(form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> str:',
          '    return form.username',
          '@app.post("/accounts", name="register")',
          'def new_account(name: str) -> str:',
          '    return name',
        ].join('\n'),
      }),
    );
    expect(item.status).toBe('not-applicable');
  });

  it('recognises password recovery however the words are ordered, but not a password change', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/main.py': [
          'from fastapi import FastAPI',
          'app = FastAPI()',
          '@app.post("/auth/send-password-reset")',
          'def send_reset_mail(email: str) -> str:',
          '    return email',
          '@app.post("/auth/reset")',
          'def request_password_reset(email: str) -> str:',
          '    return email',
          '@app.put("/users/me/change-password")',
          'def change_password(password: str) -> str:',
          '    return password',
        ].join('\n'),
      }),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/main.py:10 PUT /users/me/change-password (change_password) is public',
    ]);
  });

  it('recognises checking or confirming an e-mailed reset token as password recovery', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/main.py': [
          'from fastapi import FastAPI',
          'app = FastAPI()',
          '@app.post("/auth/validate-reset-password-token")',
          'def validate_token(token: str) -> str:',
          '    return token',
          '@app.post("/auth/confirm-password-reset")',
          'def confirm(token: str, password: str) -> str:',
          '    return token',
          '@app.post("/auth/verify-password")',
          'def check(password: str) -> str:',
          '    return password',
        ].join('\n'),
      }),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/main.py:10 POST /auth/verify-password (check) is public',
    ]);
  });

  it('recognises confirming an e-mail address by its e-mailed token, and resending that mail, but not changing the address', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/main.py': [
          'from fastapi import FastAPI',
          'app = FastAPI()',
          '@app.post("/api/auth/confirm-email")',
          'def confirm_email(token: str) -> str:',
          '    return token',
          '@app.post("/api/auth/resend-confirmation-email")',
          'def resend_confirmation_email(email: str) -> str:',
          '    return email',
          '@app.post("/auth/email/verify")',
          'def verify_email_address(token: str) -> str:',
          '    return token',
          '@app.put("/users/me/email")',
          'def change_email(email: str) -> str:',
          '    return email',
        ].join('\n'),
      }),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/main.py:13 PUT /users/me/email (change_email) is public',
    ]);
  });

  it('takes a POST to the account collection or an action path creating a user (/save-user, /createUser) for the sign-up, not an update', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/main.py': [
          'from fastapi import FastAPI',
          'app = FastAPI()',
          '@app.post("/save-user")',
          'def save_user(name: str, password: str) -> str:',
          '    return name',
          '@app.post("/api/createUser")',
          'def create_user(name: str, password: str) -> str:',
          '    return name',
          '@app.post("/account")',
          'def add_account(name: str, password: str) -> str:',
          '    return name',
          '@app.post("/update-user")',
          'def update_user(name: str) -> str:',
          '    return name',
        ].join('\n'),
      }),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/main.py:13 POST /update-user (update_user) is public',
    ]);
  });

  it('does not take POST /users for the sign-up when a sign-up route exists', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/main.py': [
          'from fastapi import FastAPI',
          'app = FastAPI()',
          '@app.post("/users/signup")',
          'def register_user(name: str) -> str:',
          '    return name',
          '@app.post("/private/users")',
          'def create_user(name: str) -> str:',
          '    return name',
        ].join('\n'),
      }),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      'app/main.py:7 POST /private/users (create_user) is public',
    ]);
  });
});

describe('auth: how routes authenticate (issue 12)', () => {
  it('follows Depends(factory()) into the dependency the factory returns', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/main.py': [
          'from fastapi import Depends, FastAPI, Security',
          'from fastapi.security import APIKeyHeader',
          'class TokenHeader(APIKeyHeader):',
          '    pass',
          'def _current_user(key: str = Security(TokenHeader(name="Authorization"))) -> str:',
          '    return key',
          'def _optional_user() -> None:',
          '    return None',
          'def get_current_user_authorizer(*, required: bool = True):',
          '    return _current_user if required else _optional_user',
          'app = FastAPI()',
          '@app.post("/articles")',
          'def create(title: str, user: str = Depends(get_current_user_authorizer())) -> str:',
          '    return title',
        ].join('\n'),
      }),
    );
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual(['app/main.py:5 security scheme']);
  });

  it('counts a home-made Authorization check as authentication, and says OpenAPI does not show it', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/auth.py': [
          'from fastapi import HTTPException, Request',
          'def get_current_user(request: Request) -> str:',
          '    authorization = request.headers.get("Authorization")',
          '    if not authorization:',
          '        raise HTTPException(status_code=401)',
          '    return authorization',
        ].join('\n'),
        'app/main.py': [
          'from fastapi import APIRouter, Depends, FastAPI',
          'from app.auth import get_current_user',
          'router = APIRouter()',
          '@router.post("/incidents")',
          'def create(title: str) -> str:',
          '    return title',
          'app = FastAPI()',
          'app.include_router(router, dependencies=[Depends(get_current_user)])',
        ].join('\n'),
      }),
    );
    expect(item.status).toBe('pass');
    expect(item.summary).toBe(
      'The mutating route requires authentication: 1 route through the home-made check get_current_user (no fastapi.security scheme documents it in OpenAPI).',
    );
    expect(evidenceLines(item)).toEqual([
      'app/auth.py:2 home-made credential check (not documented in OpenAPI)',
    ]);
  });

  it('does not count a dependency that neither reads credentials nor rejects', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/main.py': [
          'from fastapi import Depends, FastAPI, Request',
          'def get_db(request: Request) -> str:',
          '    return request.app.state.db',
          'app = FastAPI()',
          '@app.post("/incidents", dependencies=[Depends(get_db)])',
          'def create(title: str) -> str:',
          '    return title',
        ].join('\n'),
      }),
    );
    expect(item.status).toBe('fail');
  });

  it('follows a bare dependency bound to Depends(...) (DependsRBAC)', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/main.py': [
          'from fastapi import Depends, FastAPI, Request',
          'class AuthorizationError(Exception):',
          '    pass',
          'def rbac_verify(request: Request) -> None:',
          '    if not request.user.is_staff:',
          '        raise AuthorizationError',
          'DependsRBAC = Depends(rbac_verify)',
          'app = FastAPI()',
          '@app.delete("/logs", dependencies=[DependsRBAC])',
          'def clear() -> None:',
          '    return None',
        ].join('\n'),
      }),
    );
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual([
      'app/main.py:4 home-made credential check (not documented in OpenAPI)',
    ]);
  });

  it("accepts Starlette's AuthenticationMiddleware with @requires", async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/main.py': [
          'from fastapi import FastAPI, Request',
          'from starlette.authentication import requires',
          'from starlette.middleware.authentication import AuthenticationMiddleware',
          'from app.backend import JWTBackend',
          'app = FastAPI()',
          'app.add_middleware(AuthenticationMiddleware, backend=JWTBackend())',
          '@app.post("/notes")',
          '@requires("authenticated")',
          'async def create(request: Request) -> dict[str, str]:',
          '    return {}',
        ].join('\n'),
      }),
    );
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual([
      'app/main.py:6 AuthenticationMiddleware',
      'app/main.py:8 requires an authenticated user',
    ]);
  });

  it('warns, naming the condition, for a route mounted only in development', async () => {
    const main = goodService['app/main.py'];
    const item = await checkOf('auth', {
      'app/routers/private.py': [
        'from fastapi import APIRouter',
        'router = APIRouter(prefix="/private")',
        '@router.post("/users/")',
        'def create_private_user(name: str) -> str:',
        '    return name',
      ].join('\n'),
      'app/main.py': `${main}\nfrom app.routers import private\nif settings.ENVIRONMENT == "local":\n    app.include_router(private.router, prefix="/api/v1")\n`,
    });
    expect(item.status).toBe('warn');
    expect(item.summary).toBe(
      '1 mutating route without authentication, mounted only when settings.ENVIRONMENT == "local".',
    );
    expect(evidenceLines(item)).toEqual([
      'app/routers/private.py:4 POST /api/v1/private/users/ (create_private_user) has no auth dependency; mounted only when settings.ENVIRONMENT == "local"',
    ]);
  });

  it('says how many routes lack auth when others are guarded, never that none can be', async () => {
    const main = goodService['app/main.py'];
    const item = await checkOf('auth', {
      'app/main.py': main.replace(
        'app.include_router(admin.router, prefix="/api/v1/admin", dependencies=[Depends(get_current_user)])',
        'app.include_router(admin.router, prefix="/api/v1/admin")',
      ),
    });
    expect(item.summary).toBe(
      '1 of 3 mutating routes has no authentication dependency.',
    );
  });
});

describe('auth: credential checks split between a dependency and its route (corpus, fourth round)', () => {
  const checkedInRoute = (guard: string) =>
    only({
      'app/stations.py': [
        'from typing import Optional',
        'from fastapi import Request',
        'def station_of(request: Request) -> Optional[str]:',
        '    header = request.headers.get("Authorization", "")',
        '    scheme, _, key = header.partition(" ")',
        '    return key if scheme == "Bearer" and key else None',
      ].join('\n'),
      'app/main.py': [
        'from typing import Optional',
        'from fastapi import Depends, FastAPI, HTTPException',
        'from app.stations import station_of',
        'app = FastAPI()',
        '@app.post("/readings")',
        'def add(value: float, station: Optional[str] = Depends(station_of)) -> None:',
        `    ${guard}`,
        '        raise HTTPException(status_code=401, detail="unknown station")',
      ].join('\n'),
    });

  it('counts a dependency that reads the credential and returns None, refused by the route with 401', async () => {
    const item = await checkOf('auth', checkedInRoute('if not station:'));
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual([
      'app/stations.py:3 home-made credential check (not documented in OpenAPI)',
    ]);
    const isNone = await checkOf('auth', checkedInRoute('if station is None:'));
    expect(isNone.status).toBe('pass');
  });

  it('does not count it when the route never refuses the missing credential', async () => {
    const item = await checkOf('auth', checkedInRoute('if value < 0:'));
    expect(item.status).toBe('fail');
  });
});

describe('auth: schemes of authentication libraries (corpus, sixth round)', () => {
  it("counts fastapi-azure-auth's AuthorizationCodeBearer on a router as a security scheme", async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/main.py': [
          'from fastapi import APIRouter, FastAPI, Security',
          'from fastapi_azure_auth import SingleTenantAzureAuthorizationCodeBearer',
          '',
          'azure_scheme = SingleTenantAzureAuthorizationCodeBearer(app_client_id="a", tenant_id="t")',
          'router = APIRouter(dependencies=[Security(azure_scheme)])',
          '',
          '@router.post("/documents")',
          'def create_document(name: str) -> str:',
          '    return name',
          '',
          'app = FastAPI()',
          'app.include_router(router)',
        ].join('\n'),
      }),
    );
    expect(item.status).toBe('pass');
    // The summary names what authenticates: the library's scheme, not fastapi.security's.
    expect(item.summary).toBe(
      "The mutating route requires authentication: 1 route through an authentication library's scheme.",
    );
  });

  it('says when some routes use fastapi.security and others a library scheme', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/main.py': [
          'from fastapi import APIRouter, FastAPI, Security',
          'from fastapi.security import HTTPBearer',
          'from fastapi_azure_auth import SingleTenantAzureAuthorizationCodeBearer',
          '',
          'azure_scheme = SingleTenantAzureAuthorizationCodeBearer(app_client_id="a", tenant_id="t")',
          'bearer = HTTPBearer()',
          'documents = APIRouter(dependencies=[Security(azure_scheme)])',
          'notes = APIRouter(dependencies=[Security(bearer)])',
          '',
          '@documents.post("/documents")',
          'def create_document(name: str) -> str:',
          '    return name',
          '',
          '@notes.post("/notes")',
          'def create_note(text: str) -> str:',
          '    return text',
          '',
          'app = FastAPI()',
          'app.include_router(documents)',
          'app.include_router(notes)',
        ].join('\n'),
      }),
    );
    expect(item.status).toBe('pass');
    expect(item.summary).toBe(
      "All 2 mutating routes require authentication: 2 routes through a fastapi.security or an authentication library's scheme.",
    );
  });

  it("calls a project's subclass of a library scheme the library's, and of fastapi.security's that", async () => {
    const service = (base: string, module: string) =>
      only({
        'app/main.py': [
          'from fastapi import FastAPI, Security',
          `from ${module} import ${base}`,
          '',
          `class TenantBearer(${base}):`,
          '    pass',
          '',
          'class StrictTenantBearer(TenantBearer):',
          '    pass',
          '',
          'scheme = StrictTenantBearer(app_client_id="a", tenant_id="t")',
          'app = FastAPI()',
          '',
          '@app.post("/documents")',
          'def create_document(name: str, user=Security(scheme)) -> str:',
          '    return name',
        ].join('\n'),
      });
    const library = await checkOf(
      'auth',
      service('SingleTenantAzureAuthorizationCodeBearer', 'fastapi_azure_auth'),
    );
    expect(library.status).toBe('pass');
    expect(library.summary).toBe(
      "The mutating route requires authentication: 1 route through an authentication library's scheme.",
    );
    const fastapi = await checkOf(
      'auth',
      service('HTTPBearer', 'fastapi.security'),
    );
    expect(fastapi.status).toBe('pass');
    expect(fastapi.summary).toBe(
      'The mutating route requires authentication: 1 route through a fastapi.security scheme.',
    );
  });

  it("counts fastapi-users' current_user(...) unless it is optional", async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/main.py': [
          'from fastapi import Depends, FastAPI',
          'from fastapi_users import FastAPIUsers',
          'from app.users import User, auth_backend, get_user_manager',
          '',
          'fastapi_users = FastAPIUsers[User, int](get_user_manager, [auth_backend])',
          'current_user = fastapi_users.current_user(active=True)',
          'maybe_user = fastapi_users.current_user(optional=True)',
          '',
          'app = FastAPI()',
          '',
          '@app.post("/wishes")',
          'def create_wish(name: str, user: User = Depends(current_user)) -> str:',
          '    return name',
          '',
          '@app.post("/notes")',
          'def create_note(text: str, user: User = Depends(maybe_user)) -> str:',
          '    return text',
        ].join('\n'),
      }),
    );
    expect(item.status).toBe('fail');
    expect(evidenceLines(item)).toEqual([
      expect.stringContaining('POST /notes (create_note)'),
    ]);
  });

  it('does not count a scheme made with auto_error=False that nothing checks', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/main.py': [
          'from fastapi import APIRouter, Depends, FastAPI',
          'from fastapi.security import HTTPBearer',
          '',
          'bearer = HTTPBearer(auto_error=False)',
          'router = APIRouter(dependencies=[Depends(bearer)])',
          '',
          '@router.post("/things")',
          'def create_thing(name: str) -> str:',
          '    return name',
          '',
          'app = FastAPI()',
          'app.include_router(router)',
        ].join('\n'),
      }),
    );
    expect(item.status).toBe('fail');
  });

  it('counts a scheme made with auto_error=False when the function taking it refuses the request', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/main.py': [
          'from typing import Optional',
          'from fastapi import APIRouter, Depends, FastAPI, HTTPException, Security',
          'from fastapi.security import APIKeyHeader',
          '',
          'api_key = APIKeyHeader(name="token", auto_error=False)',
          '',
          'def validate_request(header: Optional[str] = Security(api_key)) -> bool:',
          '    if header is None:',
          '        raise HTTPException(status_code=401, detail="no key")',
          '    return True',
          '',
          'router = APIRouter(dependencies=[Depends(validate_request)])',
          '',
          '@router.post("/predict")',
          'def predict(value: int) -> int:',
          '    return value',
          '',
          'app = FastAPI()',
          'app.include_router(router)',
        ].join('\n'),
      }),
    );
    expect(item.status).toBe('pass');
  });
});

describe('auth: class-based views (corpus, sixth round)', () => {
  const cbvService = (attribute: string) =>
    only({
      'app/main.py': [
        'from fastapi import Depends, FastAPI, Form',
        'from fastapi.security import OAuth2PasswordBearer',
        'from fastapi_utils.cbv import cbv',
        'from fastapi_utils.inferring_router import InferringRouter',
        '',
        'oauth2 = OAuth2PasswordBearer(tokenUrl="/token")',
        'router = InferringRouter()',
        '',
        '@cbv(router)',
        'class Notes:',
        `    ${attribute}`,
        '',
        '    @router.post("/notes")',
        '    def create_note(self, text: str = Form()) -> str:',
        '        return text',
        '',
        'app = FastAPI()',
        'app.include_router(router)',
      ].join('\n'),
    });

  it("counts a dependency declared as a class attribute of a @cbv class for every method's route", async () => {
    const item = await checkOf(
      'auth',
      cbvService('token: str = Depends(oauth2)'),
    );
    expect(item.status).toBe('pass');
  });

  it('still fails when the class attributes hold no credential dependency', async () => {
    const item = await checkOf('auth', cbvService('limit: int = 10'));
    expect(item.status).toBe('fail');
  });
});

describe('auth: fastapi-jwt and positional status codes (corpus, sixth round)', () => {
  it("counts fastapi-jwt's JwtAccessBearer taken with Security() as a security scheme", async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/main.py': [
          'from fastapi import FastAPI, Security',
          'from fastapi_jwt import JwtAccessBearer, JwtAuthorizationCredentials',
          '',
          'access_security = JwtAccessBearer("secret-from-settings")',
          'app = FastAPI()',
          '',
          '@app.delete("/user")',
          'def delete_user(auth: JwtAuthorizationCredentials = Security(access_security)) -> None:',
          '    return None',
        ].join('\n'),
      }),
    );
    expect(item.status).toBe('pass');
  });

  it('counts a home-made check raising HTTPException(401, …) with the status code positional', async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/main.py': [
          'from fastapi import Depends, FastAPI, HTTPException, Request',
          '',
          'def require_key(request: Request) -> str:',
          '    key = request.headers.get("X-API-Key")',
          '    if key is None:',
          '        raise HTTPException(401, "No API key")',
          '    return key',
          '',
          'app = FastAPI()',
          '',
          '@app.post("/things", dependencies=[Depends(require_key)])',
          'def create_thing(name: str) -> str:',
          '    return name',
        ].join('\n'),
      }),
    );
    expect(item.status).toBe('pass');
  });
});

describe('auth: fastapi-jwt-auth (corpus, sixth round)', () => {
  const jwtService = (body: string) =>
    only({
      'app/main.py': [
        'from fastapi import Depends, FastAPI',
        'from fastapi_jwt_auth import AuthJWT',
        '',
        'class ScopedAuth(AuthJWT):',
        '    pass',
        '',
        'app = FastAPI()',
        '',
        '@app.post("/restaurants")',
        'def create_restaurant(name: str, Authorize: AuthJWT = Depends()) -> str:',
        `    ${body}`,
        '    return name',
        '',
        '@app.delete("/restaurants/{rid}")',
        'async def delete_restaurant(rid: int, Authorize: ScopedAuth = Depends()) -> None:',
        `    ${body.replace('Authorize.', 'await Authorize.')}`,
      ].join('\n'),
    });

  it('counts a route that takes AuthJWT (or a subclass) and calls jwt_required()', async () => {
    const item = await checkOf('auth', jwtService('Authorize.jwt_required()'));
    expect(item.status).toBe('pass');
    expect(item.summary).toContain("fastapi-jwt-auth's jwt_required()");
  });

  it('does not count AuthJWT taken without a call that requires the token', async () => {
    const item = await checkOf('auth', jwtService('Authorize.jwt_optional()'));
    expect(item.status).toBe('fail');
  });
});

describe('auth: authx (corpus, sixth round)', () => {
  it("counts authx's access_token_required on an AuthX object, on a router and through a dependency", async () => {
    const item = await checkOf(
      'auth',
      only({
        'app/security.py': [
          'from authx import AuthX, AuthXConfig',
          'config = AuthXConfig()',
          'security = AuthX(config=config)',
        ].join('\n'),
        'app/main.py': [
          'from authx import TokenPayload',
          'from fastapi import APIRouter, Depends, FastAPI, HTTPException',
          'from app.security import security',
          '',
          'def is_admin(payload: TokenPayload = Depends(security.access_token_required)):',
          '    return payload',
          '',
          'notes = APIRouter(dependencies=[Depends(security.access_token_required)])',
          'admin = APIRouter(dependencies=[Depends(is_admin)])',
          '',
          '@notes.post("/notes")',
          'def create_note(text: str) -> str:',
          '    return text',
          '',
          '@admin.post("/bans")',
          'def ban(user_id: int) -> int:',
          '    return user_id',
          '',
          'app = FastAPI()',
          'app.include_router(notes)',
          'app.include_router(admin)',
        ].join('\n'),
      }),
    );
    expect(item.status).toBe('pass');
  });
});

describe('auth: user dependencies of other authentication libraries (corpus, sixth round)', () => {
  const keycloak = (dependency: string) =>
    only({
      'app/cache.py': [
        'class Cache:',
        '    def get_current_user(self) -> None:',
        '        return None',
      ].join('\n'),
      'app/main.py': [
        'from fastapi import Depends, FastAPI',
        'from fastapi_keycloak import FastAPIKeycloak, OIDCUser',
        'from app.cache import Cache',
        '',
        'idp = FastAPIKeycloak(server_url="https://sso", client_id="api", realm="r")',
        'cache = Cache()',
        'app = FastAPI()',
        '',
        '@app.post("/premium")',
        `def buy(item: str, user: OIDCUser = Depends(${dependency})) -> str:`,
        '    return item',
      ].join('\n'),
    });

  it("counts a library object's current-user dependency (fastapi-keycloak's idp.get_current_user(…))", async () => {
    for (const dependency of [
      'idp.get_current_user()',
      'idp.get_current_user(required_roles=["premium"])',
      'idp.get_current_user',
    ]) {
      const item = await checkOf('auth', keycloak(dependency));
      expect(item.status).toBe('pass');
    }
  });

  it('does not count an optional one, nor a project object, nor other names', async () => {
    for (const dependency of [
      'idp.get_current_user(optional=True)',
      'idp.get_client',
      'cache.get_current_user',
    ]) {
      const item = await checkOf('auth', keycloak(dependency));
      expect(item.status).toBe('fail');
    }
  });
});
