"""The two servers a run measures, behind one interface: StudyHall (the real app) and the floor (bare Socket.IO).

A target starts its server as a child process, prepares a session, makes clients that report every arrival of a
benchmark message to a `Deliveries`, posts messages over HTTP from its own aiohttp session, and reads its health.
"""
import asyncio
import logging
import random
from pathlib import Path
from typing import Any, Protocol

import aiohttp

from realtime.fanout import SOCKET_EVENT

from .deliveries import Deliveries, message_key, seq_of
from .floor_client import FloorClient
from .floor_server import EVENT as FLOOR_EVENT
from .floor_server import FloorProcess
from .server_process import ServerProcess
from .session_tab import SessionTab

log = logging.getLogger(__name__)

AUTHOR = 'Bench bot'
SEED_CONCURRENCY = 8
HTTP_TIMEOUT = aiohttp.ClientTimeout(total=30)


class Client(Protocol):
    index: int
    received: dict[str, int]
    reloads: int
    reconnects: int
    connected: asyncio.Event

    async def open(self) -> None: ...
    async def close(self, leave: bool = True) -> None: ...
    async def ready(self, timeout: float = 10.0) -> None: ...
    def shown(self) -> set[int]: ...


class Target:
    name = ''

    def group_of(self, index: int) -> str | None:
        """Clients whose latencies are also reported apart (the two-process mode), or None."""
        return None

    def __init__(self, process: ServerProcess) -> None:
        self.process = process
        self.http: aiohttp.ClientSession | None = None

    @property
    def pid(self) -> int:
        return self.process.pid

    async def __aenter__(self) -> 'Target':
        # blocking on purpose: nothing else runs yet, and a Ctrl-C cannot land between start and the `async with`
        self.process.start()
        self.http = aiohttp.ClientSession(self.process.base_url, timeout=HTTP_TIMEOUT,
                                          connector=aiohttp.TCPConnector(limit=32))
        return self

    async def __aexit__(self, *_) -> None:
        if self.http is not None:
            await self.http.close()
        self.process.stop()

    async def health(self) -> dict[str, Any]:
        async with self.http.get('/api/health') as response:
            return await response.json()

    async def _post(self, path: str, data: dict) -> dict:
        async with self.http.post(path, json=data) as response:
            if response.status not in (200, 201):
                raise RuntimeError(f'POST {path}: HTTP {response.status} {await response.text()}')
            return await response.json()


class StudyHallTarget(Target):
    name = 'StudyHall'

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None) -> None:
        # the benchmark's sender is one bot posting the whole load: flood control for people must not stop it
        env = {'STUDYHALL_MESSAGE_RATE_LIMIT': '1000000', **(env or {})}
        super().__init__(ServerProcess(data_dir, env=env))
        self.code = ''

    async def prepare(self, history: int) -> None:
        """A new study session with `history` real messages, posted through the API."""
        self.code = (await self._post('/api/sessions', {'title': 'Benchmark'}))['code']
        numbers = iter(range(history))

        async def seeder() -> None:
            for i in numbers:
                await self._post(f'/api/sessions/{self.code}/messages', {'author': AUTHOR, 'body': filler(i)})
        await asyncio.gather(*(seeder() for _ in range(SEED_CONCURRENCY)))

    async def post(self, seq: int, body: str) -> None:
        await self._post(f'/api/sessions/{self.code}/messages',
                         {'author': AUTHOR, 'body': body, 'client_msg_id': message_key(seq)})

    def new_client(self, index: int, deliveries: Deliveries | None, open_timeout: float = 10.0) -> Client:
        return StudyHallClient(self.process.base_url, self.code, index, deliveries, open_timeout)


