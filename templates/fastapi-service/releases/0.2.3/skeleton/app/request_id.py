"""Request ids: `X-Request-ID` is taken from the request when it is a plausible id and
generated otherwise, returned on the response and put on every log record (see
app/logging_config.py), so one request's lines can be found across services. Set by
app/request_middleware.py, once per request."""

import logging
import re
from secrets import token_hex

from asgi_correlation_id import correlation_id
from starlette.datastructures import MutableHeaders
from starlette.types import Scope

REQUEST_ID_HEADER = "X-Request-ID"
REQUEST_ID_KEY = REQUEST_ID_HEADER.lower().encode()

# A given id is echoed and logged: bounded, and without spaces or control characters
# that could forge log lines. Anything else is replaced by a generated id.
VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

logger = logging.getLogger(__name__)


def is_valid_request_id(value: str) -> bool:
    return VALID_REQUEST_ID.fullmatch(value) is not None


def new_request_id() -> str:
    # 32 hex digits, as uuid4().hex gives, without building a UUID on every request.
    return token_hex(16)


def current_request_id() -> str | None:
    """The id of the request being handled (None outside a request)."""
    return correlation_id.get()


def start_request(scope: Scope, given: bytes | None) -> str:
    """The id of the request `scope` (`given`: its X-Request-ID header), set for the log
    records written while it is handled. A generated id also replaces the request's
    header, so the app reads the id the response and the logs carry."""
    if given is not None:
        value = given.decode("latin-1")
        if is_valid_request_id(value):
            correlation_id.set(value)
            return value
    request_id = new_request_id()
    correlation_id.set(request_id)
    if given is not None:
        # Logged with the new id: the line is found with the id the client gets back.
        logger.warning(
            "Replaced an implausible %s with %s", REQUEST_ID_HEADER, request_id
        )
    # The raw ASGI list, edited directly: a MutableHeaders view costs more per request.
    scope["headers"] = [
        *(header for header in scope["headers"] if header[0] != REQUEST_ID_KEY),
        (REQUEST_ID_KEY, request_id.encode()),
    ]
    return request_id


def add_request_id_header(
    raw_headers: list[tuple[bytes, bytes]], request_id: str
) -> None:
    """Returns the id on a response (its raw ASGI header list)."""
    MutableHeaders(raw=raw_headers).append(REQUEST_ID_HEADER, request_id)
