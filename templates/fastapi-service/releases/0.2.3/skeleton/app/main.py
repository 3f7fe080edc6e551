"""The application: settings, logging, tracing, middleware (request ids, security headers,
metrics, body size, CORS), error handlers, routers{% if features.sqlite %}, migrations{% endif %}.

Run it with `fastapi dev app/main.py` in development; the Dockerfile serves it with uvicorn.
"""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.config import Settings, get_settings
{% if features.sqlite %}
from app.database import get_engine, migrate_database
{% endif %}
from app.errors import ErrorBody, register_exception_handlers
from app.logging_config import configure_logging
from app.request_id import REQUEST_ID_HEADER
from app.request_middleware import RequestMiddleware
{% set routers = [resource.plural, "health", "metrics", "auth" if features.auth, "users" if features.auth, "websocket" if features.websockets] %}
from app.routers import (
{% for router in routers | select | sort %}
    ${{ router }},
{% endfor %}
)
from app.tracing import configure_tracing

logger = logging.getLogger(__name__)

# The service description given when the repository was created, kept verbatim.
DESCRIPTION = ${{ values.description | py }}  # fmt: skip


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application from `settings` (default: the environment's)."""
    config = settings or get_settings()
    configure_logging(config.LOG_LEVEL, config.log_format)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
{% if features.sqlite %}
        migrate_database(get_engine(config.DATABASE_URL))
{% endif %}
        logger.info("Starting in %s mode", config.ENVIRONMENT)
        yield
        logger.info("Shutting down")
        if tracer_provider is not None:
            tracer_provider.shutdown()  # exports the spans still buffered

    app = FastAPI(
        title=${{ names.title | py }},
        description=DESCRIPTION,
        version="0.1.0",
        lifespan=lifespan,
        # Invalid requests get the service's own error body (see app/errors.py), not
        # FastAPI's default one: document that shape on every operation.
        responses={422: {"model": ErrorBody, "description": "Validation Error"}},
    )
    # Pure ASGI middleware, innermost first (each add_middleware wraps the ones before).
    app.add_middleware(
        CORSMiddleware,
        allow_origins=config.CORS_ORIGINS,
        allow_credentials=True,
        allow_methods=["*"],
        allow_headers=["*"],
        expose_headers=[REQUEST_ID_HEADER],
    )
    # Outermost: request id, body size limit, security headers and metrics in one pass,
    # so CORS answers and 413s get them too, and every log line of a request its id.
    app.add_middleware(
        RequestMiddleware,
        max_body_bytes=config.MAX_REQUEST_BODY_BYTES,
        hsts_max_age=config.HSTS_MAX_AGE,
    )
    register_exception_handlers(app, hsts_max_age=config.HSTS_MAX_AGE)
    tracer_provider = configure_tracing(app, config)
    # Probes first, on the app itself: asked every few seconds (see app/routers/health.py).
    app.add_api_route("/health", health.health, tags=["health"])
    app.add_api_route("/health/live", health.live, tags=["health"])
    app.add_api_route("/health/ready", health.ready, tags=["health"])
    app.include_router(metrics.router)
{% if features.auth %}
    app.include_router(auth.router)
    app.include_router(users.router)
{% endif %}
    app.include_router(${{ resource.plural }}.router)
{% if features.websockets %}
    app.include_router(websocket.router)
{% endif %}
    return app


app = create_app()
