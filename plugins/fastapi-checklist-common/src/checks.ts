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
  {
    id: 'tracing',
    title: 'OpenTelemetry tracing',
    description:
      'The app is instrumented with OpenTelemetry (FastAPIInstrumentor, OpenTelemetryMiddleware, logfire.instrument_fastapi or the opentelemetry-instrument launcher), so every request is a trace span.',
    remediation:
      'Add opentelemetry-instrumentation-fastapi and call `FastAPIInstrumentor.instrument_app(app)` where the app is created, with an OTLP exporter configured only when `OTEL_EXPORTER_OTLP_ENDPOINT` is set.',
    docsUrl:
      'https://opentelemetry-python-contrib.readthedocs.io/en/latest/instrumentation/fastapi/fastapi.html',
    defaultSeverity: 'required',
  },
  {
    id: 'metrics',
    title: 'Prometheus metrics',
    description:
      'A Prometheus endpoint is served: prometheus_client make_asgi_app mounted, prometheus-fastapi-instrumentator .expose(), starlette_exporter handle_metrics, or a /metrics route serving generate_latest.',
    remediation:
      'Expose request count and latency by route template at /metrics, e.g. `Instrumentator().instrument(app).expose(app)` or `app.mount("/metrics", make_asgi_app())` with your own middleware recording them.',
    docsUrl: 'https://prometheus.github.io/client_python/exporting/http/asgi/',
    defaultSeverity: 'required',
  },
  {
    id: 'request-id',
    title: 'Request id in logs and responses',
    description:
      'A middleware reads or generates X-Request-ID (or asgi-correlation-id), returns it on the response and puts it into every log line (log filter or contextvar).',
    remediation:
      'Add `CorrelationIdMiddleware` (asgi-correlation-id) and its `CorrelationIdFilter` to the log handlers, or a middleware that takes X-Request-ID (generating one when absent), stores it in a ContextVar read by a logging filter and sets it on the response.',
    docsUrl: 'https://github.com/snok/asgi-correlation-id',
    defaultSeverity: 'required',
  },
  {
    id: 'probes',
    title: 'Separate liveness and readiness probes',
    description:
      'Separate GET routes answer liveness (process up, no I/O: /health/live, /livez, /healthz) and readiness (dependencies reachable: /health/ready, /readyz).',
    remediation:
      "Add `/health/live` returning 200 without I/O and `/health/ready` checking the database and other dependencies, and point the orchestrator's livenessProbe and readinessProbe at them.",
    docsUrl:
      'https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/',
    defaultSeverity: 'required',
  },
  {
    id: 'security-headers',
    title: 'Security headers',
    description:
      'A middleware or library (secure) sets X-Content-Type-Options, X-Frame-Options (or CSP frame-ancestors) and Strict-Transport-Security on responses.',
    remediation:
      'Add a middleware setting `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`, `Referrer-Policy` and, when served over HTTPS, `Strict-Transport-Security` on every response (or use the `secure` library).',
    docsUrl:
      'https://cheatsheetseries.owasp.org/cheatsheets/HTTP_Headers_Cheat_Sheet.html',
    defaultSeverity: 'required',
  },
  {
    id: 'rate-limit',
    title: 'Rate limit on authentication routes',
    description:
      'Login and token routes are rate limited (slowapi @limiter.limit, a fastapi-limiter RateLimiter dependency, a limiter applied to every route, or a dependency answering 429).',
    remediation:
      'Limit attempts per client on each login/token route, e.g. slowapi\'s `@limiter.limit("5/minute")` with its 429 handler registered, so passwords cannot be guessed at line speed.',
    docsUrl:
      'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html#protect-against-automated-attacks',
    defaultSeverity: 'required',
  },
  {
    id: 'dependency-lock',
    title: 'Dependencies locked with hashes',
    description:
      'A lock file pins every dependency with hashes (uv.lock, poetry.lock, pdm.lock, Pipfile.lock, or requirements files with --hash on every requirement).',
    remediation:
      'Lock dependencies with hashes (`uv lock`, or `pip-compile --generate-hashes`) and install from the lock in the Dockerfile (`uv sync --locked`, `pip install --require-hashes -r requirements.txt`).',
    docsUrl: 'https://pip.pypa.io/en/stable/topics/secure-installs/',
    defaultSeverity: 'required',
  },
  {
    id: 'dependency-updates',
    title: 'Automated dependency updates',
    description:
      'Dependabot (.github/dependabot.yml with a Python ecosystem) or Renovate (renovate.json, .renovaterc, "renovate" in package.json) proposes dependency updates.',
    remediation:
      'Add `.github/dependabot.yml` with update entries for `pip` (or `uv`), `docker` and `github-actions`, or a Renovate configuration.',
    docsUrl:
      'https://docs.github.com/en/code-security/dependabot/dependabot-version-updates/configuring-dependabot-version-updates',
    defaultSeverity: 'required',
  },
  {
    id: 'migrations',
    title: 'Database migrations',
    description:
      'A service using a SQL database manages its schema with a migration tool (Alembic, Aerich, yoyo, Piccolo), not metadata.create_all at startup.',
    remediation:
      'Add Alembic (`alembic init`, target_metadata from your models), commit the migrations, run `alembic upgrade head` before the app starts, and stop creating tables with `create_all` in the app.',
    docsUrl: 'https://alembic.sqlalchemy.org/en/latest/tutorial.html',
    defaultSeverity: 'required',
  },
  {
    id: 'ci',
    title: 'CI runs the tests',
    description:
      'A CI workflow (GitHub Actions, GitLab CI, CircleCI, Azure Pipelines…) has a step running the tests (pytest, tox, nox, make test, a test script).',
    remediation:
      'Add `.github/workflows/ci.yml` that installs the locked dependencies and runs `pytest` (and the linters) on every push and pull request.',
    docsUrl:
      'https://docs.github.com/en/actions/use-cases-and-examples/building-and-testing/building-and-testing-python',
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
 * The production-readiness checklist: the FastAPI guide's 11 items, then the ten checks
 * beyond the guide (observability, probes, hardening, supply chain), in that order.
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
