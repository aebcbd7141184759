"""Presence of several processes, each with its own hub, linked in memory the way Redis links them (no Redis here)."""
import asyncio
import contextlib
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import pytest
from nicegui import core

from realtime.backend import InProcessBackend
from realtime.events import Event, HubResynced, PresenceAnnounced, PresenceChanged
from realtime.hub import Hub
from realtime.shared_presence import EXPIRY_HEARTBEATS, SharedPresence
from tests.waiting import eventually

DELAY = 0.05
SOON = 10  # seconds: far below the 60 s heartbeat of these processes, far above a busy 2-core machine's delays
SESSION = 1


class LinkedBackend(InProcessBackend):
    """Delivers here, and to the linked backends whatever crosses processes (as RedisBackend does through Redis)."""

    def __init__(self, links: list['LinkedBackend']) -> None:
        super().__init__()
        self.links = links
        self.connected = True

    async def publish(self, event: Event) -> None:
        await super().publish(event)
        if self.connected and event.to_processes:
            for other in self.links:
                if other is not self and other.connected:
                    await InProcessBackend.publish(other, event)

    async def reconnect(self, session_id: int) -> None:
        """Back after an outage: the subscribers here are told to resync (RedisBackend._set_live)."""
        self.connected = True
        await InProcessBackend.publish(self, HubResynced(session_id=session_id))


@dataclass
class Process:
    hub: Hub
    presence: SharedPresence
    heartbeat: asyncio.Task
    changes: list[list[str]]  # what its pages were told, in order

    @property
    def backend(self) -> LinkedBackend:
        return self.hub.backend

    def kill(self) -> None:
        """Gone without a word: no more heartbeats and nothing heard of it (like SIGKILL)."""
        self.heartbeat.cancel()
        self.backend.connected = False


@pytest.fixture
async def start_process() -> AsyncIterator[Callable[..., Process]]:
    """`await start_process(heartbeat=...)`: one more process of the same deployment."""
    core.loop = asyncio.get_running_loop()
    links: list[LinkedBackend] = []
    started: list[Process] = []

    async def start(heartbeat: float = 60) -> Process:
        hub = Hub(LinkedBackend(links))
        links.append(hub.backend)
        await hub.start()
        presence = SharedPresence(hub, delay=DELAY, heartbeat=heartbeat)
        changes: list[list[str]] = []
        hub.subscribe(SESSION, lambda event: changes.append(event.online) if isinstance(event, PresenceChanged)
                      else None)
        process = Process(hub, presence, asyncio.create_task(presence.run()), changes)
        started.append(process)
        return process

    yield start
    for process in started:
        process.heartbeat.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await process.heartbeat
        await process.hub.stop()
    core.loop = None


def everyone_sees(processes: list[Process], names: list[str]) -> Callable[[], bool]:
    return lambda: all(p.presence.online(SESSION) == names and p.changes[-1:] == [names] for p in processes)


async def test_each_process_lists_the_people_of_all_and_a_person_with_tabs_on_two_once(start_process) -> None:
    a, b = await start_process(), await start_process()  # heartbeats too slow to help: the first page asks
    a.presence.enter(SESSION, 'Ana')
    await eventually(everyone_sees([a], ['Ana']))
    b.presence.enter(SESSION, 'Ben')
    await eventually(everyone_sees([a, b], ['Ana', 'Ben']), timeout=SOON)

    leave_ben_on_a = a.presence.enter(SESSION, 'Ben')
    await asyncio.sleep(3 * DELAY)
    assert a.presence.online(SESSION) == b.presence.online(SESSION) == ['Ana', 'Ben']
    leave_ben_on_a()
    await asyncio.sleep(3 * DELAY)
    assert a.presence.online(SESSION) == b.presence.online(SESSION) == ['Ana', 'Ben']  # still there on B
    assert a.changes[-1] == b.changes[-1] == ['Ana', 'Ben']


