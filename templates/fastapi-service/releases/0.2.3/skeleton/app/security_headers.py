"""Security headers on every response (added by app/request_middleware.py)."""

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


class SecurityHeaders:
    """The headers, encoded once for each scheme: every response only appends them."""

    def __init__(self, hsts_max_age: int) -> None:
        self.http = encoded(security_headers("http", hsts_max_age))
        self.https = encoded(security_headers("https", hsts_max_age))

    def for_scheme(self, scheme: str) -> list[tuple[bytes, bytes]]:
        return self.https if scheme == "https" else self.http


def add_security_headers(
    raw_headers: list[tuple[bytes, bytes]], extra: list[tuple[bytes, bytes]]
) -> None:
    """Adds `extra` to a response's raw ASGI headers; one the route set itself keeps the
    route's value."""
    present = {name.lower() for name, _ in raw_headers}
    raw_headers.extend(header for header in extra if header[0] not in present)
