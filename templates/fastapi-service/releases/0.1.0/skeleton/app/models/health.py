"""The health check response."""

from typing import Literal

from pydantic import BaseModel


class HealthStatus(BaseModel):
    status: Literal["ok", "unavailable"]
{% if features.database %}
    database: Literal["ok", "unreachable"]
{% endif %}
