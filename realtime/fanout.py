"""The hot path: one Socket.IO emit per event to the sockets of every page open on that session."""
from collections.abc import Callable
from functools import partial
from typing import Any

from socketio import AsyncServer

from .events import Event
from .hub import Hub

SOCKET_EVENT = 'studyhall'


class SocketFanout:
    """Keeps the NiceGUI client ids per session and holds one hub subscription per session that has any."""

    def __init__(self, hub: Hub, sio: AsyncServer) -> None:
        self.hub = hub
        self.sio = sio
        self._clients: dict[int, set[str]] = {}
        self._unsubscribe: dict[int, Callable[[], None]] = {}

    def join(self, session_id: int, client_id: str) -> Callable[[], None]:
        """Start sending the session's events to this client's sockets; returns the function that stops it."""
        if session_id not in self._clients:
            self._clients[session_id] = set()
            self._unsubscribe[session_id] = self.hub.subscribe(session_id, partial(self._emit, session_id))
        self._clients[session_id].add(client_id)
        return partial(self._leave, session_id, client_id)

    def client_count(self, session_id: int) -> int:
        return len(self._clients.get(session_id, ()))

    async def send_to_client(self, client_id: str, payload: dict[str, Any]) -> None:
        await self.sio.emit(SOCKET_EVENT, payload, room=client_id)

    def _leave(self, session_id: int, client_id: str) -> None:
        clients = self._clients.get(session_id)
        if clients is None:
            return
        clients.discard(client_id)
        if not clients:
            del self._clients[session_id]
            self._unsubscribe.pop(session_id)()

    async def _emit(self, session_id: int, event: Event) -> None:
        if event.to_pages and (clients := self._clients.get(session_id)):
            await self.sio.emit(SOCKET_EVENT, event.page_payload, room=list(clients))
