"""The database engine and one session per request."""

from collections.abc import Iterator
from functools import lru_cache
from typing import Annotated

from fastapi import Depends
from sqlalchemy import Engine
{% if features.sqlite %}
from sqlalchemy.exc import OperationalError
{% endif %}
from sqlmodel import Session, {% if features.sqlite %}SQLModel, {% endif %}create_engine

import app.models  # noqa: F401  (registers every table on SQLModel.metadata)
from app.config import Settings, get_settings


@lru_cache
def get_engine(database_url: str) -> Engine:
    """One engine, and so one connection pool, per database URL and process."""
    return create_engine(
        database_url,
{% if features.sqlite %}
        # FastAPI runs sync routes in worker threads: let them share connections.
        connect_args={"check_same_thread": False},
{% endif %}
        pool_pre_ping=True,
    )


def get_session(
    settings: Annotated[Settings, Depends(get_settings)],
) -> Iterator[Session]:
    """A session for one request, closed when the response is sent."""
    with Session(get_engine(settings.DATABASE_URL)) as session:
        yield session
{% if features.sqlite %}


def create_db_and_tables(engine: Engine) -> None:
    """Create missing tables (SQLite has no migrations in this service)."""
    try:
        SQLModel.metadata.create_all(engine)
    except OperationalError:
        # Another worker process created them between the check and the CREATE.
        SQLModel.metadata.create_all(engine)
{% endif %}
