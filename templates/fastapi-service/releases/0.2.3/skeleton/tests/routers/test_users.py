from datetime import UTC, datetime, timedelta

import jwt
import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.services.auth import ALGORITHM, create_access_token


def assert_rejected(client: TestClient, token: str) -> None:
    response = client.get("/users/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def user_id(client: TestClient, auth_headers: dict[str, str]) -> int:
    response = client.get("/users/me", headers=auth_headers)
    assert response.status_code == 200
    value: int = response.json()["id"]
    return value


def test_me_returns_the_signed_in_user(
    client: TestClient, auth_headers: dict[str, str], credentials: dict[str, str]
) -> None:
    response = client.get("/users/me", headers=auth_headers)

    assert response.status_code == 200
    assert response.json()["email"] == credentials["email"]


def test_me_without_a_token_is_401(client: TestClient) -> None:
    response = client.get("/users/me")

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_an_expired_token_is_rejected(
    client: TestClient, auth_headers: dict[str, str], settings: Settings
) -> None:
    token = create_access_token(
        user_id(client, auth_headers), settings, expires_delta=timedelta(minutes=-1)
    )

    assert_rejected(client, token)


def test_a_token_with_a_tampered_signature_is_rejected(
    client: TestClient, auth_headers: dict[str, str]
) -> None:
    token = auth_headers["Authorization"].removeprefix("Bearer ")
    header, payload, signature = token.split(".")
    tampered = signature[:-2] + ("AA" if signature[-2:] != "AA" else "BB")

    assert_rejected(client, f"{header}.{payload}.{tampered}")


def test_a_token_signed_with_another_key_is_rejected(
    client: TestClient, auth_headers: dict[str, str]
) -> None:
    claims = {
        "sub": str(user_id(client, auth_headers)),
        "exp": datetime.now(UTC) + timedelta(minutes=5),
    }
    token = jwt.encode(claims, "another-key-that-is-long-enough-for-hs256", ALGORITHM)

    assert_rejected(client, token)


def test_an_unsigned_alg_none_token_is_rejected(
    client: TestClient, auth_headers: dict[str, str]
) -> None:
    claims = {
        "sub": str(user_id(client, auth_headers)),
        "exp": datetime.now(UTC) + timedelta(minutes=5),
    }
    token = jwt.encode(claims, key=None, algorithm="none")

    assert_rejected(client, token)


@pytest.mark.parametrize("missing", ["exp", "sub"])
def test_a_token_without_a_required_claim_is_rejected(
    client: TestClient,
    auth_headers: dict[str, str],
    settings: Settings,
    missing: str,
) -> None:
    claims = {
        "sub": str(user_id(client, auth_headers)),
        "exp": datetime.now(UTC) + timedelta(minutes=5),
    }
    del claims[missing]
    token = jwt.encode(claims, settings.SECRET_KEY.get_secret_value(), ALGORITHM)

    assert_rejected(client, token)


def test_a_token_whose_subject_is_not_a_user_id_is_rejected(
    client: TestClient, settings: Settings
) -> None:
    claims = {"sub": "admin", "exp": datetime.now(UTC) + timedelta(minutes=5)}
    token = jwt.encode(claims, settings.SECRET_KEY.get_secret_value(), ALGORITHM)

    assert_rejected(client, token)


def test_a_token_of_a_deleted_user_is_rejected(
    client: TestClient, auth_headers: dict[str, str]
) -> None:
    assert client.delete("/users/me", headers=auth_headers).status_code == 204

    assert_rejected(client, auth_headers["Authorization"].removeprefix("Bearer "))


def test_read_user_by_id(client: TestClient, auth_headers: dict[str, str]) -> None:
    own_id = user_id(client, auth_headers)

    response = client.get(f"/users/{own_id}", headers=auth_headers)

    assert response.status_code == 200
    assert response.json()["id"] == own_id


def test_read_of_a_missing_user_is_404(
    client: TestClient, auth_headers: dict[str, str]
) -> None:
    response = client.get("/users/999", headers=auth_headers)

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "User 999 not found"}
