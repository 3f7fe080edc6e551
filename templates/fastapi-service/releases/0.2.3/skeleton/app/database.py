"""The database engine and one session per request."""

from collections.abc import Iterator
from functools import lru_cache
{% if features.sqlite %}
from pathlib import Path
{% endif %}
from typing import Annotated

{% if features.sqlite %}
from alembic import command
from alembic.config import Config
{% endif %}
from fastapi import Depends
from sqlalchemy import Engine
from sqlmodel import Session, create_engine

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


ALEMBIC_INI = Path(__file__).resolve().parents[1] / "alembic.ini"


def migrate_database(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (alembic/versions).

    The SQLite file belongs to this service alone, so the app migrates it at startup.
    An exclusive transaction makes the worker processes take turns: the first one
    migrates, the others find the schema already at the newest revision.
    """
    config = Config(ALEMBIC_INI)
    with engine.connect() as connection:
        connection.exec_driver_sql("BEGIN EXCLUSIVE")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.commit()
{% endif %}
