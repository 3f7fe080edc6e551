{% if features.auth %}
import logging

{% endif %}
import pytest
from pydantic import ValidationError

from app.config import Settings{% if features.auth %}, get_settings{% endif %}

{% if features.auth %}
from app.main import create_app

STRONG_SECRET = "a-random-secret-that-is-at-least-32-characters"
EXAMPLE_SECRET = "change-me-to-a-long-random-string-before-deploying"


@pytest.fixture(autouse=True)
def fresh_settings_cache() -> None:
    get_settings.cache_clear()


@pytest.mark.parametrize(
    "secret", ["", "too-short", EXAMPLE_SECRET], ids=["empty", "short", "example"]
)
@pytest.mark.parametrize("environment", ["production", "test"])
def test_an_unsafe_secret_key_is_refused_outside_development(
    environment: str, secret: str
) -> None:
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        Settings(_env_file=None, ENVIRONMENT=environment, SECRET_KEY=secret)


def test_get_settings_refuses_production_without_a_secret_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("ENVIRONMENT", "production")
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setitem(Settings.model_config, "env_file", None)

    with pytest.raises(ValidationError, match="SECRET_KEY"):
        get_settings()
    # ... and so the application refuses to start.
    with pytest.raises(ValidationError, match="SECRET_KEY"):
        create_app()


def test_production_accepts_a_strong_secret_key() -> None:
    settings = Settings(
        _env_file=None, ENVIRONMENT="production", SECRET_KEY=STRONG_SECRET
    )

    assert settings.SECRET_KEY.get_secret_value() == STRONG_SECRET


def test_development_accepts_the_example_secret_key() -> None:
    settings = Settings(
        _env_file=None, ENVIRONMENT="development", SECRET_KEY=EXAMPLE_SECRET
    )

    assert settings.SECRET_KEY.get_secret_value() == EXAMPLE_SECRET


def test_development_without_a_secret_key_uses_a_random_one(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.WARNING, logger="app.config"):
        first = Settings(_env_file=None, ENVIRONMENT="development", SECRET_KEY="")
        second = Settings(_env_file=None, ENVIRONMENT="development", SECRET_KEY="")

    assert len(first.SECRET_KEY.get_secret_value()) >= 32
    assert first.SECRET_KEY != second.SECRET_KEY
    assert "SECRET_KEY is not set" in caplog.text


def test_the_secret_key_is_not_shown_in_reprs() -> None:
    settings = Settings(_env_file=None, ENVIRONMENT="test", SECRET_KEY=STRONG_SECRET)

    assert STRONG_SECRET not in repr(settings)
{% endif %}


def test_cors_origins_default_to_the_ones_chosen_at_creation() -> None:
    settings = Settings(_env_file=None, ENVIRONMENT="development")

{% if values.corsOrigins | length %}
    assert settings.CORS_ORIGINS == [
{% for origin in values.corsOrigins %}
        ${{ origin | py }},
{% endfor %}
    ]
{% else %}
    assert settings.CORS_ORIGINS == []
{% endif %}


def test_a_wildcard_cors_origin_is_refused() -> None:
    with pytest.raises(ValidationError, match="CORS_ORIGINS"):
        Settings(_env_file=None, ENVIRONMENT="development", CORS_ORIGINS=["*"])


@pytest.mark.parametrize(
    ("environment", "expected"),
    [("development", "console"), ("test", "json"), ("production", "json")],
)
def test_logs_are_json_outside_development(environment: str, expected: str) -> None:
    settings = Settings(
        _env_file=None,
        ENVIRONMENT=environment,
{% if features.auth %}
        SECRET_KEY="a-random-secret-that-is-at-least-32-characters",
{% endif %}
    )

    assert settings.log_format == expected


def test_log_format_can_be_chosen() -> None:
    settings = Settings(_env_file=None, ENVIRONMENT="development", LOG_FORMAT="json")

    assert settings.log_format == "json"


@pytest.mark.parametrize(
    "setting",
    [
        {"MAX_REQUEST_BODY_BYTES": 0},
        {"HSTS_MAX_AGE": -1},
        {"OTEL_EXPORTER_OTLP_ENDPOINT": "not a url"},
        {"OTEL_SERVICE_NAME": ""},
{% if features.auth %}
        {"LOGIN_RATE_LIMIT": "often"},
{% endif %}
    ],
    ids=lambda setting: next(iter(setting)),
)
def test_invalid_observability_and_hardening_settings_are_refused(
    setting: dict[str, object],
) -> None:
    with pytest.raises(ValidationError, match=next(iter(setting))):
        Settings(_env_file=None, ENVIRONMENT="development", **setting)  # type: ignore[arg-type]
