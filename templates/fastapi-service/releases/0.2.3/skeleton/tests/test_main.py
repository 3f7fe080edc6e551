{% if features.sqlite %}
from pathlib import Path

{% endif %}
import pytest
from fastapi.testclient import TestClient
{% if features.sqlite %}
from sqlalchemy import inspect
{% endif %}

from app.config import Settings
{% if features.sqlite %}
from app.database import get_engine
{% endif %}
from app.main import DESCRIPTION, create_app

ALLOWED = "https://app.example.com"


@pytest.fixture(name="cors_client")
def cors_client_fixture(settings: Settings) -> TestClient:
    return TestClient(
        create_app(settings.model_copy(update={"CORS_ORIGINS": [ALLOWED]}))
    )


def test_cors_echoes_a_configured_origin_with_credentials(
    cors_client: TestClient,
) -> None:
    response = cors_client.options(
        "/health",
        headers={"Origin": ALLOWED, "Access-Control-Request-Method": "GET"},
    )

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ALLOWED
    assert response.headers["access-control-allow-credentials"] == "true"


def test_cors_ignores_other_origins(cors_client: TestClient) -> None:
    response = cors_client.get("/health", headers={"Origin": "https://evil.example"})

    assert "access-control-allow-origin" not in response.headers


def test_unknown_routes_get_the_common_error_body(client: TestClient) -> None:
    response = client.get("/no-such-route")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "Not Found"}


def test_unexpected_errors_are_500_without_details(settings: Settings) -> None:
    app = create_app(settings)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    response = TestClient(app, raise_server_exceptions=False).get("/boom")

    assert response.status_code == 500
    assert response.json() == {
        "code": "internal_error",
        "detail": "Internal server error",
    }


def test_openapi_shows_the_service_description(client: TestClient) -> None:
    info = client.get("/openapi.json").json()["info"]
    # FastAPI leaves an empty description out.
    assert info.get("description", "") == DESCRIPTION
{% if features.sqlite %}


def test_startup_migrates_the_database(settings: Settings, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'app.db'}"

    with TestClient(create_app(settings.model_copy(update={"DATABASE_URL": url}))):
        tables = inspect(get_engine(url)).get_table_names()

    assert "alembic_version" in tables
    assert ${{ resource.table | py }} in tables
{% if features.auth %}
    assert "user" in tables
{% endif %}
{% endif %}
