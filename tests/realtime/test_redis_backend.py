"""The Redis backend against a real Redis: every process delivers once, and an outage loses nothing for good."""
import asyncio
import json
from collections.abc import AsyncIterator, Callable

import pytest
from nicegui import core

from realtime.events import HubResynced, MaterialShared, MessagePosted, PresenceAnnounced, PresenceChanged
from realtime.hub import Hub
from tests import backing_services
from tests.waiting import eventually

from .test_hub import posted

backing_services.needs_module('redis', 'pip install -e ".[redis]"')
from redis.exceptions import TimeoutError as RedisTimeoutError  # noqa: E402  (after the check above)

from realtime.redis_backend import RedisBackend  # noqa: E402


@pytest.fixture
async def make_hub() -> AsyncIterator[Callable[..., Hub]]:
    """`make_hub(url, prefix)`: a started hub on a Redis backend, like the hub of one more process."""
    core.loop = asyncio.get_running_loop()
    hubs: list[Hub] = []

    async def make(url: str, prefix: str) -> Hub:
        hub = Hub(RedisBackend(url, prefix))
        hubs.append(hub)
        await hub.start()
        return hub

    yield make
    for hub in hubs:
        await hub.stop()
    core.loop = None


@pytest.fixture
def prefix() -> str:
    return backing_services.unique_name('hub')


def recorder(hub: Hub, session_id: int) -> list:
    seen: list = []
    hub.subscribe(session_id, seen.append)
    return seen


async def test_an_event_reaches_every_process_once_and_no_other_deployment(make_hub, redis_url, prefix) -> None:
    a, b = await make_hub(redis_url, prefix), await make_hub(redis_url, prefix)
    elsewhere = await make_hub(redis_url, f'{prefix}-other')
    await eventually(lambda: a.status.live and b.status.live and elsewhere.status.live)
    seen_a, seen_b, seen_elsewhere, seen_b2 = recorder(a, 1), recorder(b, 1), recorder(elsewhere, 1), recorder(b, 2)

    for message_id in (10, 11, 12):
        await a.publish(1, posted(1, message_id))
    await eventually(lambda: len(seen_b) == 3)
    await asyncio.sleep(0.3)  # anything doubled would have arrived by now
    assert [event.message.id for event in seen_a] == [10, 11, 12]  # its own events once, not again from Redis
    assert [event.message.id for event in seen_b] == [10, 11, 12]
    assert seen_elsewhere == seen_b2 == []


async def test_a_change_made_in_another_process_moves_the_session_version_here(make_hub, redis_url, prefix) -> None:
    a, b = await make_hub(redis_url, prefix), await make_hub(redis_url, prefix)
    await eventually(lambda: a.status.live and b.status.live)
    before = b.version(1)  # no page of the session is open in b: what b read earlier may be kept all the same
    await a.publish(1, posted(1, 10))
    await eventually(lambda: b.version(1) != before)
    assert b.version(2) == (b.status.resumed, 0)


async def test_events_of_any_type_travel(make_hub, redis_url, prefix) -> None:
    a, b = await make_hub(redis_url, prefix), await make_hub(redis_url, prefix)
    await eventually(lambda: a.status.live and b.status.live)
    seen_b = recorder(b, 3)
    message = posted(3, 1)
    material = MaterialShared.model_validate({'session_id': 3, 'material': {
        'id': 7, 'session_id': 3, 'author': 'Ana', 'name': 'a.pdf', 'size': 3, 'sha256': 'ab' * 32,
        'content_type': 'application/pdf', 'url': '/x', 'preview_url': '/x/preview',
        'created_at': message.message.created_at}})
    for event in (message, material, HubResynced(session_id=3)):
        await a.publish(3, event)
    await eventually(lambda: len(seen_b) == 3)
    assert seen_b == [message, material, HubResynced(session_id=3)]


async def test_announcements_travel_but_each_process_keeps_its_presence_list_to_itself(make_hub, redis_url,
                                                                                      prefix) -> None:
    a, b = await make_hub(redis_url, prefix), await make_hub(redis_url, prefix)
    await eventually(lambda: a.status.live and b.status.live)
    seen_a, seen_b = recorder(a, 3), recorder(b, 3)
    announced = PresenceAnnounced(session_id=3, origin='process-a', online=['Ana'], ask=True)
    await a.publish(3, PresenceChanged(session_id=3, online=['Ana']))
    await a.publish(3, announced)
    await eventually(lambda: seen_b)
    await asyncio.sleep(0.3)
    assert seen_b == [announced]
    assert [type(event) for event in seen_a] == [PresenceChanged, PresenceAnnounced]


