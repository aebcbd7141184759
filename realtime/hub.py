"""Per-session publish/subscribe: `publish(session_id, event)`, `subscribe(session_id, callback) -> unsubscribe`.

A subscriber that cares for a few kinds of event names them (`only=(MaterialShared,)`): every open page subscribes,
and a new message then costs no call per page. `version(session_id)` moves on with every event that reports a stored
change, so what was read from the database can be reused until it does. `subscribe_all` hears the events of every
session delivered in this process (one listener for the whole server, e.g. presence across processes).
"""
import inspect
import logging
from collections import Counter, defaultdict
from collections.abc import Awaitable, Callable
from itertools import count

from .backend import Backend, InProcessBackend
from .events import Event
from .status import HubStatus

Callback = Callable[[Event], Awaitable[None] | None]
log = logging.getLogger(__name__)


class Hub:
    def __init__(self, backend: Backend | None = None) -> None:
        self.backend = backend or InProcessBackend()
        self._subscribers: dict[int, dict[int, tuple[Callback, tuple[type[Event], ...] | None]]] = defaultdict(dict)
        self._everywhere: dict[int, tuple[Callback, tuple[type[Event], ...]]] = {}
        self._tokens = count()
        self._versions: Counter[int] = Counter()

    @property
    def status(self) -> HubStatus:
        return self.backend.status

    async def start(self) -> None:
        await self.backend.start(self._deliver, self.local_sessions)

    async def stop(self) -> None:
        await self.backend.stop()

    async def publish(self, session_id: int, event: Event) -> None:
        assert event.session_id == session_id, 'an event belongs to the channel of its own session'
        self._count_change(event)  # at once: the publisher has just committed it, delivery comes later
        await self.backend.publish(event)

    def subscribe(self, session_id: int, callback: Callback, *,
                  only: tuple[type[Event], ...] | None = None) -> Callable[[], None]:
        """Call `callback` with every event of the session (or only those of the kinds in `only`)."""
        token = next(self._tokens)
        self._subscribers[session_id][token] = (callback, only)

        def unsubscribe() -> None:
            callbacks = self._subscribers.get(session_id)
            if callbacks is not None:
                callbacks.pop(token, None)
                if not callbacks:
                    del self._subscribers[session_id]
        return unsubscribe

    def subscribe_all(self, callback: Callback, *, only: tuple[type[Event], ...]) -> Callable[[], None]:
        """Call `callback` with the events of the kinds in `only` of every session, whether or not this process has
        pages of it (such a listener does not make a session one of `local_sessions`)."""
        token = next(self._tokens)
        self._everywhere[token] = (callback, only)

        def unsubscribe() -> None:
            self._everywhere.pop(token, None)
        return unsubscribe

    def version(self, session_id: int) -> tuple[int, int]:
        """Moves on with every stored change of the session: when this process publishes it (at once, right after
        the commit) and when any process's change is delivered here; and whenever live updates resume after an
        outage (changes made meanwhile by other processes went unseen)."""
        return self.status.resumed, self._versions[session_id]

    def _count_change(self, event: Event) -> None:
        if event.stored:
            self._versions[event.session_id] += 1

    def local_sessions(self) -> list[int]:
        return list(self._subscribers)

    def subscriber_count(self, session_id: int | None = None) -> int:
        if session_id is not None:
            return len(self._subscribers.get(session_id, ()))
        return sum(len(callbacks) for callbacks in self._subscribers.values())

    async def _deliver(self, event: Event) -> None:
        self._count_change(event)  # the first count for other processes' changes, a second one for our own
        listeners = [*self._subscribers.get(event.session_id, {}).values(), *self._everywhere.values()]
        for callback, only in listeners:
            if only is not None and not isinstance(event, only):
                continue
            try:
                result = callback(event)
                if inspect.isawaitable(result):
                    await result
            except Exception:
                log.exception('a subscriber of session %s failed on %s', event.session_id, event.type)
