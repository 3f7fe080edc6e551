"""The application: settings, logging, CORS, error handlers, routers{% if features.sqlite %}, tables{% endif %}.

Run it with `fastapi dev app/main.py` in development; the Dockerfile serves it with uvicorn.
"""

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app.config import Settings, get_settings
{% if features.sqlite %}
from app.database import create_db_and_tables, get_engine
{% endif %}
from app.errors import ErrorBody, register_exception_handlers
from app.logging_config import configure_logging
{% set routers = [resource.plural, "health", "auth" if features.auth, "users" if features.auth, "websocket" if features.websockets] %}
from app.routers import (
{% for router in routers | select | sort %}
    ${{ router }},
{% endfor %}
)

logger = logging.getLogger(__name__)

# The service description given when the repository was created, kept verbatim.
DESCRIPTION = ${{ values.description | py }}  # fmt: skip


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the application from `settings` (default: the environment's)."""
    config = settings or get_settings()
    configure_logging(config.LOG_LEVEL)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
{% if features.sqlite %}
        create_db_and_tables(get_engine(config.DATABASE_URL))
{% endif %}
        logger.info("Starting in %s mode", config.ENVIRONMENT)
        yield
        logger.info("Shutting down")

    app = FastAPI(
        title=${{ names.title | py }},
        description=DESCRIPTION,
        version="0.1.0",
        lifespan=lifespan,
        # Invalid requests get the service's own error body (see app/errors.py), not
        # FastAPI's default one: document that shape on every operation.
        responses={422: {"model": ErrorBody, "description": "Validation Error"}},
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=config.CORS_ORIGINS,
        allow_credentials=True,
        allow_methods=["*"],
        allow_headers=["*"],
    )
    register_exception_handlers(app)
    app.include_router(health.router)
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
