"""Presence across the processes of a deployment: each process tells the others who has its pages open.

A process hears the others' `PresenceAnnounced` of every session (one hub listener for all of them) and keeps the
latest names of each process; `online()` is the union with its own, also for sessions it has no page of (the
owner's "people here now" on any process). Per session it has pages for, it announces its own names when they
change, with `ask` on its first page of a session and after a Redis outage (the others answer at once), and again
every `heartbeat` seconds, so the people of a process that stopped being heard of (killed, cut off) are dropped
after EXPIRY_HEARTBEATS heartbeats. (A process that has just started learns of sessions it has no page of from their
next change or heartbeat.)
"""
import asyncio
import logging
import uuid
from collections.abc import Callable

from .events import Event, HubResynced, PresenceAnnounced
from .hub import Hub
from .presence import Presence
from .presence_peers import PeerNames

EXPIRY_HEARTBEATS = 3
log = logging.getLogger(__name__)


class SharedPresence(Presence):

    def __init__(self, hub: Hub, *, delay: float = 0.5, heartbeat: float = 15.0) -> None:
        super().__init__(hub, delay=delay)
        self.origin = uuid.uuid4().hex  # this process
        self.heartbeat = heartbeat
        self._peers = PeerNames()
        self._unsubscribe: dict[int, Callable[[], None]] = {}
        self._telling: set[int] = set()  # sessions whose names the others get with the next publication
        self._asking: set[int] = set()  # ... and whose others are asked for theirs
        hub.subscribe_all(self._heard, only=(PresenceAnnounced,))

    @property
    def expiry(self) -> float:
        return self.heartbeat * EXPIRY_HEARTBEATS

    def online(self, session_id: int) -> list[str]:
        return sorted(set(self._tabs.get(session_id, ())) | self._peers.online(session_id), key=str.casefold)

    def sessions(self) -> set[int]:
        return super().sessions() | self._peers.sessions()

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self.heartbeat)
            try:
                await self._beat()
            except Exception:
                log.exception('presence heartbeat failed; trying again in %s s', self.heartbeat)

    async def _beat(self) -> None:
        for session_id in list(self._tabs):
            await self.hub.publish(session_id, self._announcement(session_id, ask=False))
        for session_id in self._peers.expire(silent_since=self._now() - self.expiry):
            if session_id in self._tabs:  # its pages here are told
                self._announce(session_id)

    def _first_page(self, session_id: int) -> None:
        self._unsubscribe[session_id] = self.hub.subscribe(session_id, self._resynced, only=(HubResynced,))
        self._asking.add(session_id)

    def _last_page_closed(self, session_id: int) -> None:
        """What the others announce is still heard (the owner's figures); the expiry forgets a silent process."""
        self._unsubscribe.pop(session_id)()
        self._asking.discard(session_id)

    def _names_changed(self, session_id: int) -> None:
        self._telling.add(session_id)
        self._announce(session_id)

    def _resynced(self, event: Event) -> None:
        """Announcements may have been missed both ways."""
        self._asking.add(event.session_id)
        self._names_changed(event.session_id)

    def _heard(self, event: Event) -> None:
        if not isinstance(event, PresenceAnnounced) or event.origin == self.origin:
            return
        session_id = event.session_id
        before = self.online(session_id)
        self._peers.heard(session_id, event.origin, event.online, self._now())
        if session_id not in self._tabs:
            return  # no page here to tell, no names here to answer with
        if event.ask:
            self._telling.add(session_id)
        if event.ask or self.online(session_id) != before:
            self._announce(session_id)

    async def _publish(self, session_id: int) -> None:
        tell, ask = session_id in self._telling, session_id in self._asking
        self._telling.discard(session_id)
        self._asking.discard(session_id)
        await super()._publish(session_id)
        if tell or ask:
            await self.hub.publish(session_id, self._announcement(session_id, ask=ask))

    def _announcement(self, session_id: int, *, ask: bool) -> PresenceAnnounced:
        names = sorted(self._tabs.get(session_id, ()))
        return PresenceAnnounced(session_id=session_id, origin=self.origin, online=names, ask=ask)

    @staticmethod
    def _now() -> float:
        return asyncio.get_running_loop().time()
