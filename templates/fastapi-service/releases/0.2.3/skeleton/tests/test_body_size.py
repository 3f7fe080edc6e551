from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app

LIMIT = 64


@pytest.fixture(name="small_client")
def small_client_fixture(settings: Settings) -> TestClient:
    return TestClient(
        create_app(settings.model_copy(update={"MAX_REQUEST_BODY_BYTES": LIMIT}))
    )


def test_a_body_over_the_limit_is_refused_with_413(small_client: TestClient) -> None:
    response = small_client.post(
        ${{ resource.path | py }},
        content=b'{"name": "' + b"x" * LIMIT + b'"}',
        headers={"content-type": "application/json"},
    )

    assert response.status_code == 413
    assert response.json()["detail"] == f"The request body is larger than {LIMIT} bytes"


def test_a_streamed_body_over_the_limit_is_refused_with_413(
    small_client: TestClient,
) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"name": "'
        yield b"x" * LIMIT
        yield b'"}'

    # No Content-Length: the body is counted as the app reads it.
    response = small_client.post(
        ${{ resource.path | py }},
        content=chunks(),
        headers={"content-type": "application/json"},
    )

    assert response.status_code == 413


def test_a_body_within_the_limit_goes_through(small_client: TestClient) -> None:
    response = small_client.post(
        ${{ resource.path | py }},
        content=b"{}",
        headers={"content-type": "application/json"},
    )

    # Past the size check: {% if features.auth %}authentication{% else %}validation{% endif %} answers.
    assert response.status_code == {% if features.auth %}401{% else %}422{% endif %}

