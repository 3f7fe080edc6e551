from unittest.mock import MagicMock

import pytest
from fastapi.testclient import TestClient
{% if features.database %}
from sqlmodel import Session, select
{% endif %}

from app.models.user import User
from app.services import auth
{% if not features.database %}
from app.store import Store
{% endif %}


def test_signup_returns_the_public_user(
    client: TestClient, credentials: dict[str, str]
) -> None:
    response = client.post("/auth/signup", json={**credentials, "full_name": "Ada"})

    assert response.status_code == 201
    body = response.json()
    assert body["email"] == credentials["email"]
    assert body["full_name"] == "Ada"
    assert "password" not in body
    assert "hashed_password" not in body


def test_signup_stores_an_argon2id_hash_not_the_password(
    client: TestClient,
    credentials: dict[str, str],
{% if features.database %}
    session: Session,
{% else %}
    store: Store,
{% endif %}
) -> None:
    client.post("/auth/signup", json=credentials)

{% if features.database %}
    user = session.exec(select(User)).one()
{% else %}
    user = store.users.find(lambda user: True)
    assert isinstance(user, User)
{% endif %}
    assert user.hashed_password.startswith("$argon2id$")
    assert credentials["password"] not in user.hashed_password


def test_signup_with_a_taken_email_is_409(
    client: TestClient, credentials: dict[str, str]
) -> None:
    client.post("/auth/signup", json=credentials)

    response = client.post("/auth/signup", json=credentials)

    assert response.status_code == 409
    assert response.json()["code"] == "conflict"


@pytest.mark.parametrize(
    "body",
    [
        {"email": "not-an-email", "password": "long enough password"},
        {"email": "ada@example.com", "password": "short"},
        {"email": "ada@example.com"},
    ],
)
def test_signup_rejects_invalid_bodies(
    client: TestClient, body: dict[str, str]
) -> None:
    assert client.post("/auth/signup", json=body).status_code == 422


def test_login_returns_a_bearer_token(
    client: TestClient, credentials: dict[str, str]
) -> None:
    client.post("/auth/signup", json=credentials)

    response = client.post(
        "/auth/token",
        data={"username": credentials["email"], "password": credentials["password"]},
    )

    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    me = client.get(
        "/users/me", headers={"Authorization": f"Bearer {body['access_token']}"}
    )
    assert me.json()["email"] == credentials["email"]


def test_login_with_a_wrong_password_is_401(
    client: TestClient, credentials: dict[str, str]
) -> None:
    client.post("/auth/signup", json=credentials)

    response = client.post(
        "/auth/token",
        data={"username": credentials["email"], "password": "wrong password"},
    )

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    assert response.json()["detail"] == "Incorrect email or password"


def test_login_of_an_unknown_user_verifies_a_dummy_hash(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The same Argon2 work as a wrong password, so timing cannot reveal accounts.
    verify = MagicMock(wraps=auth.password_hash.verify)
    monkeypatch.setattr(auth.password_hash, "verify", verify)

    response = client.post(
        "/auth/token",
        data={"username": "nobody@example.com", "password": "whatever password"},
    )

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"] == "Bearer"
    verify.assert_called_once_with("whatever password", auth.dummy_hash())
