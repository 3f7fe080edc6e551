"""The Alembic migrations build exactly the schema the models describe."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect, text
from sqlmodel import SQLModel

ALEMBIC_INI = Path(__file__).resolve().parents[1] / "alembic.ini"


def test_upgrade_matches_the_models_and_downgrade_undoes_it(engine: Engine) -> None:
    SQLModel.metadata.drop_all(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
        config = Config(ALEMBIC_INI)
        config.attributes["connection"] = connection

        command.upgrade(config, "head")
        # Fails when a model changed without a migration.
        command.check(config)
        command.downgrade(config, "base")

        assert inspect(connection).get_table_names() == ["alembic_version"]
