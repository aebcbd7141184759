"""History on demand, big gaps and server restarts, against a real server."""
import httpx

from tests.servers import client, new_session


async def post_many(api: httpx.AsyncClient, code: str, count: int, prefix: str = 'm') -> None:
    for i in range(count):
        response = await api.post(f'/api/sessions/{code}/messages', json={'author': 'Ana', 'body': f'{prefix}{i}'})
        assert response.status_code == 201


async def test_older_messages_load_on_demand_page_by_page(api, open_tab) -> None:
    code = await new_session(api)
    await post_many(api, code, 120)
    ben = await open_tab(code, 'Ben')
    assert ben.bodies() == [f'm{i}' for i in range(70, 120)]  # the newest 50
    chat_id, chat = ben.chat
    assert chat['props']['hasOlder'] is True

    pages = []
    ben.browser.on('studyhall', lambda event, _: pages.append(event) if event['type'] == 'messages.older' else None)
    await ben.browser.send_event(chat_id, 'load_older', min(ben.messages))
    await ben.browser.wait_for(lambda: len(pages) == 1)
    assert [m['body'] for m in pages[0]['messages']] == [f'm{i}' for i in range(20, 70)]
    assert pages[0]['has_more'] is True

    await ben.browser.send_event(chat_id, 'load_older', pages[0]['messages'][0]['id'])
    await ben.browser.wait_for(lambda: len(pages) == 2)
    assert [m['body'] for m in pages[1]['messages']] == [f'm{i}' for i in range(20)]
    assert pages[1]['has_more'] is False


async def test_a_page_that_missed_more_than_it_keeps_is_reset_to_the_newest_messages(api, open_tab) -> None:
    code = await new_session(api)
    ben = await open_tab(code, 'Ben')
    await post_many(api, code, 320, prefix='gap')  # more than the 300 a page keeps
    await ben.wait_for_bodies('gap319', timeout=15)

    answers = []
    ben.browser.on('studyhall', lambda e, _: answers.append(e) if e['type'] == 'messages.caught_up' else None)
    chat_id, _ = ben.chat
    first_id = min(ben.messages)
    await ben.browser.send_event(chat_id, 'catch_up', first_id - 1)  # as if it had shown nothing since then
    await ben.browser.wait_for(lambda: answers)
    assert answers[0]['reset'] is True
    assert [m['body'] for m in answers[0]['messages']] == [f'gap{i}' for i in range(270, 320)]


async def test_catching_up_answers_what_came_after_the_last_message_a_page_shows(api, open_tab) -> None:
    code = await new_session(api)
    await post_many(api, code, 3)
    ben = await open_tab(code, 'Ben')
    answers = []
    ben.browser.on('studyhall', lambda e, _: answers.append(e) if e['type'] == 'messages.caught_up' else None)
    chat_id, _ = ben.chat
    newest = max(ben.messages)
    await ben.browser.send_event(chat_id, 'catch_up', newest)  # the page shows everything
    await ben.browser.wait_for(lambda: answers)
    assert all((answer['reset'], answer['messages']) == (False, []) for answer in answers)

    await post_many(api, code, 1, prefix='late')
    await ben.wait_for_bodies('m0', 'm1', 'm2', 'late0')
    answers.clear()
    await ben.browser.send_event(chat_id, 'catch_up', newest)  # as if it had missed the last one
    await ben.browser.wait_for(lambda: answers)
    assert [m['body'] for m in answers[0]['messages']] == ['late0']


async def test_after_a_server_restart_pages_come_back_with_the_history_and_live_again(own_server, open_tab) -> None:
    async with client(own_server) as api:
        code = await new_session(api)
        ana = await open_tab(code, 'Ana', on=own_server)
        ben = await open_tab(code, 'Ben', on=own_server)
        await ana.send('before the restart')
        await ben.wait_for_bodies('before the restart')

        own_server.restart()
        await api.post(f'/api/sessions/{code}/messages', json={'author': 'Carl', 'body': 'while reloading'})
        for tab in (ana, ben):
            await tab.wait_for_bodies('before the restart', 'while reloading', timeout=20)
        await ana.send('after the restart')
        await ben.wait_for_bodies('after the restart', timeout=10)
    assert ben.bodies() == ['before the restart', 'while reloading', 'after the restart']
    assert ben.browser.reloads >= 1
