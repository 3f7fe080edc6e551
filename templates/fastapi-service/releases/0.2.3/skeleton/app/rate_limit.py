"""A limit on login attempts per client address (`LOGIN_RATE_LIMIT`): beyond it the
login route answers 429 with Retry-After, before any password is checked. Counted by
the `limits` library in `RATE_LIMIT_STORAGE_URI`."""

import math
import time
from functools import lru_cache
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

from app.config import Settings, settings_dependency


class LoginRateLimiter:
    def __init__(self, limit: str, storage_uri: str) -> None:
        self.limit = parse(limit)
        self.limiter = MovingWindowRateLimiter(storage_from_string(storage_uri))

    def retry_after(self, client: str) -> int | None:
        """Counts an attempt from `client`: None when it is allowed, otherwise the
        seconds until the oldest attempt in the window expires."""
        if self.limiter.hit(self.limit, "login", client):
            return None
        reset_at, _remaining = self.limiter.get_window_stats(
            self.limit, "login", client
        )
        return max(1, math.ceil(reset_at - time.time()))


@lru_cache
def login_rate_limiter(limit: str, storage_uri: str) -> LoginRateLimiter:
    """One limiter, and so one count, per setting and process."""
    return LoginRateLimiter(limit, storage_uri)


def get_login_rate_limiter(
    settings: Annotated[Settings, Depends(settings_dependency)],
) -> LoginRateLimiter:
    return login_rate_limiter(
        settings.LOGIN_RATE_LIMIT, settings.RATE_LIMIT_STORAGE_URI
    )


def enforce_login_rate_limit(
    request: Request,
    limiter: Annotated[LoginRateLimiter, Depends(get_login_rate_limiter)],
) -> None:
    # The client address behind a trusted proxy (uvicorn's --proxy-headers).
    client = request.client.host if request.client else "unknown"
    retry_after = limiter.retry_after(client)
    if retry_after is not None:
        raise HTTPException(
            status.HTTP_429_TOO_MANY_REQUESTS,
            detail="Too many login attempts: try again later",
            headers={"Retry-After": str(retry_after)},
        )


LoginRateLimit = Annotated[None, Depends(enforce_login_rate_limit)]