async def test_someone_who_leaves_leaves_every_list_and_a_process_without_pages_stops_listening(start_process) -> None:
    a, b = await start_process(), await start_process()
    a.presence.enter(SESSION, 'Ana')
    leave_ben = b.presence.enter(SESSION, 'Ben')
    await eventually(everyone_sees([a, b], ['Ana', 'Ben']))
    assert b.hub.subscriber_count(SESSION) == 2  # the test's and its presence's

    leave_ben()
    leave_ben()  # a second call changes nothing
    await eventually(everyone_sees([a], ['Ana']), timeout=SOON)
    assert b.presence.online(SESSION) == ['Ana']  # what A announces is still heard (the owner's figures)
    assert b.hub.subscriber_count(SESSION) == 1  # but B's presence no longer follows the session for pages
    assert b.hub.local_sessions() == [SESSION]  # (the test's own subscriber)


async def test_a_process_without_pages_of_a_session_counts_its_people_elsewhere(start_process) -> None:
    """The owner's "people here now" on any process: B has no page of the session and still knows who is on A."""
    a, b = await start_process(), await start_process()
    other = SESSION + 1
    leave_ana = a.presence.enter(other, 'Ana')
    a.presence.enter(other, 'Ben')
    await eventually(lambda: b.presence.online(other) == ['Ana', 'Ben'])
    assert b.presence.sessions() == a.presence.sessions() == {other}
    assert other not in b.hub.local_sessions()  # hearing costs B no subscription of the session
    leave_ana()
    await eventually(lambda: b.presence.online(other) == ['Ben'])


async def test_the_people_of_a_killed_process_expire_after_a_few_heartbeats(start_process) -> None:
    heartbeat = 0.4  # an expiry of 1.2 s of silence: longer than the loop of a busy machine stalls
    a, b, c = [await start_process(heartbeat=heartbeat) for _ in range(3)]
    a.presence.enter(SESSION, 'Ana')
    b.presence.enter(SESSION, 'Ben')
    c.presence.enter(SESSION, 'Carl')
    await eventually(everyone_sees([a, b, c], ['Ana', 'Ben', 'Carl']))
    await asyncio.sleep(2 * EXPIRY_HEARTBEATS * heartbeat)  # heartbeats keep the living listed ...
    assert a.presence.online(SESSION) == c.presence.online(SESSION) == ['Ana', 'Ben', 'Carl']
    changes_so_far = len(a.changes)

    b.kill()
    # heard last up to one heartbeat before, expired on the first heartbeat after EXPIRY_HEARTBEATS, then debounced
    await eventually(everyone_sees([a, c], ['Ana', 'Carl']), timeout=SOON)  # (about 1.7 s on a quiet machine)
    assert a.changes[changes_so_far:] == [['Ana', 'Carl']]  # ... and their heartbeats tell the pages nothing new


async def test_after_an_outage_a_process_learns_what_it_missed_at_once(start_process) -> None:
    a, b = await start_process(), await start_process()  # heartbeats too slow to help: the resync asks
    a.presence.enter(SESSION, 'Ana')
    leave_ben = b.presence.enter(SESSION, 'Ben')
    await eventually(everyone_sees([a, b], ['Ana', 'Ben']))

    a.backend.connected = b.backend.connected = False  # Redis is down
    b.presence.enter(SESSION, 'Carl')
    leave_ben()
    await asyncio.sleep(3 * DELAY)
    assert a.presence.online(SESSION) == ['Ana', 'Ben']

    await a.backend.reconnect(SESSION)
    await b.backend.reconnect(SESSION)
    await eventually(everyone_sees([a, b], ['Ana', 'Carl']), timeout=SOON)


async def test_announcements_are_not_for_pages_and_the_pages_list_stays_in_its_process() -> None:
    assert PresenceAnnounced.to_pages is False and PresenceAnnounced.to_processes is True
    assert PresenceChanged.to_pages is True and PresenceChanged.to_processes is False
