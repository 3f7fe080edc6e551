{% if features.database %}
from pathlib import Path

from fastapi.testclient import TestClient
from sqlmodel import Session, create_engine

from app.database import get_session
from app.main import app
{% else %}
from fastapi.testclient import TestClient
{% endif %}


def test_health_reports_ok(client: TestClient) -> None:
    response = client.get("/health")

    assert response.status_code == 200
{% if features.database %}
    assert response.json() == {"status": "ok", "database": "ok"}


def test_health_is_503_when_the_database_does_not_answer(
    client: TestClient, tmp_path: Path
) -> None:
    # SQLite cannot open a file in a directory that does not exist.
    broken = create_engine(f"sqlite:///{tmp_path / 'missing' / 'db.sqlite'}")
    with Session(broken) as session:
        app.dependency_overrides[get_session] = lambda: session
        response = client.get("/health")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unreachable"}
{% else %}
    assert response.json() == {"status": "ok"}
{% endif %}
