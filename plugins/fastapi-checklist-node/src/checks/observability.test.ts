import { checkOf, evidenceLines } from '../__fixtures__/analyzeFixture';
import { goodService } from '../__fixtures__/goodService';

const observability = goodService['app/observability.py'];

/** The good service's observability module with one line replaced. */
const observabilityWith = (line: string, replacement: string) => {
  expect(observability).toContain(line);
  return { 'app/observability.py': observability.replace(line, replacement) };
};

describe('tracing', () => {
  it('passes with FastAPIInstrumentor.instrument_app(app) in code the app runs', async () => {
    const item = await checkOf('tracing');
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual([
      'app/observability.py:20 FastAPIInstrumentor.instrument_app',
    ]);
  });

  it.each([
    [
      'FastAPIInstrumentor().instrument()',
      'FastAPIInstrumentor().instrument()',
    ],
    [
      'app.add_middleware(OpenTelemetryMiddleware)',
      'from opentelemetry.instrumentation.asgi import OpenTelemetryMiddleware\n    app.add_middleware(OpenTelemetryMiddleware)',
    ],
    [
      'logfire.instrument_fastapi(app)',
      'import logfire\n    logfire.instrument_fastapi(app)',
    ],
  ])('passes with %s', async (_, instrumentation) => {
    const item = await checkOf(
      'tracing',
      observabilityWith(
        '    FastAPIInstrumentor.instrument_app(app)',
        `    ${instrumentation}`,
      ),
    );
    expect(item.status).toBe('pass');
  });

  it('passes when the server starts under opentelemetry-instrument', async () => {
    const item = await checkOf('tracing', {
      ...observabilityWith('    FastAPIInstrumentor.instrument_app(app)', ''),
      Dockerfile: goodService.Dockerfile.replace(
        'CMD ["fastapi"',
        'CMD ["opentelemetry-instrument", "fastapi"',
      ),
    });
    expect(item).toMatchObject({
      status: 'pass',
      summary:
        'Requests are traced with OpenTelemetry (opentelemetry-instrument launcher).',
    });
  });

  it('warns when a tracer provider is set up but the app is not instrumented', async () => {
    const item = await checkOf(
      'tracing',
      observabilityWith(
        '    FastAPIInstrumentor.instrument_app(app)',
        '    from opentelemetry import trace\n    from opentelemetry.sdk.trace import TracerProvider\n    trace.set_tracer_provider(TracerProvider())',
      ),
    );
    expect(item.status).toBe('warn');
    expect(evidenceLines(item)).toEqual([
      'app/observability.py:22 tracer provider',
      'app/observability.py:22 tracer provider',
    ]);
  });

  it('fails without instrumentation, and does not count a script the app never imports', async () => {
    const item = await checkOf('tracing', {
      ...observabilityWith('    FastAPIInstrumentor.instrument_app(app)', ''),
      'scripts/trace_demo.py':
        'from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor\n\n\ndef instrument(app):\n    FastAPIInstrumentor.instrument_app(app)\n',
    });
    expect(item.status).toBe('fail');
    // the other RequestsInstrumentor-style instrumentors are not the app's
    const requestsOnly = await checkOf(
      'tracing',
      observabilityWith(
        '    FastAPIInstrumentor.instrument_app(app)',
        '    from opentelemetry.instrumentation.requests import RequestsInstrumentor\n    RequestsInstrumentor().instrument()',
      ),
    );
    expect(requestsOnly.status).toBe('fail');
  });
});

