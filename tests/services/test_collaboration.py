"""Edits, deletions, reactions, replies, read positions, presence and typing, against a real SQLite file."""

import pytest

from realtime.events import MessageUpdated, PresenceChanged, ReadPositions, Typing
from services import messages, reads, sessions
from services.context import Context
from services.errors import Forbidden, InvalidInput, NotFound
from services.opening import opening
from tests.waiting import eventually


@pytest.fixture
async def session(ctx: Context):
    row, _ = await sessions.create_session(ctx, 'Algebra')
    return row


def collect(ctx: Context, session, kind) -> list:
    seen = []
    ctx.hub.subscribe(session.id, lambda event: seen.append(event) if isinstance(event, kind) else None)
    return seen


async def test_an_author_edits_their_message_and_everyone_is_told(ctx: Context, session) -> None:
    updates = collect(ctx, session, MessageUpdated)
    message, _ = await messages.post_message(ctx, session, 'Ana', 'helo')
    edited = await messages.edit_message(ctx, session, message.id, 'ana', 'hello **all**')
    await ctx.hub.backend.delivered()
    assert edited.body == 'hello **all**'
    assert edited.html == '<p>hello <strong>all</strong></p>'
    assert edited.edited_at is not None
    assert [event.message.body for event in updates] == ['hello **all**']


async def test_nobody_edits_or_deletes_someone_elses_message(ctx: Context, session) -> None:
    message, _ = await messages.post_message(ctx, session, 'Ana', 'mine')
    with pytest.raises(Forbidden, match='Only Ana'):
        await messages.edit_message(ctx, session, message.id, 'Ben', 'yours now')
    with pytest.raises(Forbidden):
        await messages.delete_message(ctx, session, message.id, 'Ben')
    assert [m.body for m in await messages.messages_before(ctx, session.id, None, 10)] == ['mine']


async def test_a_deleted_message_leaves_a_stub_without_its_text(ctx: Context, session) -> None:
    message, _ = await messages.post_message(ctx, session, 'Ana', 'oops, wrong chat')
    await messages.delete_message(ctx, session, message.id, 'Ana')
    [stub] = await messages.messages_before(ctx, session.id, None, 10)
    assert (stub.id, stub.deleted, stub.body, stub.html) == (message.id, True, '', '')
    with pytest.raises(NotFound):
        await messages.edit_message(ctx, session, message.id, 'Ana', 'back')


async def test_reacting_twice_with_the_same_emoji_takes_it_back(ctx: Context, session) -> None:
    message, _ = await messages.post_message(ctx, session, 'Ana', 'quiz at 3?')
    await messages.toggle_reaction(ctx, session, message.id, 'Ben', '👍')
    both = await messages.toggle_reaction(ctx, session, message.id, 'Carl', '👍')
    assert both.reactions == {'👍': ['Ben', 'Carl']}
    again = await messages.toggle_reaction(ctx, session, message.id, 'Ben', '👍')
    assert again.reactions == {'👍': ['Carl']}
    [shown] = await messages.messages_before(ctx, session.id, None, 10)
    assert shown.reactions == {'👍': ['Carl']}


async def test_only_the_small_emoji_set_and_no_reactions_on_deleted_messages(ctx: Context, session) -> None:
    message, _ = await messages.post_message(ctx, session, 'Ana', 'hi')
    with pytest.raises(InvalidInput, match='Reactions are'):
        await messages.toggle_reaction(ctx, session, message.id, 'Ben', '<script>')
    await messages.delete_message(ctx, session, message.id, 'Ana')
    with pytest.raises(NotFound):
        await messages.toggle_reaction(ctx, session, message.id, 'Ben', '👍')


async def test_a_reply_carries_a_preview_of_what_it_answers(ctx: Context, session) -> None:
    question, _ = await messages.post_message(ctx, session, 'Ana', 'What is   the\nderivative of $x^2$?')
    answer, _ = await messages.post_message(ctx, session, 'Ben', '$2x$', reply_to_id=question.id)
    assert answer.reply_to is not None
    assert (answer.reply_to.id, answer.reply_to.author) == (question.id, 'Ana')
    assert answer.reply_to.excerpt == 'What is the derivative of x2?'  # as read (the formula's characters)
    assert answer.reply_to.html.startswith('What is the derivative of <math') and '$' not in answer.reply_to.html

    await messages.delete_message(ctx, session, question.id, 'Ana')
    [_, shown] = await messages.messages_before(ctx, session.id, None, 10)
    assert shown.reply_to.deleted is True
    assert shown.reply_to.excerpt == ''


