"""Who has a session open right now: tabs counted per person, changes published at most every `delay` seconds.

This process's pages only: with several processes, shared_presence.py adds the people of the others.
"""
import asyncio
from collections import Counter, defaultdict
from collections.abc import Callable

from nicegui import background_tasks

from .events import PresenceChanged, Typing
from .hub import Hub

TYPING_INTERVAL = 2.0  # a typer is announced at most this often


class Presence:

    def __init__(self, hub: Hub, *, delay: float = 0.5) -> None:
        self.hub = hub
        self.delay = delay
        self._tabs: dict[int, Counter[str]] = defaultdict(Counter)
        self._pending: set[int] = set()
        self._last_typing: dict[tuple[int, str], float] = {}

    def enter(self, session_id: int, name: str) -> Callable[[], None]:
        """Count one more open page of `name`; returns the function that counts it out again (call once)."""
        if session_id not in self._tabs:
            self._first_page(session_id)
        self._tabs[session_id][name] += 1
        if self._tabs[session_id][name] == 1:
            self._names_changed(session_id)
        return lambda: self._leave(session_id, name)

    def online(self, session_id: int) -> list[str]:
        return sorted(self._tabs.get(session_id, ()), key=str.casefold)

    def sessions(self) -> set[int]:
        """The sessions somebody has open now (the owner's "people here now" adds up `online` over them)."""
        return set(self._tabs)

    async def run(self) -> None:
        """Keeps presence in step with other processes (see SharedPresence); one process has nothing to do."""

    def typing(self, session_id: int, name: str) -> None:
        """Tell the session that `name` is typing, but not more often than every TYPING_INTERVAL seconds."""
        now = asyncio.get_running_loop().time()
        if now - self._last_typing.get((session_id, name), -TYPING_INTERVAL) >= TYPING_INTERVAL:
            self._last_typing[(session_id, name)] = now
            background_tasks.create(self.hub.publish(session_id, Typing(session_id=session_id, name=name)),
                                    name='publish typing')

    def _leave(self, session_id: int, name: str) -> None:
        tabs = self._tabs.get(session_id)
        if not tabs or name not in tabs:
            return  # counted out already
        tabs[name] -= 1
        if tabs[name] <= 0:
            del tabs[name]
            self._last_typing.pop((session_id, name), None)
            if not tabs:
                del self._tabs[session_id]
                self._last_page_closed(session_id)
            self._names_changed(session_id)

    def _first_page(self, session_id: int) -> None:
        """This process has opened its first page of the session."""

    def _last_page_closed(self, session_id: int) -> None:
        """This process has no page of the session left."""

    def _names_changed(self, session_id: int) -> None:
        self._announce(session_id)

    def _announce(self, session_id: int) -> None:
        if session_id in self._pending:
            return  # the announcement on its way will carry this change too
        self._pending.add(session_id)
        background_tasks.create(self._publish_soon(session_id), name='publish presence')

    async def _publish_soon(self, session_id: int) -> None:
        await asyncio.sleep(self.delay)
        self._pending.discard(session_id)
        await self._publish(session_id)

    async def _publish(self, session_id: int) -> None:
        await self.hub.publish(session_id, PresenceChanged(session_id=session_id, online=self.online(session_id)))
