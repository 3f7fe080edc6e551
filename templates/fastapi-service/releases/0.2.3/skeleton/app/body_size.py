"""A limit on request body size (`MAX_REQUEST_BODY_BYTES`): 413 beyond it, before the
body is read when Content-Length says so, or as soon as a streamed body passes it.
Applied by app/request_middleware.py."""

from fastapi import status
from starlette.exceptions import HTTPException
from starlette.responses import Response
from starlette.types import Message, Receive

from app.errors import error_response, status_code_name


def too_large(max_bytes: int) -> HTTPException:
    return HTTPException(
        status.HTTP_413_CONTENT_TOO_LARGE,
        detail=f"The request body is larger than {max_bytes} bytes",
    )


def declared_too_large(content_length: bytes, max_bytes: int) -> Response | None:
    """The 413 answer when a request's Content-Length is over the limit. The server makes
    the body match a Content-Length: checking it is enough."""
    if not content_length.isdigit() or int(content_length) <= max_bytes:
        return None
    error = too_large(max_bytes)
    return error_response(
        error.status_code, status_code_name(error.status_code), error.detail
    )


def receive_within_limit(receive: Receive, max_bytes: int) -> Receive:
    """`receive` for a body without Content-Length (chunked): counted as the app reads
    it. The exception reaches the app's HTTPException handler, which answers 413 in the
    common error body."""
    received = 0

    async def receive_counted() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > max_bytes:
                raise too_large(max_bytes)
        return message

    return receive_counted
