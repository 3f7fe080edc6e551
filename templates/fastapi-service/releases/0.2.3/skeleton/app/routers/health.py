"""Probes: `GET /health/live` (is the process serving?), `GET /health/ready` (can it
serve{% if features.database %}: does its database answer{% endif %}?) and `GET /health`, kept for existing checks: the same
answer as readiness.

Load balancers and kubelets ask them every few seconds, so app/main.py routes them on
the app itself (`add_api_route`) rather than through an included router, which FastAPI
matches twice on every request.
"""

{% if features.database %}
import logging
import time

import anyio
from fastapi import Response, status
from fastapi.concurrency import run_in_threadpool
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, select

from app.database import get_engine
from app.dependencies import SettingsDep
from app.models.health import HealthStatus, LiveStatus

logger = logging.getLogger(__name__)
{% else %}
from app.models.health import HealthStatus, LiveStatus
{% endif %}
{% if features.database %}


class DatabasePing:
    """This process's last `SELECT 1`: load balancers ask /health often, and the
    database need not hear every one of them."""

    def __init__(self) -> None:
        self.answered = False
        self.checked_at = float("-inf")
        # One ping at a time: the requests arriving meanwhile wait for its answer
        # instead of each sending (and queueing for a connection for) their own.
        self.in_flight = anyio.Lock()

    def is_recent(self, interval: float) -> bool:
        return time.monotonic() - self.checked_at < interval

    def ping(self, engine: Engine) -> bool:
        try:
            with Session(engine) as session:
                session.exec(select(1)).one()
            self.answered = True
        except SQLAlchemyError as exc:
            logger.warning("Database ping failed: %s", exc.__class__.__name__)
            self.answered = False
        self.checked_at = time.monotonic()
        return self.answered


database_ping = DatabasePing()


async def readiness(settings: SettingsDep, response: Response) -> HealthStatus:
    interval = settings.HEALTH_CHECK_INTERVAL
    if not database_ping.is_recent(interval):
        async with database_ping.in_flight:
            # A ping that finished while this request waited answers it too.
            if not database_ping.is_recent(interval):
                engine = get_engine(settings.DATABASE_URL)
                await run_in_threadpool(database_ping.ping, engine)
    if database_ping.answered:
        return HealthStatus(status="ok", database="ok")
    response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    return HealthStatus(status="unavailable", database="unreachable")
{% endif %}


async def live() -> LiveStatus:
    """200 while the process serves requests (no I/O: a slow dependency must not get a healthy process restarted)."""
    return LiveStatus(status="ok")


{% if features.database %}
async def ready(settings: SettingsDep, response: Response) -> HealthStatus:
    """200 when the database answers `SELECT 1` (asked at most every `HEALTH_CHECK_INTERVAL` seconds), 503 otherwise."""
    return await readiness(settings, response)
{% else %}
async def ready() -> HealthStatus:
    """200 while the process serves requests (the in-memory store needs nothing else)."""
    return HealthStatus(status="ok")
{% endif %}


# Kept for the checks that already ask it: the same answer as /health/ready.
{% if features.database %}
async def health(settings: SettingsDep, response: Response) -> HealthStatus:
    """200 when the database answers `SELECT 1` (asked at most every `HEALTH_CHECK_INTERVAL` seconds), 503 otherwise."""
    return await readiness(settings, response)
{% else %}
async def health() -> HealthStatus:
    """200 while the process serves requests."""
    return HealthStatus(status="ok")
{% endif %}
