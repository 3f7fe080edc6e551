"""A limit on request body size (`MAX_REQUEST_BODY_BYTES`): 413 beyond it, before the
body is read when Content-Length says so, or as soon as a streamed body passes it."""

from fastapi import status
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import error_response, status_code_name


def too_large(max_bytes: int) -> HTTPException:
    return HTTPException(
        status.HTTP_413_CONTENT_TOO_LARGE,
        detail=f"The request body is larger than {max_bytes} bytes",
    )


class BodySizeLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope["headers"]:
            if name == b"content-length":
                # The server makes the body match a Content-Length: checking it is enough.
                if value.isdigit() and int(value) > self.max_bytes:
                    error = too_large(self.max_bytes)
                    response = error_response(
                        error.status_code,
                        status_code_name(error.status_code),
                        error.detail,
                    )
                    await response(scope, receive, send)
                    return
                await self.app(scope, receive, send)
                return

        received = 0

        async def receive_within_limit() -> Message:
            # A chunked body: count it as the app reads it. The exception reaches the
            # app's HTTPException handler, which answers 413 in the common error body.
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise too_large(self.max_bytes)
            return message

        await self.app(scope, receive_within_limit, send)
