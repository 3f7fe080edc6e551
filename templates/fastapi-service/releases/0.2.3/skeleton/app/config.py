"""Settings read from the environment (and a local `.env` file), validated at startup."""

{% if features.auth %}
import logging
import secrets
{% endif %}
from functools import lru_cache
from typing import Literal, Self

{% if features.auth %}
from limits import parse
{% endif %}
from pydantic import Field, HttpUrl, {% if features.auth %}SecretStr, field_validator, {% endif %}model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

{% if features.auth %}
logger = logging.getLogger(__name__)

# `.env.example` ships a SECRET_KEY starting with this marker: it only works in development.
PLACEHOLDER_MARKER = "change-me"
MIN_SECRET_LENGTH = 32

{% endif %}

class Settings(BaseSettings):
    """Every setting of the service; environment variables win over `.env`."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore"
    )

    # Unsafe defaults are refused unless this is "development".
    ENVIRONMENT: Literal["development", "test", "production"] = "production"
{% if features.auth %}
    SECRET_KEY: SecretStr = SecretStr("")
    ACCESS_TOKEN_EXPIRE_MINUTES: int = Field(default=30, ge=1)
{% endif %}
{% if features.sqlite %}
    DATABASE_URL: str = "sqlite:///./${{ names.module }}.db"
{% elif features.postgresql %}
    DATABASE_URL: str = "postgresql+psycopg://app@localhost:5432/${{ names.module }}"
{% endif %}
    # Browser origins allowed to call the API with credentials (JSON list in the env).
{% if values.corsOrigins | length %}
    CORS_ORIGINS: list[str] = [
{% for origin in values.corsOrigins %}
        ${{ origin | py }},
{% endfor %}
    ]
{% else %}
    CORS_ORIGINS: list[str] = []
{% endif %}
    LOG_LEVEL: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    # "json": one JSON object per line, for log collectors; "console": readable lines.
    # Unset: console in development, JSON everywhere else.
    LOG_FORMAT: Literal["json", "console"] | None = None
    # OpenTelemetry: traces are exported over OTLP/HTTP to this collector (e.g.
    # http://otel-collector:4318) only when it is set; unset, nothing is instrumented.
    # The exporter's other OTEL_EXPORTER_OTLP_* variables (headers, timeout) apply too.
    OTEL_EXPORTER_OTLP_ENDPOINT: HttpUrl | None = None
    OTEL_SERVICE_NAME: str = Field(default=${{ names.service | py }}, min_length=1)
    # Request bodies larger than this many bytes are refused with 413.
    MAX_REQUEST_BODY_BYTES: int = Field(default=1_048_576, ge=1)
    # Strict-Transport-Security max-age (seconds), sent on HTTPS requests only; 0: never.
    HSTS_MAX_AGE: int = Field(default=31_536_000, ge=0)
{% if features.auth %}
    # Login attempts allowed per client address, in the `limits` notation
    # ("10/minute", "100/hour"); over it, 429 with Retry-After.
    LOGIN_RATE_LIMIT: str = "10/minute"
    # Where attempts are counted: memory:// counts per worker process; a shared store
    # (redis://host:6379, with `limits[redis]` installed) counts across processes and replicas.
    RATE_LIMIT_STORAGE_URI: str = "memory://"
{% endif %}
{% if features.database %}
    # /health reuses a database ping this recent (seconds, per worker process): load
    # balancers ask often, the database need not hear every one. 0: ping every time.
    HEALTH_CHECK_INTERVAL: float = Field(default=1.0, ge=0)
{% endif %}

    @property
    def log_format(self) -> Literal["json", "console"]:
        """LOG_FORMAT, or the environment's default."""
        if self.LOG_FORMAT is not None:
            return self.LOG_FORMAT
        return "console" if self.ENVIRONMENT == "development" else "json"
{% if features.auth %}

    @field_validator("LOGIN_RATE_LIMIT")
    @classmethod
    def _parse_rate_limit(cls, value: str) -> str:
        parse(value)  # ValueError for anything `limits` cannot read
        return value
{% endif %}

    @model_validator(mode="after")
    def _refuse_wildcard_origins(self) -> Self:
        # Credentials are allowed, so "*" would let any website act as the user.
        if "*" in self.CORS_ORIGINS:
            raise ValueError("CORS_ORIGINS must list explicit origins, not '*'")
        return self
{% if features.auth %}

    @model_validator(mode="after")
    def _require_secret_key(self) -> Self:
        secret = self.SECRET_KEY.get_secret_value()
        weak = len(secret) < MIN_SECRET_LENGTH or secret.startswith(PLACEHOLDER_MARKER)
        if weak and self.ENVIRONMENT != "development":
            raise ValueError(
                f"SECRET_KEY must be a random string of at least {MIN_SECRET_LENGTH} "
                f"characters when ENVIRONMENT={self.ENVIRONMENT}; generate one with: "
                "python -c 'import secrets; print(secrets.token_urlsafe(32))'"
            )
        if not secret:
            # Development only: tokens then do not survive a restart.
            self.SECRET_KEY = SecretStr(secrets.token_urlsafe(32))
            logger.warning("SECRET_KEY is not set: using a random key for this process")
        return self
{% endif %}


@lru_cache
def get_settings() -> Settings:
    """The settings, read once per process."""
    return Settings()


async def settings_dependency() -> Settings:
    """`get_settings` as a route dependency (tests override it): async, as it only reads
    a cache, so FastAPI calls it on the event loop instead of handing every request's
    call to the thread pool."""
    return get_settings()
