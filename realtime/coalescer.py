"""Bursts made small: the changes of a session (votes, answers) are announced at most every `interval` seconds.

The first change of a quiet session schedules one flush `interval` later; the changes until then ride along with it,
and changes made while it runs get the next one. A flush reads the state from the rows and publishes it, so however
many people vote and however many processes coalesce, every page ends with the numbers the database holds.
"""
import asyncio
import logging
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

from nicegui import background_tasks

K = TypeVar('K', bound=Hashable)
Flush = Callable[[int, set[K]], Awaitable[None]]
log = logging.getLogger(__name__)


class Coalescer(Generic[K]):

    def __init__(self, flush: Flush, *, interval: float = 0.25, name: str = 'coalesced changes') -> None:
        """`flush(session_id, keys)`: read what the keys (e.g. question ids) are now and publish it."""
        self.interval = interval
        self.name = name
        self._flush = flush
        self._changed: dict[int, set[K]] = {}
        self._scheduled: dict[int, asyncio.Task] = {}

    def touch(self, session_id: int, key: K) -> None:
        """`key` of the session changed: it is announced within `interval` seconds."""
        self._changed.setdefault(session_id, set()).add(key)
        if session_id not in self._scheduled:
            self._scheduled[session_id] = background_tasks.create(self._flush_later(session_id), name=self.name)

    async def drain(self) -> None:
        """Flush whatever is waiting, now (on shutdown; in tests)."""
        for task in list(self._scheduled.values()):
            task.cancel()
        for session_id in list(self._changed):
            await self._flush_now(session_id)

    async def _flush_later(self, session_id: int) -> None:
        try:
            await asyncio.sleep(self.interval)
            await self._flush_now(session_id)
        finally:
            self._scheduled.pop(session_id, None)
        if session_id in self._changed:  # changed again while flushing: the next round
            self._scheduled[session_id] = background_tasks.create(self._flush_later(session_id), name=self.name)

    async def _flush_now(self, session_id: int) -> None:
        keys = self._changed.pop(session_id, set())
        if not keys:
            return
        try:
            await self._flush(session_id, keys)
        except Exception:
            log.exception('could not announce the %s of session %s', self.name, session_id)
