{% set C = resource.className %}
{% set Model = "SQLModel" if features.database else "BaseModel" %}
"""${{ resource.singularTitle }} models: the shared fields, what clients send, what they get back{% if features.database %} and the table{% endif %}."""

from datetime import UTC, datetime

{% if features.database %}
from pydantic import field_validator
from sqlmodel import Field, SQLModel
{% else %}
from pydantic import BaseModel, Field, field_validator
{% endif %}


class ${{ C }}Base(${{ Model }}):
    name: str = Field(min_length=1, max_length=255)
    description: str | None = Field(default=None, max_length=1000)


class ${{ C }}Create(${{ C }}Base):
    """The body of a create request."""


class ${{ C }}Update(${{ Model }}):
    """The body of a partial update: only the fields sent are changed."""

    name: str | None = Field(default=None, min_length=1, max_length=255)
    description: str | None = Field(default=None, max_length=1000)

    @field_validator("name")
    @classmethod
    def _name_not_null(cls, name: str | None) -> str:
        # Omitting "name" keeps it; sending null would erase a required field.
        if name is None:
            raise ValueError("name cannot be null")
        return name


class ${{ C }}Public(${{ C }}Base):
    """A ${{ resource.singularTitle | lower }} as the API returns it."""

    id: int
    created_at: datetime


class ${{ C }}Page(${{ Model }}):
    """One page of a list, with the total number of ${{ resource.title | lower }}."""

    data: list[${{ C }}Public]
    count: int


{% if features.database %}
class ${{ C }}(${{ C }}Base, table=True):
    """The `${{ resource.table }}` table."""

    __tablename__ = "${{ resource.table }}"

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
{% else %}
class ${{ C }}(${{ C }}Base):
    """A stored ${{ resource.singularTitle | lower }} (kept in the in-memory store)."""

    id: int
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
{% endif %}