describe('metrics', () => {
  it('passes with make_asgi_app() mounted', async () => {
    const item = await checkOf('metrics');
    expect(evidenceLines(item)).toEqual([
      'app/observability.py:21 prometheus_client ASGI app mounted',
    ]);
    expect(item.status).toBe('pass');
  });

  it('passes with a mounted name bound to make_asgi_app()', async () => {
    const item = await checkOf(
      'metrics',
      observabilityWith(
        '    app.mount("/metrics", make_asgi_app())',
        '    metrics_app = make_asgi_app()\n    app.mount("/metrics", metrics_app)',
      ),
    );
    expect(item.status).toBe('pass');
  });

  it.each([
    [
      'prometheus-fastapi-instrumentator',
      'from prometheus_fastapi_instrumentator import Instrumentator\n    Instrumentator().instrument(app).expose(app)',
    ],
    [
      'starlette_exporter',
      'from starlette_exporter import PrometheusMiddleware, handle_metrics\n    app.add_middleware(PrometheusMiddleware)\n    app.add_route("/metrics", handle_metrics)',
    ],
    [
      'a separate metrics port',
      'from prometheus_client import start_http_server\n    start_http_server(9090)',
    ],
  ])('passes with %s', async (_, exposure) => {
    const item = await checkOf(
      'metrics',
      observabilityWith(
        '    app.mount("/metrics", make_asgi_app())',
        `    ${exposure}`,
      ),
    );
    expect(item.status).toBe('pass');
  });

  it('passes with a /metrics route serving generate_latest()', async () => {
    const item = await checkOf('metrics', {
      ...observabilityWith('    app.mount("/metrics", make_asgi_app())', ''),
      'app/routers/probes.py': `${goodService['app/routers/probes.py']}
from fastapi import Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest


@router.get("/metrics")
def metrics() -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
`,
    });
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual([
      'app/routers/probes.py:21 GET /health/metrics (metrics)',
    ]);
  });

  it('warns when metrics are collected but never exposed', async () => {
    const made = await checkOf(
      'metrics',
      observabilityWith(
        '    app.mount("/metrics", make_asgi_app())',
        '    make_asgi_app()',
      ),
    );
    expect(made.status).toBe('warn');
    expect(evidenceLines(made)).toEqual([
      'app/observability.py:21 make_asgi_app() never mounted',
    ]);
    const instrumented = await checkOf(
      'metrics',
      observabilityWith(
        '    app.mount("/metrics", make_asgi_app())',
        '    from prometheus_fastapi_instrumentator import Instrumentator\n    Instrumentator().instrument(app)',
      ),
    );
    expect(instrumented.status).toBe('warn');
  });

  it('fails without any Prometheus endpoint', async () => {
    const item = await checkOf(
      'metrics',
      observabilityWith('    app.mount("/metrics", make_asgi_app())', ''),
    );
    expect(item.status).toBe('fail');
  });
});

describe('request-id', () => {
  it('passes when the id is set on the response and a log filter puts it on every record', async () => {
    const item = await checkOf('request-id');
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual([
      'app/observability.py:28 X-Request-ID set on the response',
      'app/observability.py:15 log records carry the request id',
    ]);
  });

  it('passes with asgi-correlation-id and its log filter', async () => {
    const item = await checkOf('request-id', {
      'app/observability.py': `
import logging.config

from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI

LOGGING = {
    "version": 1,
    "filters": {"correlation_id": {"()": "asgi_correlation_id.CorrelationIdFilter"}},
}


def observe(app: FastAPI) -> None:
    logging.config.dictConfig(LOGGING)
    app.add_middleware(CorrelationIdMiddleware)
`,
    });
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual([
      'app/observability.py:15 CorrelationIdMiddleware',
      'app/observability.py:9 asgi-correlation-id log filter',
    ]);
  });

  it('counts a subclass of CorrelationIdMiddleware, and a log format naming the id', async () => {
    const item = await checkOf('request-id', {
      'app/observability.py': `
import logging

from asgi_correlation_id import CorrelationIdMiddleware
from fastapi import FastAPI

FORMAT = "%(asctime)s [%(correlation_id)s] %(message)s"


class RequestIdMiddleware(CorrelationIdMiddleware):
    pass


def observe(app: FastAPI) -> None:
    logging.basicConfig(format=FORMAT)
    app.add_middleware(RequestIdMiddleware, header_name="X-Request-ID")
`,
    });
    expect(evidenceLines(item)).toEqual([
      'app/observability.py:16 CorrelationIdMiddleware',
      'app/observability.py:7 log format names the request id',
    ]);
  });

  it("passes with asgi-correlation-id and fastapi-structlog's StructlogMiddleware, listed in the constructor", async () => {
    const item = await checkOf('request-id', {
      'app/observability.py': `
from asgi_correlation_id.middleware import CorrelationIdMiddleware
from fastapi.middleware import Middleware
from fastapi_structlog.middleware import StructlogMiddleware

MIDDLEWARE = [
    Middleware(CorrelationIdMiddleware),
    Middleware(StructlogMiddleware),
]
`,
    });
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual([
      'app/observability.py:7 CorrelationIdMiddleware',
      "app/observability.py:8 fastapi-structlog's StructlogMiddleware binds it to the log context",
    ]);
  });

  it('passes with a header name constant set on the response', async () => {
    const item = await checkOf(
      'request-id',
      observabilityWith(
        '        response.headers["X-Request-ID"] = rid',
        '        response.headers[REQUEST_ID_HEADER] = rid\n\n\nREQUEST_ID_HEADER = "X-Request-ID"',
      ),
    );
    expect(item.status).toBe('pass');
  });

  it('warns when the id is returned but never reaches the logs', async () => {
    const item = await checkOf(
      'request-id',
      observabilityWith(
        '        record.request_id = request_id.get()',
        '        pass',
      ),
    );
    expect(item.status).toBe('warn');
    expect(item.summary).toMatch(
      /^The request id is returned on responses but never reaches the log lines/,
    );
  });

  it('warns when the logs carry it but the response does not', async () => {
    const item = await checkOf(
      'request-id',
      observabilityWith('        response.headers["X-Request-ID"] = rid', ''),
    );
    expect(item.status).toBe('warn');
    expect(item.summary).toMatch(
      /^Log lines carry a request id, but it is never returned/,
    );
  });

  it("warns when a generated id is bound to the log context with structlog's bound_contextvars only", async () => {
    const item = await checkOf('request-id', {
      'app/observability.py': `
import uuid

import structlog
from fastapi import FastAPI, Request


def observe(app: FastAPI) -> None:
    @app.middleware("http")
    async def bind_id(request: Request, call_next):
        with structlog.contextvars.bound_contextvars(request_id=uuid.uuid4().hex):
            return await call_next(request)
`,
    });
    expect(item.status).toBe('warn');
    expect(evidenceLines(item)).toEqual([
      'app/observability.py:11 request id bound to the log context',
    ]);
  });

  it('fails when nothing reads or sets a request id (a ContextVar alone is not logging)', async () => {
    const none = await checkOf('request-id', {
      'app/observability.py': observability
        .replace('        response.headers["X-Request-ID"] = rid\n', '')
        .replace('        record.request_id = request_id.get()', '        pass')
        .replace(
          '        rid = request.headers.get("X-Request-ID") or uuid.uuid4().hex',
          '        rid = uuid.uuid4().hex',
        ),
    });
    expect(none.status).toBe('fail');
  });
});

