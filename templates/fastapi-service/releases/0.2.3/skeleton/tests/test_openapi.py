"""openapi.json, committed for API consumers, is exactly what the app serves."""

import json
import runpy
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

OPENAPI_JSON = Path(__file__).resolve().parents[1] / "openapi.json"


def test_openapi_json_is_what_the_app_serves(client: TestClient) -> None:
    committed = json.loads(OPENAPI_JSON.read_text(encoding="utf-8"))

    assert committed == client.get("/openapi.json").json(), (
        "openapi.json is out of date: regenerate it with "
        "`ENVIRONMENT=development python -m app.openapi > openapi.json`"
    )


def test_the_export_prints_the_served_document(
    client: TestClient, capsys: pytest.CaptureFixture[str]
) -> None:
    runpy.run_module("app.openapi", run_name="__main__")

    assert json.loads(capsys.readouterr().out) == client.get("/openapi.json").json()
