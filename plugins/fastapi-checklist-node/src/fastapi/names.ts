import { isExternal, PySymbol } from '../python/project';

/**
 * A recogniser of library names, wherever they are imported from (the name lists are
 * made once here, not on every call).
 */
const externalName =
  (roots: string[], names: string[]) => (s: PySymbol | undefined) =>
    isExternal(s, roots, names);

const isAPIRouter = externalName(['fastapi'], ['APIRouter']);

/** Recognisers for library names, wherever they are imported from. */
export const isFastAPIClass = externalName(['fastapi'], ['FastAPI']);
/**
 * APIRouter, or a router class of a package we cannot read: a FastAPI extension's
 * (fastapi_error_map's ErrorAwareRouter, fastapi_utils' InferringRouter) or a shared
 * library's APIRouter wrapper (`from acme_commons.api.router_wrapper import Router`):
 * any external class named `…Router`, except Starlette's own, which FastAPI does not
 * mount with include_router.
 */
export const isAPIRouterClass = (s: PySymbol | undefined) =>
  isAPIRouter(s) ||
  (s?.kind === 'external' &&
    /(^|\.)\w*Router$/.test(s.qualified) &&
    !/^starlette\./.test(s.qualified));
export const isDependsCall = externalName(['fastapi'], ['Depends', 'Security']);
export const isAnnotated = externalName(
  ['typing', 'typing_extensions'],
  ['Annotated'],
);
const isFastapiSecurityScheme = externalName(
  ['fastapi'],
  [
    'OAuth2PasswordBearer',
    'OAuth2AuthorizationCodeBearer',
    'OAuth2',
    'HTTPBearer',
    'HTTPBasic',
    'HTTPDigest',
    'HTTPBase',
    'APIKeyHeader',
    'APIKeyQuery',
    'APIKeyCookie',
    'OpenIdConnect',
    'SecurityBase',
  ],
);
/**
 * A `fastapi.security` scheme, or one of an authentication library built on them whose
 * code we cannot read: fastapi-azure-auth's `…AuthorizationCodeBearer` classes
 * (OAuth2AuthorizationCodeBearer subclasses validating Azure AD tokens) and fastapi-jwt's
 * `JwtAccessBearer`/`JwtRefreshBearer`/`…Cookie` (refusing a missing or invalid token
 * with 401 unless `auto_error=False`), and fastapi-cloudauth's Cognito, Auth0 and Firebase
 * verifiers (`Cognito`, `CognitoCurrentUser`…, on HTTPBearer: 401/403 unless
 * `auto_error=False`).
 */
const LIBRARY_SCHEME =
  /^(fastapi_azure_auth\.(\w+\.)*\w*AuthorizationCodeBearer|fastapi_jwt\.(\w+\.)*Jwt(Access|Refresh)(Bearer|Cookie|BearerCookie)|fastapi_cloudauth\.(\w+\.)*((Cognito|Auth0|Firebase)(CurrentUser)?|ScopedAuth|UserInfoAuth))$/;
/** One of LIBRARY_SCHEME's: an authentication library's scheme, not fastapi.security's own. */
export const isLibraryScheme = (s: PySymbol | undefined) =>
  s?.kind === 'external' && LIBRARY_SCHEME.test(s.qualified);
export const isSecurityScheme = (s: PySymbol | undefined) =>
  isFastapiSecurityScheme(s) || isLibraryScheme(s);
/** fastapi-users' `FastAPIUsers` (whose `current_user(…)` makes the user dependency). */
export const isFastAPIUsers = externalName(['fastapi_users'], ['FastAPIUsers']);
export const isCORSMiddleware = externalName(
  ['fastapi', 'starlette'],
  ['CORSMiddleware'],
);
export const isMiddlewareWrapper = externalName(
  ['fastapi', 'starlette'],
  ['Middleware'],
);
export const isPydanticModelBase = externalName(
  ['pydantic', 'sqlmodel'],
  ['BaseModel', 'SQLModel', 'RootModel'],
);
export const isBaseSettings = externalName(
  ['pydantic_settings', 'pydantic'],
  ['BaseSettings'],
);
export const isRequestClass = externalName(
  ['fastapi', 'starlette'],
  ['Request'],
);
/** Parameter markers that make a parameter something other than a JSON body. */
export const isNonBodyMarker = externalName(
  ['fastapi'],
  ['Query', 'Path', 'Header', 'Cookie', 'Form', 'File', 'Depends', 'Security'],
);
export const isBodyMarker = externalName(['fastapi'], ['Body']);
export const isUploadFile = externalName(
  ['fastapi', 'starlette'],
  ['UploadFile', 'WebSocket', 'BackgroundTasks', 'Response', 'HTTPConnection'],
);
export const isResponseClass = externalName(
  ['fastapi', 'starlette'],
  [
    'Response',
    'JSONResponse',
    'HTMLResponse',
    'PlainTextResponse',
    'RedirectResponse',
    'StreamingResponse',
    'FileResponse',
    'ORJSONResponse',
    'UJSONResponse',
  ],
);
/** Untyped containers that let any JSON through. */
export const isLooseType = externalName(
  ['builtins', 'typing'],
  ['dict', 'Dict', 'Any', 'object', 'Mapping', 'MutableMapping'],
);
