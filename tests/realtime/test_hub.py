import asyncio
from datetime import UTC, datetime
from typing import Literal

import pytest
from nicegui import core

from db.schemas import MessagePublic
from realtime.audience import Person
from realtime.events import BaseEvent, MessagePosted, PresenceAnnounced, PresenceChanged, Typing, parse_event
from realtime.fanout import SOCKET_EVENT, SocketFanout
from realtime.hub import Hub


def posted(session_id: int, message_id: int) -> MessagePosted:
    message = MessagePublic(id=message_id, session_id=session_id, author='Ana', body='hi', html='<p>hi</p>',
                            client_msg_id=None, created_at=datetime.now(UTC))
    return MessagePosted(session_id=session_id, message=message)


@pytest.fixture
async def hub():
    core.loop = asyncio.get_running_loop()
    hub = Hub()
    await hub.start()
    yield hub
    await hub.stop()
    core.loop = None


async def settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


def test_pages_get_a_new_message_without_its_session_id_and_empty_defaults() -> None:
    event = posted(1, 10)
    created_at = event.payload['message']['created_at']
    assert event.page_payload == {'type': 'message.posted', 'session_id': 1, 'message': {
        'id': 10, 'author': 'Ana', 'body': 'hi', 'html': '<p>hi</p>', 'created_at': created_at}}
    assert parse_event(event.payload) == event  # between processes it travels whole


async def test_subscribers_of_a_session_get_its_events_in_order_and_no_others(hub: Hub) -> None:
    seen_one, seen_two = [], []
    hub.subscribe(1, lambda event: seen_one.append(event.message.id))
    hub.subscribe(2, lambda event: seen_two.append(event.message.id))
    for message_id in (10, 11, 12):
        await hub.publish(1, posted(1, message_id))
    await settle()
    assert seen_one == [10, 11, 12]
    assert seen_two == []


async def test_a_subscriber_can_ask_for_some_kinds_of_event_only(hub: Hub) -> None:
    everything, presence_only = [], []
    hub.subscribe(1, everything.append)
    hub.subscribe(1, presence_only.append, only=(PresenceChanged,))
    await hub.publish(1, posted(1, 10))
    await hub.publish(1, PresenceChanged(session_id=1, online=['Ana']))
    await settle()
    assert [event.type for event in everything] == ['message.posted', 'presence.changed']
    assert [event.type for event in presence_only] == ['presence.changed']


async def test_the_session_version_moves_with_stored_changes_only(hub: Hub) -> None:
    start = hub.version(1)
    await hub.publish(1, Typing(session_id=1, name='Ana'))
    await hub.publish(1, PresenceChanged(session_id=1, online=['Ana']))
    assert hub.version(1) == start
    await hub.publish(1, posted(1, 10))
    moved = hub.version(1)
    assert moved != start  # at once, before the event is delivered
    assert hub.version(2) == start


async def test_unsubscribing_leaves_no_subscriber_behind(hub: Hub) -> None:
    stops = [hub.subscribe(1, lambda _: None) for _ in range(3)] + [hub.subscribe(2, lambda _: None)]
    assert hub.subscriber_count() == 4
    for stop in stops:
        stop()
        stop()  # twice is harmless
    assert hub.subscriber_count() == 0


async def test_a_failing_subscriber_does_not_stop_delivery_to_the_others(hub: Hub) -> None:
    seen = []

    def broken(_) -> None:
        raise RuntimeError('this view was deleted')

    async def working(event) -> None:
        seen.append(event.message.id)

    hub.subscribe(1, broken)
    hub.subscribe(1, working)
    await hub.publish(1, posted(1, 5))
    await settle()
    assert seen == [5]


async def test_an_event_must_be_published_on_its_own_session(hub: Hub) -> None:
    with pytest.raises(AssertionError):
        await hub.publish(2, posted(1, 5))


def test_events_survive_a_round_trip_through_json() -> None:
    event = posted(3, 7)
    assert parse_event(event.model_dump_json()) == event
    assert parse_event(event.payload) == event


class RecordingSocketServer:
    """Stands in for the Socket.IO server (python-socketio, not our code) to see which rooms an emit addresses."""

    def __init__(self) -> None:
        self.emits = []

    async def emit(self, event, data, room=None):
        self.emits.append((event, data, room))


async def test_fanout_sends_one_emit_per_event_to_every_client_of_the_session(hub: Hub) -> None:
    sio = RecordingSocketServer()
    fanout = SocketFanout(hub, sio)
    leave_a = fanout.join(1, 'client-a')
    leave_b = fanout.join(1, 'client-b')
    fanout.join(2, 'client-c')
    assert hub.subscriber_count(1) == 1  # one subscription per session, however many clients

    await hub.publish(1, posted(1, 9))
    await settle()
    assert len(sio.emits) == 1
    name, payload, rooms = sio.emits[0]
    assert name == SOCKET_EVENT
    assert payload['message']['id'] == 9
    assert sorted(rooms) == ['client-a', 'client-b']

    leave_a()
    leave_b()
    assert hub.subscriber_count(1) == 0
    assert fanout.client_count(1) == 0


async def test_fanout_keeps_announcements_between_processes_from_the_pages(hub: Hub) -> None:
    sio = RecordingSocketServer()
    SocketFanout(hub, sio).join(1, 'client-a')
    await hub.publish(1, PresenceAnnounced(session_id=1, origin='process-b', online=['Ben']))
    await hub.publish(1, PresenceChanged(session_id=1, online=['Ana', 'Ben']))
    await settle()
    assert [payload['type'] for _, payload, _ in sio.emits] == ['presence.changed']


class NameForHostsOnly(BaseEvent):
    """An event that hides a name from guests and tells one person something of their own."""
    type: Literal['test.named'] = 'test.named'
    name: str

    def deliveries(self):
        return [('guests', {'type': self.type, 'name': None}), ('hosts', self.payload),
                (Person('ana'), {'type': self.type, 'name': 'you'})]


async def test_fanout_sends_each_audience_its_own_payload_in_one_emit(hub: Hub) -> None:
    sio = RecordingSocketServer()
    fanout = SocketFanout(hub, sio)
    fanout.join(1, 'host-page', host=True, person='teacher')
    fanout.join(1, 'ana-laptop', person='ana')
    fanout.join(1, 'ana-phone', person='ana')
    leave_ben = fanout.join(1, 'ben-page', person='ben')
    fanout.join(1, 'projector')

    await hub.publish(1, NameForHostsOnly(session_id=1, name='Ana'))
    await settle()
    sent = {payload['name']: sorted(rooms) for _, payload, rooms in sio.emits}
    assert sent == {None: ['ana-laptop', 'ana-phone', 'ben-page', 'projector'], 'Ana': ['host-page'],
                    'you': ['ana-laptop', 'ana-phone']}
    assert len(sio.emits) == 3  # one emit per audience, whatever the number of pages

    sio.emits.clear()
    leave_ben()
    await hub.publish(1, posted(1, 10))
    await settle()
    assert [sorted(rooms) for _, _, rooms in sio.emits] == [['ana-laptop', 'ana-phone', 'host-page', 'projector']]


async def test_an_audience_without_pages_costs_no_emit(hub: Hub) -> None:
    sio = RecordingSocketServer()
    SocketFanout(hub, sio).join(1, 'ben-page', person='ben')
    await hub.publish(1, NameForHostsOnly(session_id=1, name='Ana'))
    await settle()
    assert [payload['name'] for _, payload, _ in sio.emits] == [None]
