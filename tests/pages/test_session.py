import json

from nicegui.testing import User

from bench.simulated_browser import json_scripts, parse_page
from components.chat_list import ChatList
from components.composer import Composer
from services import context, materials, messages, sessions
from tests.waiting import eventually


async def new_session(title: str = 'Algebra'):
    row, _ = await sessions.create_session(context.current(), title)
    return row


async def stored_bodies(session) -> list[str]:
    return [m.body for m in await messages.messages_before(context.current(), session.id, None, 100)]


async def test_a_first_visit_asks_for_a_nickname_and_remembers_it(user: User) -> None:
    session = await new_session()
    other = await new_session('Physics')
    await user.open(f'/s/{session.code}')
    await user.should_see('Choose the name the others will see.')
    user.find(marker='nickname').type('  Ana  ')
    user.find(marker='join-session').click()
    await user.should_see(marker='me', content='Ana')
    await user.open(f'/s/{other.code}')
    await user.should_see(marker='me', content='Ana')


async def test_an_empty_nickname_is_refused(user: User) -> None:
    session = await new_session()
    await user.open(f'/s/{session.code}')
    user.find(marker='nickname').type('   ')
    user.find(marker='join-session').click()
    await user.should_see('A nickname is required.')


async def test_name_in_the_link_joins_directly(user: User) -> None:
    session = await new_session()
    await user.open(f'/s/{session.code}?name=Ben')
    await user.should_see(marker='me', content='Ben')
    await user.should_see(session.title)
    await user.should_see(f'{session.code[:3]}-{session.code[3:]}')


async def test_the_page_starts_with_the_newest_history_in_the_message_list(user: User) -> None:
    session = await new_session()
    page_size = context.current().settings.history_page_size
    for i in range(page_size + 5):
        await messages.post_message(context.current(), session, 'Ana', f'm{i}')
    html = (await user.http_client.get(f'/s/{session.code}?name=Ben')).text
    _, _, elements = parse_page(html)
    chat = next(element for element in elements.values() if element['tag'] == ChatList.component.tag)
    shown = [m['body'] for m in json.loads(json_scripts(html)[chat['props']['history']])]
    assert shown == [f'm{i}' for i in range(5, page_size + 5)]
    assert chat['props']['hasOlder'] is True


async def test_the_page_copy_of_a_message_leaves_out_only_what_is_empty(user: User) -> None:
    ctx = context.current()
    session = await new_session()
    plain, _ = await messages.post_message(ctx, session, 'Ana', 'plain')
    reply, _ = await messages.post_message(ctx, session, 'Ben', 'an answer', 'id-7', plain.id)
    await messages.toggle_reaction(ctx, session, reply.id, 'Ana', '👍')
    await messages.edit_message(ctx, session, reply.id, 'Ben', 'a better answer')
    html = (await user.http_client.get(f'/s/{session.code}?name=Cleo')).text
    _, _, elements = parse_page(html)
    chat = next(element for element in elements.values() if element['tag'] == ChatList.component.tag)
    first, second = json.loads(json_scripts(html)[chat['props']['history']])
    assert set(first) == {'id', 'author', 'body', 'html', 'created_at'}
    assert (second['client_msg_id'], second['reply_to']['id'], second['reactions'], second['body']) == \
        ('id-7', plain.id, {'👍': ['Ana']}, 'a better answer')
    assert second['edited_at'] is not None


async def test_markup_in_a_message_cannot_end_the_history_script_of_the_page(user: User) -> None:
    session = await new_session()
    body = '</script><script>alert(1)</script> & <!-- <b>'
    await messages.post_message(context.current(), session, 'Ana', body)
    html = (await user.http_client.get(f'/s/{session.code}?name=Ben')).text
    assert '<script>alert' not in html and '<!-- <b>' not in html
    _, _, elements = parse_page(html)
    chat = next(element for element in elements.values() if element['tag'] == ChatList.component.tag)
    assert [m['body'] for m in json.loads(json_scripts(html)[chat['props']['history']])] == [body]


async def test_a_message_of_the_outbox_is_stored_once_however_often_the_page_sends_it(user: User) -> None:
    session = await new_session()
    await user.open(f'/s/{session.code}?name=Ana')
    # the browser's outbox sends each message with the id it gave it, again after a lost answer or from another tab
    for client_msg_id, body in (('id-1', 'Hello **class**'), ('id-1', 'Hello **class**'), ('id-2', 'and again')):
        user.find(Composer).trigger('send', {'client_msg_id': client_msg_id, 'body': body})
    await eventually(lambda: _stored(session, 2))
    assert await stored_bodies(session) == ['Hello **class**', 'and again']


async def test_what_the_service_refuses_is_not_stored(user: User) -> None:
    session = await new_session()
    await user.open(f'/s/{session.code}?name=Ana')
    too_long = 'x' * (context.current().settings.max_message_chars + 1)
    for body in (too_long, '   ', 42):  # (the page is told why, on its socket: see tests/browser/test_refusals.py)
        user.find(Composer).trigger('send', {'client_msg_id': f'id-{body!r:.8}', 'body': body})
    user.find(Composer).trigger('send', {'body': 'no id: a crafted event'})
    user.find(Composer).trigger('send', {'client_msg_id': 'id-last', 'body': 'this one is fine'})
    await eventually(lambda: _stored(session, 1))  # after the others: they are posted in the order sent
    assert await stored_bodies(session) == ['this one is fine']


async def test_materials_are_listed_and_a_new_one_appears_without_reload(user: User) -> None:
    ctx = context.current()
    session = await new_session()
    await user.open(f'/s/{session.code}?name=Ana')
    await user.should_see('No files shared yet.')

    async with ctx.files.incoming(1000) as incoming:
        await incoming.write(b'%PDF-1.4 worksheet')
        blob = await incoming.store()
    await materials.share_file(ctx, session, 'Ben', 'worksheet.pdf', blob)
    await user.should_see('worksheet.pdf')
    with user.scope(marker='materials'):
        await user.should_see('worksheet.pdf')
        await user.should_see('18 bytes · Ben')
    await user.should_not_see('No files shared yet.')


async def test_an_unknown_session_is_a_404_page_that_says_so(user: User) -> None:
    response = await user.http_client.get('/s/ZZZ-ZZZ')
    assert response.status_code == 404
    _, _, elements = parse_page(response.text)
    texts = [element.get('text') for element in elements.values()]
    assert 'There is no study session with the code "ZZZ-ZZZ".' in texts
    assert 'Back to the start page' in texts


async def test_a_deleted_page_leaves_no_subscriber_in_the_hub(user: User) -> None:
    session = await new_session()
    hub = context.current().hub
    await user.open(f'/s/{session.code}?name=Ana')
    # the socket fan-out, the materials panel, the page's host changes (which include the session's deletion)
    assert hub.subscriber_count(session.id) == 3
    user.client.delete()
    assert hub.subscriber_count() == 0


async def _stored(session, count: int) -> bool:
    return len(await stored_bodies(session)) == count