describe('probes', () => {
  it('passes with /health/live and /health/ready', async () => {
    const item = await checkOf('probes');
    expect(item.status).toBe('pass');
    expect(evidenceLines(item)).toEqual([
      'app/routers/probes.py:8 GET /health/live (live)',
      'app/routers/probes.py:13 GET /health/ready (ready)',
    ]);
  });

  it('passes with a named liveness probe beside another health route (the readiness one)', async () => {
    const item = await checkOf('probes', {
      'app/routers/probes.py': goodService['app/routers/probes.py'].replace(
        '@router.get("/ready")\ndef ready()',
        '@router.get("/db")\ndef database_health()',
      ),
    });
    expect(item.summary).toBe(
      'Liveness GET /health/live (live) and readiness GET /health/db (database_health) are separate routes.',
    );
  });

  it('tells apart probes in two modules of the same shape (node ids are per module)', async () => {
    const probeModule = (path: string, name: string) =>
      `from fastapi import APIRouter\n\nrouter = APIRouter()\n\n\n@router.get("${path}")\ndef ${name}() -> str:\n    return "ok"\n`;
    const item = await checkOf('probes', {
      'app/routers/probes.py': null,
      'app/routers/live.py': probeModule('/livez', 'live'),
      'app/routers/ready.py': probeModule('/readyz', 'ready'),
      'app/main.py': `${goodService['app/main.py']
        .replace('from app.routers import probes  # noqa: E402\n', '')
        .replace('app.include_router(probes.router)\n', '')}
from app.routers import live, ready  # noqa: E402

app.include_router(live.router)
app.include_router(ready.router)
`,
    });
    expect(item.summary).toBe(
      'Liveness GET /livez (live) and readiness GET /readyz (ready) are separate routes.',
    );
  });

  it('warns with one health route only', async () => {
    const item = await checkOf('probes', { 'app/routers/probes.py': null });
    expect(item.status).toBe('warn');
    expect(item.summary).toBe(
      'Only a health route (GET /health (health)): an orchestrator cannot tell a stuck process from an unready dependency.',
    );
  });

  it('fails without any health route', async () => {
    const item = await checkOf('probes', {
      'app/routers/probes.py': null,
      'app/main.py': goodService['app/main.py'].replace(
        '@app.get("/health", include_in_schema=False)',
        '@app.get("/status-page")',
      ),
    });
    expect(item.status).toBe('fail');
  });
});
