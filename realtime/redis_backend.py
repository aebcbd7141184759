"""Several processes, one hub: Redis pub/sub rings the doorbell of every process; the database stays the truth.

An event is delivered to this process's subscribers at once and (unless each process works it out for itself:
`to_processes`) published on one channel with this process's id; every other process delivers it to its own
subscribers, and a process skips its own events coming back. When the connection is lost nothing is retried: the
events are in the database. Once subscribed again, every session with subscribers here gets a `HubResynced`, and
sessions whose events could not be sent get one through Redis, so their pages re-read what they missed.
"""
import asyncio
import contextlib
import json
import logging
import random
import uuid

from nicegui import background_tasks
from pydantic import ValidationError
from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError

from .backend import Deliver, InProcessBackend, LocalSessions
from .events import Event, HubResynced, parse_event
from .status import HubStatus

BACKOFF_FIRST = 0.2
BACKOFF_MAX = 5.0
PING_SECONDS = 5.0  # an idle subscription is pinged this often; an unanswered ping counts as a lost connection
CONNECT_TIMEOUT = 3.0
log = logging.getLogger(__name__)


class RedisBackend:

    def __init__(self, url: str, prefix: str) -> None:
        self.channel = f'{prefix}:hub'
        self.origin = uuid.uuid4().hex  # this process
        self.status = HubStatus(live=False)
        self.ping_seconds = PING_SECONDS
        # no retries inside redis-py: a silent reconnect would hide the gap that pages have to catch up on
        self._redis = Redis.from_url(url, socket_connect_timeout=CONNECT_TIMEOUT, socket_timeout=CONNECT_TIMEOUT,
                                     retry=Retry(NoBackoff(), 0), health_check_interval=0)
        self._local = InProcessBackend()
        self._outbox: asyncio.Queue[Event] = asyncio.Queue()
        self._unsent: set[int] = set()
        self._outage_logged = False
        self._local_sessions: LocalSessions = tuple
        self._tasks: list[asyncio.Task] = []

    async def start(self, deliver: Deliver, local_sessions: LocalSessions) -> None:
        self._local_sessions = local_sessions
        await self._local.start(deliver)
        self._tasks = [background_tasks.create(self._listen(), name='hub redis listener'),
                       background_tasks.create(self._send(), name='hub redis sender')]

    async def publish(self, event: Event) -> None:
        """Never waits for Redis and never raises: the event is already stored."""
        await self._local.publish(event)
        if event.to_processes:
            self._outbox.put_nowait(event)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await self._local.stop()
        await self._redis.aclose()

    async def _listen(self) -> None:
        delay = BACKOFF_FIRST
        while True:
            try:
                async with self._redis.pubsub() as pubsub:
                    await self._subscribe(pubsub)
                    delay = BACKOFF_FIRST
                    await self._set_live()
                    await self._read(pubsub)
            except (RedisError, OSError) as e:
                self._set_delayed(e)
            except Exception as e:
                log.exception('hub listener failed unexpectedly; subscribing again')
                self._set_delayed(e)
            await asyncio.sleep(delay * random.uniform(0.5, 1.5))
            delay = min(delay * 2, BACKOFF_MAX)

    async def _subscribe(self, pubsub: PubSub) -> None:
        """Return once Redis confirms the subscription, so no event can fall between it and the resync."""
        await pubsub.subscribe(self.channel)
        async with asyncio.timeout(CONNECT_TIMEOUT):
            while True:
                message = await pubsub.get_message(timeout=CONNECT_TIMEOUT)
                if message and message['type'] == 'subscribe':
                    return

    async def _read(self, pubsub: PubSub) -> None:
        pinged = False
        while self.status.live:
            message = await pubsub.get_message(timeout=self.ping_seconds)
            if message is None:
                if pinged:
                    raise TimeoutError(f'no answer from Redis within {self.ping_seconds} s')
                await pubsub.ping()
                pinged = True
                continue
            pinged = False
            if message['type'] == 'message':
                await self._receive(message['data'])
        raise ConnectionError('an event could not be published; subscribing again to resynchronise')

    async def _receive(self, data: bytes) -> None:
        try:
            envelope = json.loads(data)
            if envelope['origin'] == self.origin:
                return  # delivered here when it was published
            event = parse_event(envelope['event'])
        except (ValueError, KeyError, TypeError, ValidationError):
            log.warning('ignored a malformed hub message on %s: %.200r', self.channel, data)
            return
        await self._local.publish(event)

    async def _send(self) -> None:
        while True:
            event = await self._outbox.get()
            if not self.status.live:
                self._missed(event)
                continue
            try:
                await self._publish(json.dumps({'origin': self.origin, 'event': event.payload}))
            except Exception as e:  # whatever it is, the event is stored; its session's pages catch up later
                self._missed(event)
                self._set_delayed(e)

    def _missed(self, event: Event) -> None:
        """A page event that did not go out: pages elsewhere re-read the session once Redis is back. (Presence
        between processes needs no catch-up: every process announces its people again on resync.)"""
        if event.to_pages:
            self._unsent.add(event.session_id)

    async def _publish(self, data: str) -> None:
        try:
            await self._redis.publish(self.channel, data)
        except RedisConnectionError:  # a pooled connection from before a Redis restart fails once; a new one won't
            await self._redis.publish(self.channel, data)

    async def _set_live(self) -> None:
        """Subscribed (again): pages here re-read what they show; other processes do so for what we failed to send."""
        if self._outage_logged:
            log.info('hub connected to Redis again (%s); pages catch up from the database', self.channel)
        self._outage_logged = False
        self.status.live = True
        self.status.resumed += 1
        for session_id in self._local_sessions():
            await self._local.publish(HubResynced(session_id=session_id))
        unsent, self._unsent = self._unsent, set()
        for session_id in unsent:
            self._outbox.put_nowait(HubResynced(session_id=session_id))

    def _set_delayed(self, error: BaseException) -> None:
        if not self._outage_logged:
            self._outage_logged = True
            log.warning('hub lost Redis (%s: %s); live updates from other processes are delayed until it is back',
                        error.__class__.__name__, error)
        self.status.live = False
