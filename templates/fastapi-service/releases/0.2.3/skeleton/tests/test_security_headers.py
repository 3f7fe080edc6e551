import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.request_id import REQUEST_ID_HEADER

EXPECTED = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
}


@pytest.mark.parametrize("path", ["/health/live", "/no-such-route", "/openapi.json"])
def test_every_response_has_the_security_headers(client: TestClient, path: str) -> None:
    response = client.get(path)

    for name, value in EXPECTED.items():
        assert response.headers[name] == value
    # Plain HTTP: browsers ignore HSTS there, and it would pin a test host to HTTPS.
    assert "strict-transport-security" not in response.headers


def test_https_requests_get_hsts(settings: Settings) -> None:
    client = TestClient(create_app(settings), base_url="https://testserver")

    response = client.get("/health/live")

    assert response.headers["strict-transport-security"] == (
        f"max-age={settings.HSTS_MAX_AGE}; includeSubDomains"
    )


def test_hsts_can_be_turned_off(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"HSTS_MAX_AGE": 0}))

    response = TestClient(app, base_url="https://testserver").get("/health/live")

    assert "strict-transport-security" not in response.headers
    assert response.headers["x-frame-options"] == "DENY"


def test_an_unhandled_error_still_gets_the_headers_and_request_id(
    settings: Settings,
) -> None:
    app = create_app(settings)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("failure")

    response = TestClient(
        app, base_url="https://testserver", raise_server_exceptions=False
    ).get("/boom", headers={REQUEST_ID_HEADER: "req-500"})

    assert response.status_code == 500
    for name, value in EXPECTED.items():
        assert response.headers[name] == value
    assert "strict-transport-security" in response.headers
    assert response.headers[REQUEST_ID_HEADER] == "req-500"
