{% set Model = "SQLModel" if features.database else "BaseModel" %}
"""User models: sign-up body, public profile{% if features.database %} and the table{% endif %}."""

from datetime import UTC, datetime

{% if features.database %}
from pydantic import EmailStr
from sqlmodel import Field, SQLModel
{% else %}
from pydantic import BaseModel, EmailStr, Field
{% endif %}


class UserBase(${{ Model }}):
{% if features.database %}
    email: EmailStr = Field(unique=True, index=True, max_length=255)
{% else %}
    email: EmailStr = Field(max_length=255)
{% endif %}
    full_name: str | None = Field(default=None, max_length=255)


class UserCreate(UserBase):
    """The body of a sign-up request."""

    password: str = Field(min_length=8, max_length=128)


class UserPublic(UserBase):
    """A user as the API returns it: never the password hash."""

    id: int
    created_at: datetime


{% if features.database %}
class User(UserBase, table=True):
    """The `user` table."""

    __tablename__ = "user"

    id: int | None = Field(default=None, primary_key=True)
    hashed_password: str = Field(max_length=255)
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
{% else %}
class User(UserBase):
    """A stored user (kept in the in-memory store)."""

    id: int
    hashed_password: str
    created_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
{% endif %}
