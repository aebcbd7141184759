"""The hot path: one Socket.IO emit per event and audience to the sockets of the pages open on that session."""
from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import Any

from socketio import AsyncServer

from .audience import SessionPages
from .events import Event
from .hub import Hub

SOCKET_EVENT = 'studyhall'


class SocketFanout:
    """Keeps the NiceGUI client ids per session (by audience) and holds one hub subscription per session that has
    any."""

    def __init__(self, hub: Hub, sio: AsyncServer) -> None:
        self.hub = hub
        self.sio = sio
        self._clients: dict[int, SessionPages] = {}
        self._unsubscribe: dict[int, Callable[[], None]] = {}
        self._joins: Counter[tuple[int, str]] = Counter()  # elements of one page that joined (the page counts once)

    def join(self, session_id: int, client_id: str, *, host: bool = False,
             person: str | None = None) -> Callable[[], None]:
        """Start sending the session's events to this client's sockets; returns the function that stops it.
        `host`: the page holds the host key; `person`: the name key of the participant whose page it is. Several
        elements of one page may join: the first one decides its audience, and the page stays until all have left."""
        self._joins[(session_id, client_id)] += 1
        if self._joins[(session_id, client_id)] > 1:
            return partial(self._leave, session_id, client_id)
        if session_id not in self._clients:
            self._clients[session_id] = SessionPages()
            self._unsubscribe[session_id] = self.hub.subscribe(session_id, partial(self._emit, session_id))
        self._clients[session_id].add(client_id, host=host, person=person)
        return partial(self._leave, session_id, client_id)

    def client_count(self, session_id: int) -> int:
        pages = self._clients.get(session_id)
        return len(pages.everyone) if pages else 0

    async def send_to_client(self, client_id: str, payload: dict[str, Any]) -> None:
        await self.sio.emit(SOCKET_EVENT, payload, room=client_id)

    def _leave(self, session_id: int, client_id: str) -> None:
        self._joins[(session_id, client_id)] -= 1
        if self._joins[(session_id, client_id)] > 0:
            return
        del self._joins[(session_id, client_id)]
        clients = self._clients.get(session_id)
        if clients is None:
            return
        clients.discard(client_id)
        if not clients.everyone:
            del self._clients[session_id]
            self._unsubscribe.pop(session_id)()

    async def _emit(self, session_id: int, event: Event) -> None:
        if not event.to_pages or (pages := self._clients.get(session_id)) is None:
            return
        for audience, payload in event.deliveries():
            if rooms := pages.members(audience):
                await self.sio.emit(SOCKET_EVENT, payload, room=list(rooms))
