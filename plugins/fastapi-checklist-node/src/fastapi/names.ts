import { isExternal, PySymbol } from '../python/project';

/** Recognisers for library names, wherever they are imported from. */
export const isFastAPIClass = (s: PySymbol | undefined) =>
  isExternal(s, ['fastapi'], ['FastAPI']);
/**
 * APIRouter, or a router class of a FastAPI extension package (fastapi_error_map's
 * ErrorAwareRouter, fastapi_utils' InferringRouter): APIRouter subclasses we cannot read.
 */
export const isAPIRouterClass = (s: PySymbol | undefined) =>
  isExternal(s, ['fastapi'], ['APIRouter']) ||
  (s?.kind === 'external' && /^fastapi_\w+\..*\w+Router$/.test(s.qualified));
export const isDependsCall = (s: PySymbol | undefined) =>
  isExternal(s, ['fastapi'], ['Depends', 'Security']);
export const isAnnotated = (s: PySymbol | undefined) =>
  isExternal(s, ['typing', 'typing_extensions'], ['Annotated']);
export const isSecurityScheme = (s: PySymbol | undefined) =>
  isExternal(
    s,
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
export const isCORSMiddleware = (s: PySymbol | undefined) =>
  isExternal(s, ['fastapi', 'starlette'], ['CORSMiddleware']);
export const isMiddlewareWrapper = (s: PySymbol | undefined) =>
  isExternal(s, ['fastapi', 'starlette'], ['Middleware']);
export const isPydanticModelBase = (s: PySymbol | undefined) =>
  isExternal(
    s,
    ['pydantic', 'sqlmodel'],
    ['BaseModel', 'SQLModel', 'RootModel'],
  );
export const isBaseSettings = (s: PySymbol | undefined) =>
  isExternal(s, ['pydantic_settings', 'pydantic'], ['BaseSettings']);
export const isRequestClass = (s: PySymbol | undefined) =>
  isExternal(s, ['fastapi', 'starlette'], ['Request']);
/** Parameter markers that make a parameter something other than a JSON body. */
export const isNonBodyMarker = (s: PySymbol | undefined) =>
  isExternal(
    s,
    ['fastapi'],
    [
      'Query',
      'Path',
      'Header',
      'Cookie',
      'Form',
      'File',
      'Depends',
      'Security',
    ],
  );
export const isBodyMarker = (s: PySymbol | undefined) =>
  isExternal(s, ['fastapi'], ['Body']);
export const isUploadFile = (s: PySymbol | undefined) =>
  isExternal(
    s,
    ['fastapi', 'starlette'],
    [
      'UploadFile',
      'WebSocket',
      'BackgroundTasks',
      'Response',
      'HTTPConnection',
    ],
  );
export const isResponseClass = (s: PySymbol | undefined) =>
  isExternal(
    s,
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
export const isLooseType = (s: PySymbol | undefined) =>
  isExternal(
    s,
    ['builtins', 'typing'],
    ['dict', 'Dict', 'Any', 'object', 'Mapping', 'MutableMapping'],
  );
