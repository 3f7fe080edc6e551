"""Prometheus metrics: requests counted and timed by method, route template and status
(recorded by app/request_middleware.py); app/routers/metrics.py serves them at /metrics.

With several worker processes, PROMETHEUS_MULTIPROC_DIR names a directory where each
worker writes its samples and /metrics adds them up (prometheus_client's multiprocess
mode): it must exist, be writable, and start empty with the server.
"""

import os
from pathlib import Path

from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram
from prometheus_client.multiprocess import MultiProcessCollector
from starlette.types import Scope

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


def route_label(scope: Scope) -> str:
    """The route template the router matched (it puts the route in the scope), not the
    path, so /items/1 and /items/2 count as one series."""
    return getattr(scope.get("route"), "path", UNMATCHED)


def method_label(method: str) -> str:
    return method if method in METHODS else "OTHER"


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