async def test_a_malformed_message_on_the_channel_is_skipped(make_hub, redis_url, prefix) -> None:
    import redis.asyncio as redis
    a, b = await make_hub(redis_url, prefix), await make_hub(redis_url, prefix)
    await eventually(lambda: a.status.live and b.status.live)
    seen_b = recorder(b, 1)
    async with redis.Redis.from_url(redis_url) as client:
        for junk in (b'not json', json.dumps({'origin': 'x', 'event': {'type': 'no.such'}}), b'[]'):
            await client.publish(f'{prefix}:hub', junk)
    await a.publish(1, posted(1, 5))
    await eventually(lambda: seen_b)
    assert [event.message.id for event in seen_b] == [5]
    assert b.status.live


async def test_pages_that_opened_before_the_first_connection_catch_up_once_it_is_made(redis_url, prefix) -> None:
    core.loop = asyncio.get_running_loop()
    hub = Hub(RedisBackend(redis_url, prefix))
    seen = recorder(hub, 4)  # a page built while the process was still connecting
    await hub.start()
    try:
        await eventually(lambda: seen)
        assert seen == [HubResynced(session_id=4)]
        assert hub.status.live
    finally:
        await hub.stop()
        core.loop = None


async def test_without_redis_at_start_publishing_still_works_in_the_process(make_hub) -> None:
    nobody_listens = f'redis://127.0.0.1:{backing_services.free_port()}/0'
    hub = await make_hub(nobody_listens, 'studyhall-test')
    seen = recorder(hub, 1)
    await hub.publish(1, posted(1, 5))  # must not raise
    await eventually(lambda: seen)
    assert [event.message.id for event in seen] == [5]
    assert hub.status.live is False


async def test_after_a_redis_restart_the_other_process_is_told_to_catch_up(make_hub, private_redis, prefix) -> None:
    a, b = await make_hub(private_redis.url, prefix), await make_hub(private_redis.url, prefix)
    await eventually(lambda: a.status.live and b.status.live)
    seen_a, seen_b = recorder(a, 1), recorder(b, 1)

    private_redis.stop(kill=True)
    await eventually(lambda: not a.status.live and not b.status.live)
    await a.publish(1, posted(1, 5))  # stored by the service; must not raise here
    await eventually(lambda: seen_a)
    assert seen_b == []

    version_of_another_session = b.version(2)
    private_redis.start()
    await eventually(lambda: a.status.live and b.status.live)
    await eventually(lambda: HubResynced(session_id=1) in seen_b)
    assert b.version(2) != version_of_another_session  # unseen changes: what b read of it before is stale
    assert not any(isinstance(event, MessagePosted) for event in seen_b)  # it catches up from the database
    # (a hears its own resync on its own time: b's arriving first says nothing of a's)
    await eventually(lambda: [type(event) for event in seen_a] == [MessagePosted, HubResynced])


async def hubs_whose_next_publish_fails(make_hub, redis_url: str, prefix: str) -> tuple[Hub, list]:
    """Hub a of two live hubs (processes a and b) and what b receives; a's next publish to Redis times out once."""
    a, b = await make_hub(redis_url, prefix), await make_hub(redis_url, prefix)
    a.backend.ping_seconds = 0.2
    await eventually(lambda: a.status.live and b.status.live)
    seen_b = recorder(b, 1)
    real_publish = a.backend._redis.publish

    async def fails_once(*args):
        a.backend._redis.publish = real_publish
        raise RedisTimeoutError('no answer within the socket timeout')

    a.backend._redis.publish = fails_once
    return a, seen_b


async def test_a_failed_publish_makes_the_other_processes_catch_up(make_hub, redis_url, prefix) -> None:
    a, seen_b = await hubs_whose_next_publish_fails(make_hub, redis_url, prefix)
    await a.publish(1, posted(1, 5))
    await eventually(lambda: seen_b)  # b stayed connected: only a's announcement can bring this
    assert seen_b == [HubResynced(session_id=1)]
    await a.publish(1, posted(1, 6))
    await eventually(lambda: len(seen_b) == 2)
    assert seen_b[1].message.id == 6


async def test_a_failed_announcement_between_processes_makes_no_page_catch_up(make_hub, redis_url, prefix) -> None:
    a, seen_b = await hubs_whose_next_publish_fails(make_hub, redis_url, prefix)
    await a.publish(1, PresenceAnnounced(session_id=1, origin='process-a', online=['Ana']))
    await eventually(lambda: not a.status.live)
    await eventually(lambda: a.status.live)
    await a.publish(1, posted(1, 6))
    await eventually(lambda: seen_b)
    await asyncio.sleep(0.3)
    assert [type(event) for event in seen_b] == [MessagePosted]  # a's presence announces itself again on resync
