"""Prometheus metrics: requests counted and timed by method, route template and status,
by a pure ASGI middleware; app/routers/metrics.py serves them at /metrics.

With several worker processes, PROMETHEUS_MULTIPROC_DIR names a directory where each
worker writes its samples and /metrics adds them up (prometheus_client's multiprocess
mode): it must exist, be writable, and start empty with the server.
"""

import os
import time
from pathlib import Path

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

MULTIPROCESS_DIR = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if MULTIPROCESS_DIR:
    Path(MULTIPROCESS_DIR).mkdir(parents=True, exist_ok=True)

LABELS = ("method", "route", "status")
REQUESTS = Counter("http_requests", "HTTP requests answered.", LABELS)
DURATION = Histogram(
    "http_request_duration_seconds", "Time to answer an HTTP request.", LABELS
)

# Labels stay few: any other method, and any path no route matched, share one value.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED = "unmatched"


def metrics_registry() -> CollectorRegistry:
    """This process's registry, or every worker's samples in multiprocess mode."""
    if not MULTIPROCESS_DIR:
        return REGISTRY
    registry = CollectorRegistry()
    # prometheus_client ships no annotations for this constructor.
    MultiProcessCollector(registry, path=MULTIPROCESS_DIR)  # type: ignore[no-untyped-call]
    return registry


class MetricsMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        # An exception that escapes the app becomes a 500 outside this middleware.
        status = 500

        async def send_and_note_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note_status)
        finally:
            # The router puts the matched route in the scope: its template, not the
            # path, so /items/1 and /items/2 count as one series.
            route = getattr(scope.get("route"), "path", UNMATCHED)
            method = scope["method"] if scope["method"] in METHODS else "OTHER"
            record(method, route, status, time.perf_counter() - started)


# Each label combination's two series, looked up once: `.labels()` validates and locks
# on every call, which a busy service would pay on every request.
_series: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}


def record(method: str, route: str, status: int, seconds: float) -> None:
    key = (method, route, status)
    series = _series.get(key)
    if series is None:
        labels = (method, route, str(status))
        series = _series[key] = (REQUESTS.labels(*labels), DURATION.labels(*labels))
    series[0].inc()
    series[1].observe(seconds)
