import asyncio

import pytest
from sqlmodel import func, select

from db.models import Message
from realtime.events import MessagePosted
from services import messages, sessions
from services.context import Context
from services.errors import InvalidInput


@pytest.fixture
async def session(ctx: Context):
    row, _ = await sessions.create_session(ctx, 'Algebra')
    return row


async def count_messages(ctx: Context) -> int:
    async with ctx.db.read() as db:
        return (await db.exec(select(func.count()).select_from(Message))).one()


async def test_a_message_is_stored_then_published_to_its_session(ctx: Context, session) -> None:
    received = []
    ctx.hub.subscribe(session.id, received.append)
    message, is_new = await messages.post_message(ctx, session, 'Ana', 'Hello **all**')
    await ctx.hub.backend.delivered()
    assert is_new
    assert message.html == '<p>Hello <strong>all</strong></p>'
    assert [(type(e), e.message.id) for e in received] == [(MessagePosted, message.id)]
    assert await count_messages(ctx) == 1


@pytest.mark.parametrize('body', ['', '   ', '\n\n\t', '\x00\x01'])
async def test_an_empty_message_is_refused_and_nothing_is_stored(ctx: Context, session, body: str) -> None:
    with pytest.raises(InvalidInput, match='empty'):
        await messages.post_message(ctx, session, 'Ana', body)
    assert await count_messages(ctx) == 0


async def test_a_message_over_the_limit_is_refused_with_its_length(ctx: Context, session) -> None:
    limit = ctx.settings.max_message_chars
    await messages.post_message(ctx, session, 'Ana', 'x' * limit)
    with pytest.raises(InvalidInput, match=f'{limit + 1:,}'):
        await messages.post_message(ctx, session, 'Ana', 'x' * (limit + 1))
    assert await count_messages(ctx) == 1


async def test_a_retried_post_is_stored_and_published_once(ctx: Context, session) -> None:
    received = []
    ctx.hub.subscribe(session.id, received.append)
    first, first_new = await messages.post_message(ctx, session, 'Ana', 'hi', client_msg_id='abc')
    again, again_new = await messages.post_message(ctx, session, 'Ana', 'hi', client_msg_id='abc')
    await ctx.hub.backend.delivered()
    assert (first_new, again_new) == (True, False)
    assert again.id == first.id
    assert len(received) == 1
    assert await count_messages(ctx) == 1


async def test_the_same_retry_arriving_many_times_at_once_is_stored_once(ctx: Context, session) -> None:
    results = await asyncio.gather(*(messages.post_message(ctx, session, 'Ana', 'hi', client_msg_id='same')
                                     for _ in range(10)))
    assert len({message.id for message, _ in results}) == 1
    assert [is_new for _, is_new in results].count(True) == 1
    assert await count_messages(ctx) == 1


async def test_a_client_msg_id_belongs_to_one_session(ctx: Context, session) -> None:
    other, _ = await sessions.create_session(ctx, 'Physics')
    await messages.post_message(ctx, session, 'Ana', 'hi', client_msg_id='abc')
    _, is_new = await messages.post_message(ctx, other, 'Ana', 'hi', client_msg_id='abc')
    assert is_new


async def test_history_reads_forward_from_an_id_and_backward_in_pages(ctx: Context, session) -> None:
    other, _ = await sessions.create_session(ctx, 'Physics')
    ids = [(await messages.post_message(ctx, session, 'Ana', f'm{i}'))[0].id for i in range(7)]
    await messages.post_message(ctx, other, 'Ben', 'elsewhere')

    assert [m.id for m in await messages.messages_after(ctx, session.id, ids[3], 10)] == ids[4:]
    assert [m.id for m in await messages.messages_after(ctx, session.id, 0, 2)] == ids[:2]
    assert [m.id for m in await messages.messages_before(ctx, session.id, None, 3)] == ids[-3:]
    assert [m.id for m in await messages.messages_before(ctx, session.id, ids[4], 3)] == ids[1:4]


async def test_the_author_is_the_participant_name_as_first_written(ctx: Context, session) -> None:
    await messages.post_message(ctx, session, 'Ana', 'first')
    message, _ = await messages.post_message(ctx, session, '  ANA ', 'second')
    assert message.author == 'Ana'