async def test_replying_to_a_deleted_or_foreign_message_is_refused(ctx: Context, session) -> None:
    other, _ = await sessions.create_session(ctx, 'Physics')
    elsewhere, _ = await messages.post_message(ctx, other, 'Ana', 'elsewhere')
    gone, _ = await messages.post_message(ctx, session, 'Ana', 'gone')
    await messages.delete_message(ctx, session, gone.id, 'Ana')
    with pytest.raises(InvalidInput, match='deleted'):
        await messages.post_message(ctx, session, 'Ben', 'answer', reply_to_id=gone.id)
    with pytest.raises(InvalidInput, match='not in this session'):
        await messages.post_message(ctx, session, 'Ben', 'answer', reply_to_id=elsewhere.id)


async def two_messages_and_two_readers(ctx: Context, session):
    first, _ = await messages.post_message(ctx, session, 'Ana', 'one')
    second, _ = await messages.post_message(ctx, session, 'Ana', 'two')
    return first, second, await sessions.join(ctx, session, 'Ben'), await sessions.join(ctx, session, 'Carl')


async def test_read_positions_are_stored_and_announced_in_one_batch(ctx: Context, session) -> None:
    announced = collect(ctx, session, ReadPositions)
    first, second, ben, carl = await two_messages_and_two_readers(ctx, session)
    ctx.reads.mark(session, ben.id, 'Ben', first.id)
    ctx.reads.mark(session, ben.id, 'Ben', second.id)
    ctx.reads.mark(session, carl.id, 'Carl', first.id)
    ctx.reads.mark(session, ben.id, 'Ben', first.id)  # never moves back
    await ctx.reads.flush()
    await ctx.hub.backend.delivered()
    assert (await opening(ctx, session)).reads == {'Ben': second.id, 'Carl': first.id}
    assert [event.positions for event in announced] == [{'Ben': second.id, 'Carl': first.id}]


async def test_a_later_batch_moves_stored_positions_forward_only(ctx: Context, session) -> None:
    first, second, ben, carl = await two_messages_and_two_readers(ctx, session)
    ctx.reads.mark(session, ben.id, 'Ben', first.id)
    ctx.reads.mark(session, carl.id, 'Carl', second.id)
    await ctx.reads.flush()

    ctx.reads.mark(session, ben.id, 'Ben', second.id)
    ctx.reads.mark(session, carl.id, 'Carl', first.id)
    await ctx.reads.flush()
    assert (await opening(ctx, session)).reads == {'Ben': second.id, 'Carl': second.id}


async def test_marking_read_for_someone_who_never_joined_is_refused(ctx: Context, session) -> None:
    with pytest.raises(NotFound, match='Nobody called'):
        await reads.mark_read(ctx, session, 'Ghost', 1)


async def test_presence_counts_a_person_once_however_many_tabs(ctx: Context, session) -> None:
    changes = collect(ctx, session, PresenceChanged)
    leave_ana_1 = ctx.presence.enter(session.id, 'Ana')
    leave_ana_2 = ctx.presence.enter(session.id, 'Ana')
    leave_ben = ctx.presence.enter(session.id, 'Ben')
    await eventually(lambda: changes)
    assert ctx.presence.online(session.id) == ['Ana', 'Ben']
    assert [event.online for event in changes] == [['Ana', 'Ben']]  # joins close together: one announcement

    leave_ana_1()
    leave_ben()
    await eventually(lambda: changes[-1].online == ['Ana'])
    leave_ana_2()
    await eventually(lambda: changes[-1].online == [])
    people = await sessions.participants(ctx, session)
    assert people == []  # presence is not joining: nobody joined through the service


async def test_typing_is_announced_at_most_every_two_seconds_per_typer(ctx: Context, session) -> None:
    typing = collect(ctx, session, Typing)
    for _ in range(5):
        ctx.presence.typing(session.id, 'Ana')
    ctx.presence.typing(session.id, 'Ben')
    await eventually(lambda: len(typing) >= 2)
    await ctx.hub.backend.delivered()
    assert [event.name for event in typing] == ['Ana', 'Ben']


async def test_participants_list_who_is_online_first(ctx: Context, session) -> None:
    for name in ('Carl', 'Ana', 'Ben'):
        await sessions.join(ctx, session, name)
    ctx.presence.enter(session.id, 'Carl')
    people = await sessions.participants(ctx, session)
    assert [(p.name, p.online) for p in people] == [('Carl', True), ('Ana', False), ('Ben', False)]


async def test_a_mention_of_a_participant_is_marked_for_them(ctx: Context, session) -> None:
    await sessions.join(ctx, session, 'Ana Lee')
    message, _ = await messages.post_message(ctx, session, 'Ben', 'thanks @ana lee! and @nobody')
    assert '<span class="sh-mention" data-mention="ana lee">@Ana Lee</span>' in message.html
    assert '@nobody' in message.html and message.html.count('sh-mention') == 1
