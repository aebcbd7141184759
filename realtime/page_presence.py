"""One open page's place among the people here: it follows the page's socket, not the page's life on the server.

The server keeps a page whose connection dropped for the reconnect grace (a minute or more), so that a blip is not a
reload; its person should not stay listed all that time. A page counts while its socket is connected and for
DROPPED_GRACE seconds after it dropped (a blip is not a leave and a return); it leaves at once when its tab closes.
On every (re)connect the page gets who is here now: it may have missed changes while it was away or still loading.
A page whose person the host removed stays open (it says why) but leaves at once (`set_removed`), in every process.
"""
import asyncio
from collections.abc import Callable

from nicegui import Client, background_tasks

from .events import PresenceChanged
from .fanout import SocketFanout
from .presence import Presence

DROPPED_GRACE = 3.0


class PagePresence:

    def __init__(self, presence: Presence, fanout: SocketFanout, client: Client, session_id: int, name: str) -> None:
        self.presence = presence
        self.fanout = fanout
        self.client = client
        self.session_id = session_id
        self.name = name
        self._leave: Callable[[], None] | None = None
        self._drop: asyncio.TimerHandle | None = None
        self._removed = False
        client.on_connect(self.connected)
        client.on_disconnect(self.dropped)
        client.on_delete(self.closed)

    def connected(self) -> None:
        self._cancel_drop()
        if self._leave is None and not self._removed:
            self._leave = self.presence.enter(self.session_id, self.name)
        now = PresenceChanged(session_id=self.session_id, online=self.presence.online(self.session_id))
        background_tasks.create(self.fanout.send_to_client(self.client.id, now.page_payload),
                                name='presence on connect')

    def set_removed(self, removed: bool) -> None:
        """The host removed this page's person (they leave the people here at once) or let them back in."""
        if removed == self._removed:
            return  # (muted or unmuted)
        self._removed = removed
        if removed:
            self.closed()
        elif self.client.has_socket_connection:
            self.connected()

    def dropped(self) -> None:
        if not self.client.has_socket_connection:  # (a page may reconnect before its old socket is reaped)
            self._cancel_drop()
            self._drop = asyncio.get_running_loop().call_later(DROPPED_GRACE, self._gone)

    def closed(self) -> None:
        self._cancel_drop()
        if self._leave is not None:
            self._leave()
            self._leave = None

    def _gone(self) -> None:
        if not self.client.has_socket_connection:
            self.closed()

    def _cancel_drop(self) -> None:
        if self._drop is not None:
            self._drop.cancel()
            self._drop = None
