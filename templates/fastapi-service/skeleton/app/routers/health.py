"""`GET /health`: is the service up{% if features.database %}, and does its database answer{% endif %}?"""

{% if features.database %}
import logging

from fastapi import APIRouter, Response, status
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import select

from app.dependencies import SessionDep
from app.models.health import HealthStatus

logger = logging.getLogger(__name__)
{% else %}
from fastapi import APIRouter

from app.models.health import HealthStatus
{% endif %}

router = APIRouter(tags=["health"])


@router.get("/health")
{% if features.database %}
def health(session: SessionDep, response: Response) -> HealthStatus:
    """200 when the database answers `SELECT 1`, 503 otherwise."""
    try:
        session.exec(select(1)).one()
    except SQLAlchemyError as exc:
        logger.warning("Database ping failed: %s", exc.__class__.__name__)
        response.status_code = status.HTTP_503_SERVICE_UNAVAILABLE
        return HealthStatus(status="unavailable", database="unreachable")
    return HealthStatus(status="ok", database="ok")
{% else %}
def health() -> HealthStatus:
    """200 while the process serves requests."""
    return HealthStatus(status="ok")
{% endif %}
