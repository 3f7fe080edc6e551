import type { CheckSeverity } from './types';

/**
 * One check of the catalogue: what it looks for and how to fix a failure.
 *
 * @public
 */
export type CheckDefinition = {
  id: string;
  title: string;
  /** What the check looks for. */
  description: string;
  /** What to do when it does not pass. */
  remediation: string;
  docsUrl: string;
  defaultSeverity: CheckSeverity;
};

const FASTAPI_DOCS = 'https://fastapi.tiangolo.com';

// `as const` keeps each id a literal, so CheckId below is their union.
const CHECK_CATALOGUE = [
  {
    id: 'response-models',
    title: 'Response models declared',
    description:
      'Every HTTP route declares response_model= or a return type annotation.',
    remediation:
      'Add a return type annotation (e.g. `-> ItemPublic`) or `response_model=ItemPublic` to each listed route, so responses are validated, filtered and documented.',
    docsUrl: `${FASTAPI_DOCS}/tutorial/response-model/`,
    defaultSeverity: 'required',
  },
  {
    id: 'auth',
    title: 'Mutating routes authenticated',
    description:
      'A security scheme exists and every POST/PUT/PATCH/DELETE route depends on it, directly or through its router or the app.',
    remediation:
      'Create an OAuth2PasswordBearer (or another fastapi.security scheme), a `get_current_user` dependency using it, and add it to each listed route (`current_user: CurrentUser`) or to the router with `APIRouter(dependencies=[Depends(get_current_user)])`.',
    docsUrl: `${FASTAPI_DOCS}/tutorial/security/oauth2-jwt/`,
    defaultSeverity: 'required',
  },
  {
    id: 'input-validation',
    title: 'Request bodies validated',
    description:
      'Bodies of mutating routes are Pydantic/SQLModel models (or Form/File fields), not dict, Any or a raw Request.',
    remediation:
      'Declare a Pydantic model for each listed body (e.g. `item: ItemCreate`) instead of `dict`/`Any` or reading `await request.json()`.',
    docsUrl: `${FASTAPI_DOCS}/tutorial/body/`,
    defaultSeverity: 'required',
  },
  {
    id: 'exception-handlers',
    title: 'Custom exception handlers',
    description:
      'The app registers exception handlers (@app.exception_handler or add_exception_handler).',
    remediation:
      'Register handlers for your domain errors (and RequestValidationError if you need a custom shape) with `@app.exception_handler(MyError)`, returning a consistent JSON error body.',
    docsUrl: `${FASTAPI_DOCS}/tutorial/handling-errors/`,
    defaultSeverity: 'required',
  },
  {
    id: 'cors',
    title: 'CORS configured safely',
    description:
      'CORSMiddleware is added with explicit origins; "*" origins are never combined with credentials.',
    remediation:
      'Add `app.add_middleware(CORSMiddleware, allow_origins=settings.CORS_ORIGINS, ...)` with origins read from settings; never allow "*" together with allow_credentials=True.',
    docsUrl: `${FASTAPI_DOCS}/tutorial/cors/`,
    defaultSeverity: 'required',
  },
  {
    id: 'env-secrets',
    title: 'Secrets from the environment',
    description:
      'Settings come from pydantic-settings BaseSettings (or the environment), no secret is hard-coded, and .env is git-ignored.',
    remediation:
      'Read secrets through a `BaseSettings` class with no usable default (or refuse the example value outside development), keep them in the environment or an untracked .env, and add `.env` to .gitignore.',
    docsUrl: `${FASTAPI_DOCS}/advanced/settings/`,
    defaultSeverity: 'required',
  },
  {
    id: 'tests',
    title: 'Tests with TestClient',
    description:
      'Test functions exercise the app through TestClient (fastapi or starlette) or httpx ASGITransport.',
    remediation:
      'Add tests under tests/ that create `TestClient(app)` (e.g. in a conftest fixture) and call your routes from `def test_…` functions.',
    docsUrl: `${FASTAPI_DOCS}/tutorial/testing/`,
    defaultSeverity: 'required',
  },
  {
    id: 'dockerfile',
    title: 'Dockerfile hardened',
    description:
      'A Dockerfile exists; its final stage runs as a non-root USER, uses an exec-form CMD and declares a HEALTHCHECK.',
    remediation:
      'Add a Dockerfile (multi-stage, slim base); in the final stage create and switch to a non-root user, use `CMD ["fastapi", "run", ...]` (exec form, so signals reach the server) and add a HEALTHCHECK against /health.',
    docsUrl: `${FASTAPI_DOCS}/deployment/docker/`,
    defaultSeverity: 'required',
  },
  {
    id: 'workers',
    title: 'Multiple workers',
    description:
      'The container command runs more than one worker (--workers/-w N, gunicorn workers or WEB_CONCURRENCY).',
    remediation:
      'Run several worker processes, e.g. `CMD ["fastapi", "run", "app/main.py", "--workers", "4"]`, or set WEB_CONCURRENCY; size it to the container\'s CPUs.',
    docsUrl: `${FASTAPI_DOCS}/deployment/server-workers/`,
    defaultSeverity: 'required',
  },
  {
    id: 'logging',
    title: 'Logging configured',
    description:
      'Logging is configured (logging.config.dictConfig/basicConfig, structlog, loguru or --log-config).',
    remediation:
      'Configure logging at startup, e.g. `logging.config.dictConfig(LOGGING_CONFIG)` in the lifespan or a logging module, with the level from settings.',
    docsUrl: 'https://docs.python.org/3/howto/logging.html#configuring-logging',
    defaultSeverity: 'required',
  },
  {
    id: 'health',
    title: 'Health endpoint',
    description:
      'A GET health route exists (/health, /healthz, /health-check, /ping, /live, /ready…).',
    remediation:
      'Add `@router.get("/health")` returning the service status (and a database ping if there is one), and point the container HEALTHCHECK and orchestrator probes at it.',
    docsUrl: `${FASTAPI_DOCS}/advanced/events/`,
    defaultSeverity: 'required',
  },
] as const satisfies readonly CheckDefinition[];

/**
 * The id of one check of the catalogue.
 *
 * @public
 */
export type CheckId = (typeof CHECK_CATALOGUE)[number]['id'];

/**
 * The production-readiness checklist of the FastAPI guide, in its order.
 *
 * @public
 */
export const CHECKS: readonly (CheckDefinition & { id: CheckId })[] =
  CHECK_CATALOGUE;

/**
 * The ids of the catalogue, in its order.
 *
 * @public
 */
export const CHECK_IDS: readonly CheckId[] = CHECKS.map(check => check.id);

/**
 * True when `id` names a check of the catalogue.
 *
 * @public
 */
export function isCheckId(id: string): id is CheckId {
  return (CHECK_IDS as readonly string[]).includes(id);
}

/**
 * The catalogue entry of a check id, e.g. to title an id stored with a result.
 *
 * @public
 */
export function getCheck(id: string): CheckDefinition | undefined {
  return CHECKS.find(check => check.id === id);
}
