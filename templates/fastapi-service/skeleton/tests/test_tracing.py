import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
{% if features.database %}
from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
{% endif %}
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from pydantic import HttpUrl

from app.config import Settings
from app.main import create_app
{% if features.database %}
from app.routers import health
{% endif %}
from app.tracing import configure_tracing


@pytest.fixture(name="traced")
def traced_fixture(settings: Settings) -> Iterator[Settings]:
{% if features.database %}
    # instrument() is a no-op while an earlier instrumentation is active: start clean.
    assert not SQLAlchemyInstrumentor().is_instrumented_by_opentelemetry
{% endif %}
    yield settings.model_copy(
        update={"OTEL_EXPORTER_OTLP_ENDPOINT": HttpUrl("http://127.0.0.1:4318")}
    )
{% if features.database %}
    # The instrumentors are process-wide: leave none behind for the other tests.
    SQLAlchemyInstrumentor().uninstrument()
{% endif %}


@pytest.fixture(name="collector")
def collector_fixture() -> Iterator[tuple[HttpUrl, list[str]]]:
    """A stand-in OTLP/HTTP collector on a free local port, and the paths posted to it.

    It answers at once: a closed port would have the exporter retry, with backoff, for
    seconds.
    """
    received: list[str] = []

    class Collector(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            received.append(self.path)
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

    server = HTTPServer(("127.0.0.1", 0), Collector)
    # Polled often: `shutdown` waits for the loop to look (every 0.5 s by default).
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
    )
    thread.start()
    yield HttpUrl(f"http://127.0.0.1:{server.server_port}"), received
    server.shutdown()
    server.server_close()
    thread.join()


def test_nothing_is_instrumented_without_an_endpoint(settings: Settings) -> None:
    app = FastAPI()

    assert configure_tracing(app, settings) is None
    assert not getattr(app, "_is_instrumented_by_opentelemetry", False)


def test_requests_{% if features.database %}and_database_calls_{% endif %}are_traced_when_an_endpoint_is_set(
{% if features.database %}
    settings: Settings, traced: Settings, monkeypatch: pytest.MonkeyPatch
{% else %}
    settings: Settings, traced: Settings
{% endif %}
) -> None:
{% if features.database %}
    # A ping of its own: the process-wide one may hold an earlier test's answer (for
    # HEALTH_CHECK_INTERVAL), which /health/ready would return without a SELECT.
    monkeypatch.setattr(health, "database_ping", health.DatabasePing())
{% endif %}
    app = create_app(settings)
    exporter = InMemorySpanExporter()
    provider = configure_tracing(app, traced, exporter)
    assert provider is not None

    with TestClient(app) as client:
        assert client.get("/health/ready").status_code == 200
        client.get("/metrics")
    provider.force_flush()
    spans = exporter.get_finished_spans()
    provider.shutdown()
    FastAPIInstrumentor.uninstrument_app(app)

    server_spans = [s for s in spans if s.name == "GET /health/ready"]
    assert server_spans
    resource = server_spans[0].resource.attributes
    assert resource["service.name"] == traced.OTEL_SERVICE_NAME
    # Scrapes are left out: they would drown the traces that matter.
    assert not [s for s in spans if "/metrics" in s.name]
{% if features.database %}
    assert [s for s in spans if s.name.startswith("SELECT")], [s.name for s in spans]
{% endif %}


def test_the_app_exports_when_an_endpoint_is_set(
    traced: Settings, collector: tuple[HttpUrl, list[str]]
) -> None:
    endpoint, received = collector
    app = create_app(
        traced.model_copy(update={"OTEL_EXPORTER_OTLP_ENDPOINT": endpoint})
    )

    with TestClient(app) as client:
        assert client.get("/health").status_code == 200
    # Stopped: the provider is shut down with the app, which sends the buffered spans.
    assert received
    assert set(received) == {"/v1/traces"}

    assert getattr(app, "_is_instrumented_by_opentelemetry", False)
    FastAPIInstrumentor.uninstrument_app(app)
