"""What was read from the database for a session, reused until the session changes: its hub version moves on.

Every stored change publishes an event, which moves the session's version on (hub.py); a reader that comes after it
reads afresh. While live updates are delayed (the hub lost Redis) changes made by other processes go unnoticed, so
nothing is reused then, nor what was read before.
"""
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from .hub import Hub

T = TypeVar('T')


class SessionCache(Generic[T]):
    """One value for each of the `size` sessions read most recently; callers share it and must not change it."""

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._latest: OrderedDict[int, tuple[tuple[int, int], T]] = OrderedDict()

    def current(self, hub: Hub, session_id: int) -> T | None:
        """The value kept for the session, if nothing changed since it was read; never reads."""
        kept = self._latest.get(session_id)
        return kept[1] if kept is not None and self._reusable(hub, session_id, kept[0]) else None

    async def get(self, hub: Hub, session_id: int, read: Callable[[], Awaitable[T]]) -> T:
        version = hub.version(session_id)  # taken before reading: a change during the read makes the value stale
        kept = self._latest.get(session_id)
        if kept is None or not self._reusable(hub, session_id, kept[0]):
            kept = (version, await read())
            self._latest[session_id] = kept
        self._latest.move_to_end(session_id)
        if len(self._latest) > self.size:
            self._latest.popitem(last=False)
        return kept[1]

    @staticmethod
    def _reusable(hub: Hub, session_id: int, version: tuple[int, int]) -> bool:
        return version == hub.version(session_id) and hub.status.live
