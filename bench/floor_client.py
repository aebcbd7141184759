"""A lean Socket.IO client of the floor server over aiohttp: as much work per frame as the simulated browser."""
import asyncio
import logging
import random
import time
from collections.abc import Callable
from typing import Any

import aiohttp

from .simulated_browser import USER_AGENT, BrowserError, _loads
from .wire_bytes import count_wire_bytes

log = logging.getLogger(__name__)

Callback = Callable[[str, Any, float], None]


class FloorClient:
    """Connects (Engine.IO OPEN, Socket.IO CONNECT), answers pings, hands every event to `on_event`, reconnects."""

    def __init__(self, base_url: str, http: aiohttp.ClientSession, on_event: Callback, *, index: int = 0,
                 open_timeout: float = 10.0, reconnect_deadline: float = 60.0) -> None:
        self.index = index
        self.url = base_url.replace('http', 'ws', 1) + '/socket.io/?EIO=4&transport=websocket'
        self.origin = base_url
        self.http = http
        self.on_event = on_event
        self.open_timeout = open_timeout
        self.reconnect_deadline = reconnect_deadline
        self.received = {'frames': 0, 'bytes': 0, 'wire_bytes': 0}
        self.reconnects = 0
        self.reloads = 0  # a floor client never reloads; here for the same report as a browser
        self.connected = asyncio.Event()
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._idle_timeout = 30.0
        self._task: asyncio.Task | None = None
        self._closing = False

    async def open(self) -> None:
        await self._connect_in_time()
        self._task = asyncio.create_task(self._run())

    async def close(self, leave: bool = True) -> None:
        """(`leave` is StudyHall's: the floor keeps nothing of a client that went.)"""
        self._closing = True
        if self._ws is not None:
            await self._ws.close()
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        self.connected.clear()

    async def ready(self, timeout: float = 10.0) -> None:
        """Connected is all there is to it."""

    def shown(self) -> set[int]:
        """The floor keeps no history: a client shows only what arrived."""
        return set()

    async def _connect_in_time(self) -> None:
        try:
            async with asyncio.timeout(self.open_timeout):
                await self._connect()
        except TimeoutError:
            raise BrowserError(f'{self.url}: not connected within {self.open_timeout} s') from None

    async def _connect(self) -> None:
        ws = await self.http.ws_connect(self.url, headers={'User-Agent': USER_AGENT}, origin=self.origin,
                                        compress=15, max_msg_size=0, timeout=aiohttp.ClientWSTimeout(ws_close=1.0))
        count_wire_bytes(ws, self.received)
        try:
            msg = await ws.receive()
            if msg.type != aiohttp.WSMsgType.TEXT or not msg.data.startswith('0'):
                raise BrowserError(f'expected Engine.IO OPEN, got {msg.type.name}')
            info = _loads(msg.data[1:])
            self._idle_timeout = (info['pingInterval'] + info['pingTimeout']) / 1000
            await ws.send_str('40')
            msg = await ws.receive()
            if msg.type != aiohttp.WSMsgType.TEXT or not msg.data.startswith('40'):
                raise BrowserError(f'Socket.IO CONNECT refused: {msg.type.name} {str(msg.data)[:80]!r}')
        except BaseException:
            await ws.close()
            raise
        self._ws = ws
        self.connected.set()

    async def _run(self) -> None:
        while not self._closing:
            ws = self._ws
            try:
                while True:
                    msg = await ws.receive(timeout=self._idle_timeout)
                    if msg.type != aiohttp.WSMsgType.TEXT:
                        break
                    await self._handle(ws, msg.data)
            except (TimeoutError, aiohttp.ClientError, ConnectionError) as e:
                log.info('floor client: %r, reconnecting', e)
            self.connected.clear()
            await ws.close()
            if self._closing or not await self._reconnect():
                return

    async def _reconnect(self) -> bool:
        deadline = time.monotonic() + self.reconnect_deadline
        while time.monotonic() < deadline and not self._closing:
            await asyncio.sleep(random.uniform(0.5, 1.5))  # socket.io-client: ~1 s +/- 50 %
            try:
                await self._connect_in_time()
                self.reconnects += 1
                return True
            except (BrowserError, aiohttp.ClientError, OSError, TimeoutError) as e:
                log.debug('floor client: reconnect failed: %r', e)
        return False

    async def _handle(self, ws: aiohttp.ClientWebSocketResponse, data: str) -> None:
        now = time.monotonic()
        self.received['frames'] += 1
        self.received['bytes'] += len(data) if data.isascii() else len(data.encode())
        if data.startswith('42'):
            name, *args = _loads(data[data.index('['):])
            self.on_event(name, args[0] if args else None, now)
        elif data == '2':
            await ws.send_str('3')
