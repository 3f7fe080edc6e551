{% if features.database %}
import time
from pathlib import Path

import anyio
import pytest
from fastapi import Response
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.config import Settings, settings_dependency
from app.main import app
from app.routers import health
{% else %}
import pytest
from fastapi.testclient import TestClient
{% endif %}


def test_liveness_reports_ok(client: TestClient) -> None:
    response = client.get("/health/live")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.parametrize("path", ["/health/ready", "/health"])
def test_readiness_reports_ok(client: TestClient, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 200
{% if features.database %}
    assert response.json() == {"status": "ok", "database": "ok"}


def broken(settings: Settings, tmp_path: Path) -> Settings:
    # SQLite cannot open a file in a directory that does not exist.
    url = f"sqlite:///{tmp_path / 'missing' / 'db.sqlite'}"
    return settings.model_copy(update={"DATABASE_URL": url})


@pytest.mark.parametrize("path", ["/health/ready", "/health"])
def test_readiness_is_503_when_the_database_does_not_answer(
    client: TestClient, settings: Settings, tmp_path: Path, path: str
) -> None:
    app.dependency_overrides[settings_dependency] = lambda: broken(settings, tmp_path)

    response = client.get(path)

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}


def test_liveness_does_not_ask_the_database(
    client: TestClient, settings: Settings, tmp_path: Path
) -> None:
    app.dependency_overrides[settings_dependency] = lambda: broken(settings, tmp_path)

    response = client.get("/health/live")

    # A process whose database is down must not be restarted for it.
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_health_reuses_a_recent_ping(
    client: TestClient,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(health, "database_ping", health.DatabasePing())
    patient = settings.model_copy(update={"HEALTH_CHECK_INTERVAL": 60})
    app.dependency_overrides[settings_dependency] = lambda: patient
    assert client.get("/health").status_code == 200

    slow_broken = broken(patient, tmp_path)
    app.dependency_overrides[settings_dependency] = lambda: slow_broken
    response = client.get("/health")

    # The ping of a moment ago still answers: the broken database was not asked.
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_concurrent_checks_share_one_ping(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    database_ping = health.DatabasePing()
    monkeypatch.setattr(health, "database_ping", database_ping)
    pings: list[Engine] = []

    def slow_ping(engine: Engine) -> bool:
        pings.append(engine)
        time.sleep(0.2)
        database_ping.answered = True
        database_ping.checked_at = time.monotonic()
        return True

    monkeypatch.setattr(database_ping, "ping", slow_ping)
    patient = settings.model_copy(update={"HEALTH_CHECK_INTERVAL": 60})
    responses = [Response() for _ in range(10)]

    async def check_all() -> None:
        async with anyio.create_task_group() as group:
            for response in responses:
                group.start_soon(health.readiness, patient, response)

    anyio.run(check_all)

    # Ten load balancer checks at once: one of them asks the database.
    assert len(pings) == 1
    assert [r.status_code for r in responses] == [200] * 10
{% else %}
    assert response.json() == {"status": "ok"}
{% endif %}
