"""Flood control in the message service: one participant's burst is refused, nobody else is slowed down."""
import pytest

from services import messages, sessions
from services.errors import TooManyRequests
from settings import Settings


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path / 'data', uploads_dir=tmp_path / 'uploads', message_rate_limit=3,
                    message_rate_window=60)


async def test_a_burst_beyond_the_limit_is_refused_and_not_stored(ctx) -> None:
    session, _ = await sessions.create_session(ctx, 'Flood')
    for i in range(3):
        await messages.post_message(ctx, session, 'Ana', f'm{i}')
    with pytest.raises(TooManyRequests, match='at most 3 every 60 seconds') as refused:
        await messages.post_message(ctx, session, ' ana ', 'one too many')  # the same participant, however typed
    assert 1 <= refused.value.retry_after <= 60
    assert [m.body for m in await messages.messages_after(ctx, session.id, 0, 10)] == ['m0', 'm1', 'm2']


async def test_others_and_other_sessions_are_unaffected(ctx) -> None:
    session, _ = await sessions.create_session(ctx, 'Flood')
    other, _ = await sessions.create_session(ctx, 'Elsewhere')
    for i in range(3):
        await messages.post_message(ctx, session, 'Ana', f'm{i}')
    _, is_new = await messages.post_message(ctx, session, 'Ben', 'still fine')
    _, elsewhere = await messages.post_message(ctx, other, 'Ana', 'another session')
    assert is_new and elsewhere


async def test_a_retried_post_is_answered_even_over_the_limit(ctx) -> None:
    session, _ = await sessions.create_session(ctx, 'Flood')
    first, _ = await messages.post_message(ctx, session, 'Ana', 'kept', client_msg_id='c-1')
    for i in range(2):
        await messages.post_message(ctx, session, 'Ana', f'm{i}')
    again, is_new = await messages.post_message(ctx, session, 'Ana', 'kept', client_msg_id='c-1')
    assert (again.id, is_new) == (first.id, False)


async def test_edits_count_as_messages(ctx) -> None:
    """An edit is rendered and sent to every page again: unlimited edits would be a flood of their own."""
    session, _ = await sessions.create_session(ctx, 'Flood')
    first, _ = await messages.post_message(ctx, session, 'Ana', 'm0')
    for i in range(2):
        await messages.edit_message(ctx, session, first.id, 'Ana', f'edit {i}')
    with pytest.raises(TooManyRequests, match='too fast'):
        await messages.edit_message(ctx, session, first.id, 'Ana', 'one too many')
    with pytest.raises(TooManyRequests, match='too fast'):
        await messages.post_message(ctx, session, 'Ana', 'and no new one either')
    assert [m.body for m in await messages.messages_after(ctx, session.id, 0, 10)] == ['edit 1']


async def test_reactions_have_a_limit_of_their_own(ctx) -> None:
    """A reaction sends its whole message to every page again: toggled without end, a big one would flood them."""
    session, _ = await sessions.create_session(ctx, 'Flood')
    message, _ = await messages.post_message(ctx, session, 'Ana', 'react to me')
    for _ in range(3):
        await messages.toggle_reaction(ctx, session, message.id, 'Ben', '👍')
    with pytest.raises(TooManyRequests, match='reacting too fast'):
        await messages.toggle_reaction(ctx, session, message.id, 'Ben', '👍')
    await messages.post_message(ctx, session, 'Ben', 'messages still go')
    reacted = await messages.toggle_reaction(ctx, session, message.id, 'Ana', '🎉')  # Ana's own limit
    assert reacted.reactions == {'👍': ['Ben'], '🎉': ['Ana']}
