"""What every request goes through, in one pure ASGI middleware: its id
(app/request_id.py), the body size limit (app/body_size.py), the security headers
(app/security_headers.py) and the metrics (app/metrics.py). One layer instead of four:
each layer costs every request another coroutine and another wrapper round `send`.
"""

import time

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.body_size import declared_too_large, receive_within_limit
from app.metrics import method_label, record, route_label
from app.request_id import REQUEST_ID_KEY, add_request_id_header, start_request
from app.security_headers import SecurityHeaders, add_security_headers


class RequestMiddleware:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int, hsts_max_age: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.security_headers = SecurityHeaders(hsts_max_age)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = scope["type"]
        if kind != "http":
            if kind == "websocket":
                # Its log lines carry an id too (no response headers to return it on).
                start_request(scope, _read_headers(scope)[0])
            await self.app(scope, receive, send)
            return

        started = time.perf_counter()
        given_id, content_length = _read_headers(scope)
        request_id = start_request(scope, given_id)
        extra_headers = self.security_headers.for_scheme(scope["scheme"])
        # An exception that escapes the app becomes a 500 outside this middleware.
        status = 500

        async def send_with_headers(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                raw_headers = list(message.get("headers", ()))
                add_security_headers(raw_headers, extra_headers)
                add_request_id_header(raw_headers, request_id)
                message["headers"] = raw_headers
            await send(message)

        try:
            if content_length is None:
                receive = receive_within_limit(receive, self.max_body_bytes)
                await self.app(scope, receive, send_with_headers)
            elif refusal := declared_too_large(content_length, self.max_body_bytes):
                await refusal(scope, receive, send_with_headers)
            else:
                await self.app(scope, receive, send_with_headers)
        finally:
            seconds = time.perf_counter() - started
            record(method_label(scope["method"]), route_label(scope), status, seconds)


def _read_headers(scope: Scope) -> tuple[bytes | None, bytes | None]:
    """The request's X-Request-ID and Content-Length, in one pass over its headers."""
    headers: list[tuple[bytes, bytes]] = scope["headers"]
    given_id = content_length = None
    for name, value in headers:
        if name == REQUEST_ID_KEY:
            given_id = value
        elif name == b"content-length":
            content_length = value
    return given_id, content_length
