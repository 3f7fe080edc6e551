"""`GET /metrics`: the Prometheus scrape endpoint."""

from fastapi import APIRouter, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from app.metrics import metrics_registry

router = APIRouter()


# Left out of the OpenAPI document on purpose: Prometheus' text format is for the
# scraper, not part of the API clients program against.
@router.get("/metrics", include_in_schema=False)
def metrics() -> Response:
    return Response(generate_latest(metrics_registry()), media_type=CONTENT_TYPE_LATEST)
