"""OpenTelemetry traces of requests{% if features.database %} and database calls{% endif %}, exported over OTLP/HTTP when
OTEL_EXPORTER_OTLP_ENDPOINT is set. Unset, nothing is instrumented or exported and
requests pay nothing for tracing.
"""

from typing import TYPE_CHECKING

from fastapi import FastAPI

from app.config import Settings
{% if features.database %}
from app.database import get_engine
{% endif %}

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import SpanExporter

# Prometheus scrapes this every few seconds: spans of it would be noise.
EXCLUDED_URLS = "/metrics"


def configure_tracing(
    app: FastAPI, settings: Settings, exporter: "SpanExporter | None" = None
) -> "TracerProvider | None":
    """Instrument `app`{% if features.database %} and its database engine{% endif %} when tracing is on; the provider is
    returned so the app can flush and shut it down. `exporter` replaces the OTLP one
    (tests)."""
    endpoint = settings.OTEL_EXPORTER_OTLP_ENDPOINT
    if endpoint is None:
        return None
    # Imported here, only when tracing is on: a service without it starts as fast as
    # before and loads none of it.
    from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
    from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
{% if features.database %}
    from opentelemetry.instrumentation.sqlalchemy import SQLAlchemyInstrumentor
{% endif %}
    from opentelemetry.sdk.resources import SERVICE_NAME, Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import BatchSpanProcessor

    provider = TracerProvider(
        resource=Resource.create({SERVICE_NAME: settings.OTEL_SERVICE_NAME})
    )
    traces_url = f"{str(endpoint).rstrip('/')}/v1/traces"
    provider.add_span_processor(
        BatchSpanProcessor(exporter or OTLPSpanExporter(endpoint=traces_url))
    )
    FastAPIInstrumentor.instrument_app(
        app, tracer_provider=provider, excluded_urls=EXCLUDED_URLS
    )
{% if features.database %}
    SQLAlchemyInstrumentor().instrument(
        engine=get_engine(settings.DATABASE_URL), tracer_provider=provider
    )
{% endif %}
    return provider
