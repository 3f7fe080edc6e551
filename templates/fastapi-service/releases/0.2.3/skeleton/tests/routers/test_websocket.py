{% set WS = "/ws" + resource.path %}
import pytest
from fastapi.testclient import TestClient
{% if features.auth %}
from fastapi.websockets import WebSocketDisconnect
{% endif %}

from app.services.websocket import get_connection_manager
{% if features.auth %}

URL = "${{ WS }}?token={token}"


@pytest.fixture(name="url")
def url_fixture(auth_headers: dict[str, str]) -> str:
    return URL.format(token=auth_headers["Authorization"].removeprefix("Bearer "))
{% else %}


@pytest.fixture(name="url")
def url_fixture() -> str:
    return "${{ WS }}"
{% endif %}


def test_a_message_is_echoed_to_its_sender(client: TestClient, url: str) -> None:
    with client.websocket_connect(url) as websocket:
        websocket.send_text("hello")

        assert websocket.receive_text() == "hello"


def test_a_message_is_broadcast_to_every_client(client: TestClient, url: str) -> None:
    with client.websocket_connect(url) as alice, client.websocket_connect(url) as bob:
        alice.send_text("hi all")

        assert alice.receive_text() == "hi all"
        assert bob.receive_text() == "hi all"


def test_a_client_that_leaves_gets_no_more_messages(
    client: TestClient, url: str
) -> None:
    with client.websocket_connect(url) as alice:
        with client.websocket_connect(url) as bob:
            bob.send_text("bye")
            assert alice.receive_text() == "bye"
        alice.send_text("still here")

        assert alice.receive_text() == "still here"
{% if features.auth %}


@pytest.mark.parametrize("token", ["", "not-a-token"])
def test_a_connection_without_a_valid_token_is_refused(
    client: TestClient, token: str
) -> None:
    with (
        pytest.raises(WebSocketDisconnect) as refused,
        client.websocket_connect(URL.format(token=token)),
    ):
        pass

    assert refused.value.code == 1008
{% endif %}


def test_the_default_manager_is_shared_by_the_process() -> None:
    assert get_connection_manager() is get_connection_manager()
