"""Raised hands: once per person, in the order they went up, lowered by their person or the host, next, lower all."""
import asyncio

import pytest

from realtime.events import HandsChanged, HandTurn
from services import hands, host, sessions
from services.context import Context
from services.errors import Forbidden, NotFound
from tests.waiting import eventually


async def test_a_hand_goes_up_once_and_the_queue_keeps_the_order(ctx: Context, hosted, collect) -> None:
    session, _ = hosted
    announced = await collect(session, HandsChanged)
    ana, raised = await hands.raise_hand(ctx, session, 'Ana')
    assert (ana.name, ana.position, raised) == ('Ana', 1, True)
    again, raised = await hands.raise_hand(ctx, session, 'ana')  # another tab of Ana's
    assert (again.raised_at, again.position, raised) == (ana.raised_at, 1, False)
    ben, _ = await hands.raise_hand(ctx, session, 'Ben')
    assert ben.position == 2
    assert [(h.name, h.position) for h in await hands.hands(ctx, session.id)] == [('Ana', 1), ('Ben', 2)]
    await eventually(lambda: announced and [h.name for h in announced[-1].hands] == ['Ana', 'Ben'])
    assert len(announced) <= 2  # coalesced


async def test_a_person_lowers_their_own_hand_and_nobody_elses(ctx: Context, hosted) -> None:
    session, key = hosted
    await hands.raise_hand(ctx, session, 'Ana')
    await hands.raise_hand(ctx, session, 'Ben')
    with pytest.raises(Forbidden, match='Only the host or Ana'):
        await hands.lower_hand(ctx, session, 'Ana', requester='Ben')
    assert await hands.lower_hand(ctx, session, 'Ana', requester='ana')
    assert not await hands.lower_hand(ctx, session, 'Ana', requester='Ana')
    assert await hands.lower_hand(ctx, session, 'Ben', host_key=key)
    assert await hands.hands(ctx, session.id) == []


async def test_next_calls_on_the_first_hand_and_tells_only_that_person(ctx: Context, hosted, collect) -> None:
    session, key = hosted
    turns = await collect(session, HandTurn)
    with pytest.raises(NotFound, match='No hand'):
        await hands.next_hand(ctx, session, key)
    for name in ('Ana', 'Ben', 'Cy'):
        await hands.raise_hand(ctx, session, name)
    with pytest.raises(Forbidden):
        await hands.next_hand(ctx, session, None)
    called = await hands.next_hand(ctx, session, key)
    await ctx.hub.backend.delivered()
    assert called.name == 'Ana'
    assert [h.name for h in await hands.hands(ctx, session.id)] == ['Ben', 'Cy']
    assert [audience.key for audience, _ in turns[0].deliveries()] == ['ana']
    assert await hands.lower_all(ctx, session, key) == 2
    assert await hands.hands(ctx, session.id) == []


async def test_two_hosts_pressing_next_at_once_call_on_two_people(ctx: Context, hosted) -> None:
    session, key = hosted
    for name in ('Ana', 'Ben'):
        await hands.raise_hand(ctx, session, name)
    called = await asyncio.gather(hands.next_hand(ctx, session, key), hands.next_hand(ctx, session, key))
    assert sorted(hand.name for hand in called) == ['Ana', 'Ben']


async def test_hands_at_once_are_all_in_the_queue_in_one_order(ctx: Context, hosted, collect) -> None:
    session, _ = hosted
    announced = await collect(session, HandsChanged)
    await asyncio.gather(*(hands.raise_hand(ctx, session, f'Pupil {n}') for n in range(30)))
    queue = await hands.hands(ctx, session.id)
    assert [h.position for h in queue] == list(range(1, 31)) and len({h.name for h in queue}) == 30
    await eventually(lambda: announced and announced[-1].hands == queue)


async def test_muted_and_locked_may_raise_a_hand_removed_and_closed_may_not(ctx: Context, hosted) -> None:
    session, key = hosted
    await sessions.join(ctx, session, 'Ana')
    await host.moderate(ctx, session, key, 'Ana', muted=True)
    await host.set_status(ctx, session, key, 'locked')
    assert (await hands.raise_hand(ctx, session, 'Ana'))[1]
    await host.moderate(ctx, session, key, 'Ana', removed=True)
    with pytest.raises(Forbidden, match='removed'):
        await hands.raise_hand(ctx, session, 'Ana')
    await host.set_status(ctx, session, key, 'closed')
    with pytest.raises(Forbidden, match='closed'):
        await hands.raise_hand(ctx, session, 'Ben')


async def test_a_person_who_left_has_their_hand_lowered(ctx: Context, hosted) -> None:
    session, _ = hosted
    await hands.raise_hand(ctx, session, 'Ana')
    ana = await sessions.participant_named(ctx, session, 'Ana')
    await hands.lower_if_raised(ctx, session.id, ana.id)
    assert await hands.hands(ctx, session.id) == []
