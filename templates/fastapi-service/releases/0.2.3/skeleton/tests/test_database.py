{% if features.sqlite %}
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from sqlalchemy import create_engine, inspect, text
{% endif %}
from sqlmodel import select

from app.config import Settings
from app.database import get_engine, get_session{% if features.sqlite %}, migrate_database{% endif %}



def test_get_session_connects_to_the_configured_database(settings: Settings) -> None:
    sessions = get_session(settings)
    session = next(sessions)

    assert session.exec(select(1)).one() == 1
    sessions.close()


def test_one_engine_per_database_url(settings: Settings) -> None:
    assert get_engine(settings.DATABASE_URL) is get_engine(settings.DATABASE_URL)
{% if features.sqlite %}


def tables_and_revision(url: str) -> tuple[set[str], str]:
    engine = create_engine(url)
    with engine.connect() as connection:
        revision = connection.execute(
            text("SELECT version_num FROM alembic_version")
        ).scalar_one()
        tables = set(inspect(connection).get_table_names())
    engine.dispose()
    return tables, revision


def test_migrate_database_applies_every_migration_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'app.db'}"

    migrate_database(create_engine(url))
    # Already at the newest revision: nothing to do.
    migrate_database(create_engine(url))

    tables, revision = tables_and_revision(url)
    assert {"alembic_version", ${{ resource.table | py }}{% if features.auth %}, "user"{% endif %}} <= tables
    assert revision == "0001"


def test_worker_processes_starting_together_migrate_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'app.db'}"
    engines = [create_engine(url) for _ in range(4)]

    # Without the exclusive transaction, the losers fail with "table already exists".
    with ThreadPoolExecutor(max_workers=len(engines)) as pool:
        list(pool.map(migrate_database, engines))

    assert tables_and_revision(url)[1] == "0001"
{% endif %}