class StudyHallPairTarget(StudyHallTarget):
    """Two StudyHall processes on one fresh PostgreSQL database and one Redis prefix (one uploads folder), as
    deploy/DEPLOY.md runs them. Messages are posted to the first; clients alternate between the two, so half of
    the deliveries cross from one process to the other through Redis."""
    name = 'StudyHall x2'

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None) -> None:
        from tests import backing_services as services
        if reason := services.postgres_missing() or services.redis_missing():
            raise SystemExit(f'the two-process mode needs PostgreSQL and Redis: {reason}')
        self.database_url = services.create_database()
        self._drop_database = services.drop_database
        shared = {'STUDYHALL_DATABASE_URL': self.database_url, 'STUDYHALL_REDIS_URL': services.REDIS_URL,
                  'STUDYHALL_REDIS_PREFIX': services.unique_name('bench'),
                  'STUDYHALL_UPLOADS_DIR': str(data_dir / 'uploads'), **(env or {})}
        super().__init__(data_dir / 'first', shared)
        self.second = ServerProcess(data_dir / 'second', env=self.process.env)

    async def __aenter__(self) -> 'StudyHallPairTarget':
        await super().__aenter__()  # the first migrates the database
        self.second.start()
        return self

    async def __aexit__(self, *exc) -> None:
        self.second.stop()
        await super().__aexit__(*exc)
        self._drop_database(self.database_url)

    def group_of(self, index: int) -> str:
        return 'same process' if index % 2 == 0 else 'other process'

    def new_client(self, index: int, deliveries: Deliveries | None, open_timeout: float = 10.0) -> Client:
        server = self.process if index % 2 == 0 else self.second
        return StudyHallClient(server.base_url, self.code, index, deliveries, open_timeout)


class StudyHallClient:
    """A simulated session page whose arrivals (live events and catch-up answers) go to `deliveries`."""

    def __init__(self, base_url: str, code: str, index: int, deliveries: Deliveries | None,
                 open_timeout: float) -> None:
        self.tab = SessionTab(base_url, open_timeout=open_timeout)
        self.code = code
        self.index = index
        self.deliveries = deliveries
        self.received = self.tab.browser.received
        self.connected = self.tab.browser.connected
        if deliveries is not None:
            self.tab.browser.on(SOCKET_EVENT, self._on_event)

    @property
    def reloads(self) -> int:
        return self.tab.browser.reloads

    @property
    def reconnects(self) -> int:
        return self.tab.browser.reconnects

    async def open(self) -> None:
        await self.tab.open(self.code, f'Student {self.index}')

    async def close(self, leave: bool = True) -> None:
        await self.tab.close(leave)

    async def ready(self, timeout: float = 10.0) -> None:
        """Until the page's catch-up was answered: someone saw the page."""
        browser = self.tab.browser
        await browser.wait_for(lambda: any(e.get('type') == 'messages.caught_up' for e in self.tab.events), timeout)

    def shown(self) -> set[int]:
        return {seq for m in self.tab.messages.values() if (seq := seq_of(m.get('client_msg_id'))) is not None}

    def _on_event(self, event: dict, now: float) -> None:
        if event.get('type') == 'message.posted':
            self._arrived(event['message'], now)
        elif event.get('type') == 'messages.caught_up':
            for message in event['messages']:
                self._arrived(message, now)

    def _arrived(self, message: dict, now: float) -> None:
        if (seq := seq_of(message.get('client_msg_id'))) is not None:
            self.deliveries.arrived(self.index, seq, now)


class FloorTarget(Target):
    name = 'floor'

    def __init__(self, data_dir: Path, env: dict[str, str] | None = None) -> None:
        super().__init__(FloorProcess(data_dir, env=env))

    async def __aenter__(self) -> 'FloorTarget':
        await super().__aenter__()
        # the floor's sockets share one aiohttp session: each websocket still has its own connection
        self.ws_http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0, force_close=True))
        return self

    async def __aexit__(self, *exc) -> None:
        await self.ws_http.close()
        await super().__aexit__(*exc)

    async def prepare(self, history: int) -> None:
        """The floor keeps no history."""

    async def post(self, seq: int, body: str) -> None:
        await self._post('/api/messages', {'author': AUTHOR, 'body': body, 'client_msg_id': message_key(seq)})

    def new_client(self, index: int, deliveries: Deliveries | None, open_timeout: float = 10.0) -> Client:
        def on_event(name: str, data: Any, now: float) -> None:
            if deliveries is None or name != FLOOR_EVENT:
                return
            if (seq := seq_of(data.get('client_msg_id'))) is not None:
                deliveries.arrived(index, seq, now)
        return FloorClient(self.process.base_url, self.ws_http, on_event, index=index, open_timeout=open_timeout)


WORDS = ('proof', 'lemma', 'vector', 'matrix', 'integral', 'series', 'limit', 'graph', 'theorem', 'function',
         'reaction', 'molecule', 'essay', 'chapter', 'question', 'answer', 'page', 'example', 'exercise', 'notes')


def filler(seed: int) -> str:
    """Plain text of 80 to 120 characters, different for every seed."""
    rng = random.Random(seed)
    length = rng.randint(80, 120)
    text = f'#{seed}'
    while len(text) < length:
        text += ' ' + rng.choice(WORDS)
    return text[:length].rstrip() + '.'
