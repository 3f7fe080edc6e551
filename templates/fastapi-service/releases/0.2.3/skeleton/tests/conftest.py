"""Fixtures: test settings, {% if features.database %}a fresh database{% else %}a fresh in-memory store{% endif %} per test, and a TestClient using them."""

import os
from collections.abc import Iterator

import pytest

# `app.main` builds the app, and so reads the settings, when it is imported: make
# this process a test environment first.
os.environ["ENVIRONMENT"] = "test"
{% if features.auth %}
TEST_SECRET_KEY = "test-secret-key-long-enough-for-hs256-signatures"
os.environ["SECRET_KEY"] = TEST_SECRET_KEY
{% endif %}
{% if features.sqlite %}
os.environ["DATABASE_URL"] = "sqlite://"
{% elif features.postgresql %}
# A database the tests may empty: never point this at real data.
TEST_DATABASE_URL = os.environ.get(
    "TEST_DATABASE_URL",
    "postgresql+psycopg://app:app@localhost:5432/${{ names.module }}_test",
)
os.environ["DATABASE_URL"] = TEST_DATABASE_URL
{% endif %}

from fastapi.testclient import TestClient
{% if features.auth %}
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher
{% endif %}
{% if features.database %}
from sqlalchemy import Engine
{% endif %}
{% if features.sqlite %}
from sqlalchemy.pool import StaticPool
{% endif %}
{% if features.database %}
from sqlmodel import Session, SQLModel, create_engine
{% endif %}

from app.config import Settings, settings_dependency
{% if features.database %}
from app.database import get_session
{% endif %}
from app.main import app
{% if features.auth %}
from app.rate_limit import LoginRateLimiter, get_login_rate_limiter
from app.services import auth
{% endif %}
{% if features.websockets %}
from app.services.websocket import ConnectionManager, get_connection_manager
{% endif %}
{% if not features.database %}
from app.store import Store, get_store
{% endif %}


@pytest.fixture(name="settings")
def settings_fixture() -> Settings:
    return Settings(
        _env_file=None,
        ENVIRONMENT="test",
{% if features.auth %}
        SECRET_KEY=TEST_SECRET_KEY,
{% endif %}
{% if features.sqlite %}
        DATABASE_URL="sqlite://",
{% elif features.postgresql %}
        DATABASE_URL=TEST_DATABASE_URL,
{% endif %}
{% if features.database %}
        HEALTH_CHECK_INTERVAL=0,
{% endif %}
    )
{% if features.sqlite %}


@pytest.fixture(name="engine")
def engine_fixture() -> Iterator[Engine]:
    # A private in-memory database per test; StaticPool shares its one connection
    # with the threads TestClient runs sync routes in.
    engine = create_engine(
        "sqlite://", connect_args={"check_same_thread": False}, poolclass=StaticPool
    )
    SQLModel.metadata.create_all(engine)
    yield engine
    engine.dispose()
{% elif features.postgresql %}


@pytest.fixture(name="engine", scope="session")
def engine_fixture() -> Iterator[Engine]:
    engine = create_engine(TEST_DATABASE_URL)
    yield engine
    engine.dispose()
{% endif %}
{% if features.database %}


@pytest.fixture(name="session")
def session_fixture(engine: Engine) -> Iterator[Session]:
{% if features.postgresql %}
    # Every test starts from empty tables.
    SQLModel.metadata.drop_all(engine)
    SQLModel.metadata.create_all(engine)
{% endif %}
    with Session(engine) as session:
        yield session
{% else %}


@pytest.fixture(name="store")
def store_fixture() -> Store:
    return Store()
{% endif %}
{% if features.websockets %}


@pytest.fixture(name="manager")
def manager_fixture() -> ConnectionManager:
    return ConnectionManager()
{% endif %}
{% if features.auth %}


# Argon2id made cheap (one pass over 64 KiB): the production parameters cost
# ~0.3 s of CPU a hash, paid on every signup and login of the tests. Tests marked
# `production_password_hashing` keep the app's own hasher.
CHEAP_PASSWORD_HASH = PasswordHash(
    (Argon2Hasher(time_cost=1, memory_cost=64, parallelism=1),)
)


@pytest.fixture(autouse=True)
def cheap_password_hashing(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> Iterator[None]:
    if request.node.get_closest_marker("production_password_hashing") is None:
        monkeypatch.setattr(auth, "password_hash", CHEAP_PASSWORD_HASH)
    # The dummy hash is made once per process by whichever hasher is in place.
    auth.dummy_hash.cache_clear()
    yield
    auth.dummy_hash.cache_clear()


@pytest.fixture(name="login_rate_limiter")
def login_rate_limiter_fixture(settings: Settings) -> LoginRateLimiter:
    # A count of its own per test: the tests log in many times between them.
    return LoginRateLimiter(settings.LOGIN_RATE_LIMIT, "memory://")
{% endif %}


@pytest.fixture(name="client")
def client_fixture(
    settings: Settings,
    ${{ "session: Session" if features.database else "store: Store" }},
{% if features.websockets %}
    manager: ConnectionManager,
{% endif %}
{% if features.auth %}
    login_rate_limiter: LoginRateLimiter,
{% endif %}
) -> Iterator[TestClient]:
    app.dependency_overrides[settings_dependency] = lambda: settings
{% if features.database %}
    app.dependency_overrides[get_session] = lambda: session
{% else %}
    app.dependency_overrides[get_store] = lambda: store
{% endif %}
{% if features.websockets %}
    app.dependency_overrides[get_connection_manager] = lambda: manager
{% endif %}
{% if features.auth %}
    app.dependency_overrides[get_login_rate_limiter] = lambda: login_rate_limiter
{% endif %}
    # As a context manager: the lifespan runs, and every request and WebSocket of
    # the test shares one event loop, as in a server process.
    with TestClient(app) as client:
        yield client
    app.dependency_overrides.clear()
{% if features.auth %}


@pytest.fixture(name="credentials")
def credentials_fixture() -> dict[str, str]:
    return {"email": "ada@example.com", "password": "correct horse battery"}


@pytest.fixture(name="auth_headers")
def auth_headers_fixture(
    client: TestClient, credentials: dict[str, str]
) -> dict[str, str]:
    """Headers of a signed-up, logged-in user."""
    assert client.post("/auth/signup", json=credentials).status_code == 201
    response = client.post(
        "/auth/token",
        data={"username": credentials["email"], "password": credentials["password"]},
    )
    return {"Authorization": f"Bearer {response.json()['access_token']}"}
{% endif %}
