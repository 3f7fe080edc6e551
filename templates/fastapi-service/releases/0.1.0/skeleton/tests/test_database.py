{% if features.sqlite %}
from unittest.mock import MagicMock

import pytest
from sqlalchemy.exc import OperationalError
{% endif %}
from sqlmodel import {% if features.sqlite %}SQLModel, {% endif %}select

from app.config import Settings
from app.database import {% if features.sqlite %}create_db_and_tables, {% endif %}get_engine, get_session


def test_get_session_connects_to_the_configured_database(settings: Settings) -> None:
    sessions = get_session(settings)
    session = next(sessions)

    assert session.exec(select(1)).one() == 1
    sessions.close()


def test_one_engine_per_database_url(settings: Settings) -> None:
    assert get_engine(settings.DATABASE_URL) is get_engine(settings.DATABASE_URL)
{% if features.sqlite %}


def test_create_tables_retries_when_another_worker_won_the_race(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    race = OperationalError("CREATE TABLE", {}, Exception("table already exists"))
    create_all = MagicMock(side_effect=[race, None])
    monkeypatch.setattr(SQLModel.metadata, "create_all", create_all)

    create_db_and_tables(get_engine("sqlite://"))

    assert create_all.call_count == 2
{% endif %}
