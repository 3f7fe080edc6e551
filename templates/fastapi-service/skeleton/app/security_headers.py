"""Security headers on every response, as a pure ASGI middleware (no request objects)."""

from starlette.datastructures import MutableHeaders
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


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, hsts_max_age: int) -> None:
        self.app = app
        self.hsts_max_age = hsts_max_age

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = security_headers(scope["scheme"], self.hsts_max_age)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                response_headers = MutableHeaders(scope=message)
                for name, value in headers.items():
                    # A route that sets one itself keeps its own value.
                    response_headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)
