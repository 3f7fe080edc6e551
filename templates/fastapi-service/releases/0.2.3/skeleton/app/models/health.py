"""The probes' responses."""

from typing import Literal

from pydantic import BaseModel


class LiveStatus(BaseModel):
    status: Literal["ok"]


class HealthStatus(BaseModel):
    status: Literal["ok", "unavailable"]
{% if features.database %}
    database: Literal["ok", "unreachable"]
{% endif %}
