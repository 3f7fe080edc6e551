from collections.abc import Iterator

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
from app.tracing import configure_tracing


@pytest.fixture(name="traced")
def traced_fixture(settings: Settings) -> Iterator[Settings]:
    yield settings.model_copy(
        update={"OTEL_EXPORTER_OTLP_ENDPOINT": HttpUrl("http://127.0.0.1:4318")}
    )
{% if features.database %}
    # The instrumentors are process-wide: leave none behind for the other tests.
    SQLAlchemyInstrumentor().uninstrument()
{% endif %}


def test_nothing_is_instrumented_without_an_endpoint(settings: Settings) -> None:
    app = FastAPI()

    assert configure_tracing(app, settings) is None
    assert not getattr(app, "_is_instrumented_by_opentelemetry", False)


def test_requests_{% if features.database %}and_database_calls_{% endif %}are_traced_when_an_endpoint_is_set(
    settings: Settings, traced: Settings
) -> None:
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


def test_the_app_exports_when_an_endpoint_is_set(traced: Settings) -> None:
    app = create_app(traced)

    # Started and stopped: the provider is shut down with the app (no spans to send).
    with TestClient(app):
        pass

    assert getattr(app, "_is_instrumented_by_opentelemetry", False)
    FastAPIInstrumentor.uninstrument_app(app)
