"""`/auth`: sign up, and exchange email + password for a bearer token."""

from typing import Annotated

from fastapi import APIRouter, Depends, status
from fastapi.security import OAuth2PasswordRequestForm

from app.dependencies import SettingsDep, UserServiceDep
from app.errors import ErrorBody
from app.models.token import Token
from app.models.user import UserCreate, UserPublic
from app.rate_limit import LoginRateLimit
from app.services.auth import create_access_token, unauthorized

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/signup", status_code=status.HTTP_201_CREATED)
def signup(user_in: UserCreate, users: UserServiceDep) -> UserPublic:
    user = users.create(user_in)
    return UserPublic.model_validate(user, from_attributes=True)


@router.post(
    "/token",
    responses={
        status.HTTP_429_TOO_MANY_REQUESTS: {
            "model": ErrorBody,
            "description": "Too many login attempts from this client address",
            "headers": {
                "Retry-After": {
                    "description": "Seconds until the next attempt is allowed",
                    "schema": {"type": "integer"},
                }
            },
        }
    },
)
def login(
    _rate_limit: LoginRateLimit,
    form: Annotated[OAuth2PasswordRequestForm, Depends()],
    users: UserServiceDep,
    settings: SettingsDep,
) -> Token:
    """OAuth2 password flow: the form's `username` is the email."""
    user = users.authenticate(form.username, form.password)
    if user is None{% if features.database %} or user.id is None{% endif %}:
        raise unauthorized("Incorrect email or password")
    return Token(access_token=create_access_token(user.id, settings))
