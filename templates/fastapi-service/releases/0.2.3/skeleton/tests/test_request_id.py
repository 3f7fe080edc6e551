import io
import json
import logging
import logging.config
import re
from collections.abc import Callable, Iterator

import pytest
from fastapi import Request
from fastapi.testclient import TestClient

from app.config import Settings
from app.logging_config import LogFormat, build_logging_config, configure_logging
from app.main import create_app
from app.request_id import REQUEST_ID_HEADER

GENERATED = re.compile(r"[0-9a-f]{32}")

CaptureLogs = Callable[[LogFormat], io.StringIO]


def test_a_given_request_id_is_returned(client: TestClient) -> None:
    response = client.get("/health/live", headers={REQUEST_ID_HEADER: "abc-12.D:4_5"})

    assert response.headers[REQUEST_ID_HEADER] == "abc-12.D:4_5"


def test_a_missing_request_id_is_generated(client: TestClient) -> None:
    first = client.get("/health/live").headers[REQUEST_ID_HEADER]
    second = client.get("/health/live").headers[REQUEST_ID_HEADER]

    assert GENERATED.fullmatch(first)
    assert GENERATED.fullmatch(second)
    assert first != second


@pytest.mark.parametrize(
    "given",
    ["x" * 129, "two words", "a;b", "<script>"],
    ids=["too-long", "space", "semicolon", "markup"],
)
def test_an_implausible_request_id_is_replaced(client: TestClient, given: str) -> None:
    returned = client.get("/health/live", headers={REQUEST_ID_HEADER: given}).headers[
        REQUEST_ID_HEADER
    ]

    assert GENERATED.fullmatch(returned)


@pytest.fixture(name="logging_app")
def logging_app_fixture(settings: Settings) -> TestClient:
    app = create_app(settings)

    @app.get("/log-something")
    def log_something() -> None:
        logging.getLogger("app.example").warning("inside the request")

    @app.get("/my-request-id")
    def my_request_id(request: Request) -> str | None:
        return request.headers.get(REQUEST_ID_HEADER)

    return TestClient(app)


def test_the_app_reads_the_id_the_response_carries(logging_app: TestClient) -> None:
    given = logging_app.get("/my-request-id", headers={REQUEST_ID_HEADER: "req-7"})
    generated = logging_app.get("/my-request-id")
    replaced = logging_app.get("/my-request-id", headers={REQUEST_ID_HEADER: "a b"})

    for response in (given, generated, replaced):
        assert response.json() == response.headers[REQUEST_ID_HEADER]
    assert given.json() == "req-7"


@pytest.fixture(name="capture_logs")
def capture_logs_fixture(settings: Settings) -> Iterator[CaptureLogs]:
    """Sends the app's log configuration, in a given format, to a string."""

    def capture(log_format: LogFormat) -> io.StringIO:
        stream = io.StringIO()
        config = build_logging_config("INFO", log_format)
        config["handlers"]["console"]["stream"] = stream
        logging.config.dictConfig(config)
        return stream

    yield capture
    configure_logging(settings.LOG_LEVEL, settings.log_format)


def test_json_log_lines_carry_the_request_id(
    logging_app: TestClient, capture_logs: CaptureLogs
) -> None:
    stream = capture_logs("json")

    logging_app.get("/log-something", headers={REQUEST_ID_HEADER: "req-42"})

    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    mine = [r for r in records if r["logger"] == "app.example"]
    assert len(mine) == 1
    assert mine[0]["request_id"] == "req-42"
    assert mine[0]["level"] == "WARNING"
    assert mine[0]["message"] == "inside the request"
    assert "time" in mine[0]


def test_console_log_lines_carry_the_request_id(
    logging_app: TestClient, capture_logs: CaptureLogs
) -> None:
    stream = capture_logs("console")

    logging_app.get("/log-something", headers={REQUEST_ID_HEADER: "req-43"})

    (line,) = [line for line in stream.getvalue().splitlines() if "app.example" in line]
    assert line.endswith("WARNING [app.example] [req-43] inside the request")


def test_a_replaced_request_id_is_logged_with_the_new_one(
    logging_app: TestClient, capture_logs: CaptureLogs
) -> None:
    stream = capture_logs("json")

    response = logging_app.get("/log-something", headers={REQUEST_ID_HEADER: "a b"})

    new_id = response.headers[REQUEST_ID_HEADER]
    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    (warning,) = [r for r in records if r["logger"] == "app.request_id"]
    assert warning["request_id"] == new_id
    assert new_id in warning["message"]


def test_lines_outside_a_request_have_no_request_id(
    capture_logs: CaptureLogs,
) -> None:
    stream = capture_logs("json")

    logging.getLogger("app.example").info("at startup")

    assert json.loads(stream.getvalue())["request_id"] == "-"


def test_uvicorn_logs_go_through_the_same_handler(
    capture_logs: CaptureLogs,
) -> None:
    stream = capture_logs("json")

    logging.getLogger("uvicorn.error").info(
        "Started server process [%d]",
        1,
        extra={"color_message": "Started server process [\x1b[36m%d\x1b[0m]"},
    )

    record = json.loads(stream.getvalue())
    assert record["logger"] == "uvicorn.error"
    assert record["message"] == "Started server process [1]"
    # Only the plain message: no terminal colour codes in the collected logs.
    assert "color_message" not in record
