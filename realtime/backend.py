"""How events travel between publishers and the hub's local delivery (this process; Redis: redis_backend.py)."""
import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Iterable
from typing import Protocol

from nicegui import background_tasks

from .events import Event
from .status import HubStatus

Deliver = Callable[[Event], Awaitable[None]]
LocalSessions = Callable[[], Iterable[int]]  # the sessions that have subscribers in this process


class Backend(Protocol):
    status: HubStatus

    async def start(self, deliver: Deliver, local_sessions: LocalSessions) -> None: ...
    async def publish(self, event: Event) -> None: ...
    async def stop(self) -> None: ...


class InProcessBackend:
    """Events go through one queue, so every subscriber sees them in publish order and publishers never wait."""

    def __init__(self) -> None:
        self.status = HubStatus()
        self._queue: asyncio.Queue[Event] = asyncio.Queue()
        self._pump: asyncio.Task | None = None

    async def start(self, deliver: Deliver, local_sessions: LocalSessions | None = None) -> None:
        async def pump() -> None:
            while True:
                event = await self._queue.get()
                try:
                    await deliver(event)
                finally:
                    self._queue.task_done()
        self._pump = background_tasks.create(pump(), name='hub in-process pump')

    async def publish(self, event: Event) -> None:
        self._queue.put_nowait(event)

    async def delivered(self) -> None:
        """Wait until every event published so far has reached its subscribers (for tests)."""
        await self._queue.join()

    async def stop(self) -> None:
        if self._pump:
            self._pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pump
