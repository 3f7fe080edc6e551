from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from app import metrics
from app.config import Settings
from app.main import create_app

ITEM_ROUTE = ${{ (resource.path + "/{" + resource.singular + "_id}") | py }}


def request_count(client: TestClient, method: str, route: str, status: str) -> float:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            if sample.name == "http_requests_total" and sample.labels == {
                "method": method,
                "route": route,
                "status": status,
            }:
                return sample.value
    return 0.0


def test_requests_are_counted_by_route_template_and_status(client: TestClient) -> None:
    before = request_count(client, "GET", ITEM_ROUTE, "404")

    client.get(${{ (resource.path + "/2147483647") | py }})
    client.get(${{ (resource.path + "/2147483646") | py }})

    # Two paths, one route: the template is the label, never the raw path.
    assert request_count(client, "GET", ITEM_ROUTE, "404") == before + 2


def test_their_latency_is_recorded(client: TestClient) -> None:
    client.get("/health/live")

    text = client.get("/metrics").text
    assert (
        'http_request_duration_seconds_count{method="GET",route="/health/live",status="200"}'
        in text
    )


def test_paths_no_route_matches_share_one_label(client: TestClient) -> None:
    before = request_count(client, "GET", "unmatched", "404")

    client.get("/no-such-route")
    client.get("/another/missing/path")

    assert request_count(client, "GET", "unmatched", "404") == before + 2


def test_an_unhandled_error_is_counted_as_500(settings: Settings) -> None:
    app = create_app(settings)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("failure")

    client = TestClient(app, raise_server_exceptions=False)
    before = request_count(client, "GET", "/boom", "500")

    assert client.get("/boom").status_code == 500
    assert request_count(client, "GET", "/boom", "500") == before + 1


def test_multiprocess_mode_reads_the_workers_directory(
    client: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(metrics, "MULTIPROCESS_DIR", str(tmp_path))

    response = client.get("/metrics")

    # The directory holds no worker's samples yet: this process's own are not served.
    assert response.status_code == 200
    assert "http_requests_total" not in response.text


def test_metrics_are_not_part_of_the_api_document(client: TestClient) -> None:
    assert "/metrics" not in client.get("/openapi.json").json()["paths"]
