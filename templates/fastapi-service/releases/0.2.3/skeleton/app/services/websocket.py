"""The WebSocket clients connected to this worker, and broadcasting to them."""

from fastapi import WebSocket, WebSocketDisconnect


class ConnectionManager:
    """Connections of one process: with several workers, each has its own set."""

    def __init__(self) -> None:
        self.connections: list[WebSocket] = []

    async def connect(self, websocket: WebSocket) -> None:
        await websocket.accept()
        self.connections.append(websocket)

    def disconnect(self, websocket: WebSocket) -> None:
        if websocket in self.connections:
            self.connections.remove(websocket)

    async def broadcast(self, message: str) -> None:
        # A copy: clients may connect or leave while this awaits.
        for connection in list(self.connections):
            try:
                await connection.send_text(message)
            except (WebSocketDisconnect, RuntimeError, OSError):
                # It went away mid-broadcast; the others still get the message.
                self.disconnect(connection)


_manager = ConnectionManager()


def get_connection_manager() -> ConnectionManager:
    """The process-wide manager (tests override this dependency)."""
    return _manager
