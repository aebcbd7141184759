"""How events travel between publishers and the hub's local delivery; Redis will be another backend."""
import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Protocol

from nicegui import background_tasks

from .events import Event

Deliver = Callable[[Event], Awaitable[None]]
log = logging.getLogger(__name__)


class Backend(Protocol):
    async def start(self, deliver: Deliver) -> None: ...
    async def publish(self, event: Event) -> None: ...
    async def stop(self) -> None: ...


class InProcessBackend:
    """Events go through one queue, so every subscriber sees them in publish order and publishers never wait."""

    def __init__(self) -> None:
        self._queue: asyncio.Queue[Event] = asyncio.Queue()
        self._pump: asyncio.Task | None = None

    async def start(self, deliver: Deliver) -> None:
        async def pump() -> None:
            while True:
                event = await self._queue.get()
                await deliver(event)
        self._pump = background_tasks.create(pump(), name='hub in-process pump')

    async def publish(self, event: Event) -> None:
        self._queue.put_nowait(event)

    async def stop(self) -> None:
        if self._pump:
            self._pump.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._pump
