from fastapi.testclient import TestClient

from app.config import Settings
from app.rate_limit import LoginRateLimiter, get_login_rate_limiter


def wrong_attempt(client: TestClient) -> int:
    return client.post(
        "/auth/token", data={"username": "ada@example.com", "password": "wrong"}
    ).status_code


def test_login_answers_429_with_retry_after_beyond_the_limit(
    client: TestClient, settings: Settings, credentials: dict[str, str]
) -> None:
    allowed = LoginRateLimiter(settings.LOGIN_RATE_LIMIT, "memory://").limit.amount

    assert [wrong_attempt(client) for _ in range(allowed)] == [401] * allowed
    response = client.post(
        "/auth/token",
        data={"username": credentials["email"], "password": credentials["password"]},
    )

    # Even the right password: the limit is checked before any password is.
    assert response.status_code == 429
    assert response.json()["detail"] == "Too many login attempts: try again later"
    assert 1 <= int(response.headers["retry-after"]) <= 60


def test_the_limit_counts_per_client_address() -> None:
    limiter = LoginRateLimiter("2/minute", "memory://")

    assert limiter.retry_after("10.0.0.1") is None
    assert limiter.retry_after("10.0.0.1") is None
    retry_after = limiter.retry_after("10.0.0.1")

    assert retry_after is not None and 1 <= retry_after <= 60
    assert limiter.retry_after("10.0.0.2") is None


def test_one_limiter_per_setting_and_process(settings: Settings) -> None:
    assert get_login_rate_limiter(settings) is get_login_rate_limiter(settings)
