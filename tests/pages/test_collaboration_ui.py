
from nicegui.testing import User

from components.chat_list import ChatList
from services import context, messages, sessions
from tests.waiting import eventually


async def open_session(user: User, name: str = 'Ben'):
    ctx = context.current()
    session, _ = await sessions.create_session(ctx, 'Algebra')
    question, _ = await messages.post_message(ctx, session, 'Ana', 'How do I factor $x^2 - 1$?')
    await user.open(f'/s/{session.code}?name={name}')
    return session, question


async def test_search_finds_messages_and_says_when_nothing_matches(user: User) -> None:
    await open_session(user)
    user.find(marker='search').click()
    user.find(marker='search-input').type('factor')
    user.find(marker='search-input').trigger('keydown.enter')
    await user.should_see('Ana ·')
    user.find(marker='search-input').clear().type('<b>integral</b>')
    user.find(marker='search-input').trigger('keydown.enter')
    await user.should_see('Nothing found.')


async def test_a_reply_is_stored_as_a_reply(user: User) -> None:
    session, question = await open_session(user)
    # (the browser shows what it answers while it is written: tests/browser/test_collaboration.py)
    user.find(marker='composer').trigger('send', {'client_msg_id': 'id-1', 'body': '(x-1)(x+1)',
                                                  'reply_to': question.id})
    await eventually(lambda: _count(session, 2))
    [_, answer] = await messages.messages_before(context.current(), session.id, None, 10)
    assert (answer.body, answer.reply_to.id) == ('(x-1)(x+1)', question.id)


async def test_editing_someone_elses_message_is_refused_with_a_notice(user: User) -> None:
    session, question = await open_session(user)
    user.find(ChatList).trigger('edit', {'id': question.id, 'body': 'hijacked'})
    await user.should_see('Only Ana can edit this message.')
    [shown] = await messages.messages_before(context.current(), session.id, None, 10)
    assert shown.body == 'How do I factor $x^2 - 1$?'


async def test_people_here_are_listed_with_the_page(user: User) -> None:
    session, _ = await open_session(user)
    assert context.current().presence.online(session.id) == ['Ben']
    user.client.delete()
    assert context.current().presence.online(session.id) == []


async def _count(session, expected: int) -> bool:
    return len(await messages.messages_before(context.current(), session.id, None, 10)) == expected
