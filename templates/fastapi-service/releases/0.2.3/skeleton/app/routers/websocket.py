"""`/ws${{ resource.path }}`: every message a client sends is broadcast to all
connected clients, the sender included (its echo).{% if features.auth %} Browsers cannot set headers
on a WebSocket, so the access token comes as the `token` query parameter.{% endif %}
"""

{% if features.auth %}
from typing import Annotated

from fastapi import (
    APIRouter,
    Query,
    WebSocket,
    WebSocketDisconnect,
    WebSocketException,
    status,
)

from app.dependencies import ConnectionManagerDep, SettingsDep
from app.services.auth import decode_access_token
{% else %}
from fastapi import APIRouter, WebSocket, WebSocketDisconnect

from app.dependencies import ConnectionManagerDep
{% endif %}

router = APIRouter(tags=["websocket"])


@router.websocket("/ws${{ resource.path }}")
async def ${{ resource.plural }}_feed(
    websocket: WebSocket,
    manager: ConnectionManagerDep,
{% if features.auth %}
    settings: SettingsDep,
    token: Annotated[str, Query()] = "",
{% endif %}
) -> None:
{% if features.auth %}
    # Checks the signature and expiry only: no database session is held open
    # for the lifetime of the connection.
    if decode_access_token(token, settings) is None:
        raise WebSocketException(code=status.WS_1008_POLICY_VIOLATION)
{% endif %}
    await manager.connect(websocket)
    try:
        while True:
            await manager.broadcast(await websocket.receive_text())
    except WebSocketDisconnect:
        manager.disconnect(websocket)
