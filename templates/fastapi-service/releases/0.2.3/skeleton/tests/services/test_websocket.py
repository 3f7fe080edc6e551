import asyncio
from unittest.mock import AsyncMock, MagicMock

from fastapi import WebSocket

from app.services.websocket import ConnectionManager


def fake_websocket(send_error: Exception | None = None) -> MagicMock:
    websocket = MagicMock(spec=WebSocket)
    websocket.send_text = AsyncMock(side_effect=send_error)
    return websocket


def test_broadcast_drops_a_client_that_went_away() -> None:
    manager = ConnectionManager()
    gone = fake_websocket(RuntimeError("closed"))
    present = fake_websocket()
    manager.connections.extend([gone, present])

    asyncio.run(manager.broadcast("hello"))

    present.send_text.assert_awaited_once_with("hello")
    assert manager.connections == [present]
