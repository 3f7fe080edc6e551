"""Passwords (Argon2 via pwdlib) and access tokens (JWT via PyJWT)."""

import functools
import secrets
from datetime import UTC, datetime, timedelta

import jwt
from fastapi import HTTPException, status
from fastapi.security import OAuth2PasswordBearer
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from app.config import Settings

# Pinned: a token may never choose its own algorithm (e.g. "none").
ALGORITHM = "HS256"

password_hash = PasswordHash((Argon2Hasher(),))


@functools.cache
def dummy_hash() -> str:
    """A hash to verify against when the email is unknown.

    Login then takes as long as for a wrong password, so response times do not reveal
    which emails have accounts. Made on first use rather than at import, where it would
    add ~0.1 s to every worker's start.
    """
    return password_hash.hash(secrets.token_urlsafe(16))


oauth2_scheme = OAuth2PasswordBearer(tokenUrl="auth/token")


def hash_password(password: str) -> str:
    return password_hash.hash(password)


def check_password(password: str, hashed_password: str | None) -> bool:
    """Verify a password; `None` (unknown user) costs the same and is always False."""
    if hashed_password is None:
        password_hash.verify(password, dummy_hash())
        return False
    return password_hash.verify(password, hashed_password)


def create_access_token(
    user_id: int, settings: Settings, expires_delta: timedelta | None = None
) -> str:
    now = datetime.now(UTC)
    expires = expires_delta or timedelta(minutes=settings.ACCESS_TOKEN_EXPIRE_MINUTES)
    payload = {"sub": str(user_id), "iat": now, "exp": now + expires}
    return jwt.encode(payload, settings.SECRET_KEY.get_secret_value(), ALGORITHM)


def decode_access_token(token: str, settings: Settings) -> int | None:
    """The user id a valid, unexpired token was issued for; None for any bad token."""
    try:
        payload = jwt.decode(
            token,
            settings.SECRET_KEY.get_secret_value(),
            algorithms=[ALGORITHM],
            options={"require": ["exp", "sub"]},
        )
        return int(payload["sub"])
    except (jwt.InvalidTokenError, ValueError):
        return None


def unauthorized(detail: str = "Could not validate credentials") -> HTTPException:
    """A 401 that tells the client which scheme to use, as RFC 6750 asks."""
    return HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail=detail,
        headers={"WWW-Authenticate": "Bearer"},
    )
