"""Security headers on every response, as a pure ASGI middleware (no request objects)."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

# What browsers should do with this API's responses: never sniff another content type,
# never frame them, and send no full URL to other sites.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


def security_headers(scheme: str, hsts_max_age: int) -> dict[str, str]:
    """The headers for a request that came over `scheme` (uvicorn's --proxy-headers
    takes it from X-Forwarded-Proto behind a trusted proxy): HSTS only over HTTPS, where
    browsers honour it."""
    headers = dict(SECURITY_HEADERS)
    if scheme == "https" and hsts_max_age > 0:
        headers["Strict-Transport-Security"] = (
            f"max-age={hsts_max_age}; includeSubDomains"
        )
    return headers


def encoded(headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
    return [(name.lower().encode(), value.encode()) for name, value in headers.items()]


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, hsts_max_age: int) -> None:
        self.app = app
        # Encoded once: every response only appends them.
        self.http_headers = encoded(security_headers("http", hsts_max_age))
        self.https_headers = encoded(security_headers("https", hsts_max_age))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.https_headers if scope["scheme"] == "https" else self.http_headers

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                raw = list(message.get("headers", ()))
                present = {name.lower() for name, _ in raw}
                # A route that sets one itself keeps its own value.
                raw.extend(header for header in extra if header[0] not in present)
                message["headers"] = raw
            await send(message)

        await self.app(scope, receive, send_with_headers)
