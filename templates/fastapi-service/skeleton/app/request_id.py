"""Request ids: `X-Request-ID` is taken from the request when it is a plausible id and
generated otherwise, returned on the response and put on every log record (see
app/logging_config.py), so one request's lines can be found across services."""

import re
from uuid import uuid4

from asgi_correlation_id import CorrelationIdMiddleware, correlation_id
from fastapi import FastAPI

REQUEST_ID_HEADER = "X-Request-ID"

# A given id is echoed and logged: bounded, and without spaces or control characters
# that could forge log lines. Anything else is replaced by a generated id.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def is_valid_request_id(value: str) -> bool:
    return VALID_REQUEST_ID.fullmatch(value) is not None


def new_request_id() -> str:
    return uuid4().hex


def current_request_id() -> str | None:
    """The id of the request being handled (None outside a request)."""
    return correlation_id.get()


class RequestIdMiddleware(CorrelationIdMiddleware):
    """asgi-correlation-id's middleware without its Sentry tagging: the service does not
    report to Sentry (sentry-sdk only comes with fastapi[standard]'s CLI), and the tagging
    would import it at startup and touch it on every request."""

    def __post_init__(self) -> None:
        self.sentry_extension = _no_sentry


def _no_sentry(_request_id: str) -> None:
    return None


def add_request_id(app: FastAPI) -> None:
    app.add_middleware(
        RequestIdMiddleware,
        header_name=REQUEST_ID_HEADER,
        generator=new_request_id,
        validator=is_valid_request_id,
    )
