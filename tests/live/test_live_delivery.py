"""Live delivery end to end: simulated browsers speak NiceGUI's Socket.IO protocol to a real server."""
import asyncio

from tests.servers import new_session

QUIET = 0.5  # how long to listen for something that must not arrive


async def test_two_people_see_each_others_messages_once_and_another_session_sees_none(api, open_tab) -> None:
    code, other_code = await new_session(api), await new_session(api, 'Other')
    ana, ben = await open_tab(code, 'Ana'), await open_tab(code, 'Ben')
    carl = await open_tab(other_code, 'Carl')

    await ana.send('Hello from Ana')
    await ben.wait_for_bodies('Hello from Ana')
    await ben.send('Hi Ana, Ben here')
    for tab in (ana, ben):
        await tab.wait_for_bodies('Hello from Ana', 'Hi Ana, Ben here')
    await asyncio.sleep(QUIET)

    for tab in (ana, ben):
        assert tab.bodies() == ['Hello from Ana', 'Hi Ana, Ben here']
        assert set(tab.live_deliveries.values()) == {1}
    assert carl.bodies() == []
    assert {event['session_id'] for event in carl.events} == {carl.session_id}
    assert not [event for event in carl.events if event['type'].startswith('message.')]
    stored = (await api.get(f'/api/sessions/{code}/messages')).json()
    assert [(m['author'], m['body']) for m in stored] == [('Ana', 'Hello from Ana'), ('Ben', 'Hi Ana, Ben here')]


async def test_an_upload_appears_live_in_the_materials_of_the_session_only(api, open_tab) -> None:
    code, other_code = await new_session(api), await new_session(api, 'Other')
    ana, ben = await open_tab(code, 'Ana'), await open_tab(code, 'Ben')
    carl = await open_tab(other_code, 'Carl')

    response = await api.post(f'/api/sessions/{code}/materials', data={'author': 'Teacher'},
                              files={'file': ('worksheet-7.pdf', b'%PDF-1.4 worksheet', 'application/pdf')})
    assert response.status_code == 201
    for tab in (ana, ben):
        await tab.wait_for_text('worksheet-7.pdf')
    await asyncio.sleep(QUIET)
    for tab in (ana, ben):
        assert sum('worksheet-7.pdf' in text for text in tab.texts()) == 1
    assert not any('worksheet-7.pdf' in text for text in carl.texts())


async def test_a_reloaded_page_shows_the_history(api, open_tab) -> None:
    code = await new_session(api)
    ana = await open_tab(code, 'Ana')
    for i in range(3):
        await ana.send(f'note {i}')
    await ana.wait_for_bodies('note 0', 'note 1', 'note 2')

    reloaded = await open_tab(code, 'Ana', same_browser_as=ana)
    assert reloaded.bodies() == ['note 0', 'note 1', 'note 2']  # in the page as it is served


async def test_a_message_posted_through_the_api_appears_in_an_open_page(api, open_tab) -> None:
    code = await new_session(api)
    ana = await open_tab(code, 'Ana')
    response = await api.post(f'/api/sessions/{code}/messages', json={'author': 'Quiz bot', 'body': 'Question 1'})
    assert response.status_code == 201
    await ana.wait_for_bodies('Question 1')
    assert ana.messages[response.json()['id']]['author'] == 'Quiz bot'


async def test_a_retried_client_msg_id_shows_once(api, open_tab) -> None:
    code = await new_session(api)
    ana = await open_tab(code, 'Ana')
    payload = {'author': 'Ben', 'body': 'sent twice', 'client_msg_id': 'retry-1'}
    first = await api.post(f'/api/sessions/{code}/messages', json=payload)
    second = await api.post(f'/api/sessions/{code}/messages', json=payload)
    assert (first.status_code, second.status_code) == (201, 200)
    await ana.wait_for_bodies('sent twice')
    await asyncio.sleep(QUIET)
    assert ana.bodies() == ['sent twice']
    assert ana.live_deliveries[first.json()['id']] == 1


async def test_a_client_that_reconnects_gets_what_it_missed(api, open_tab) -> None:
    code = await new_session(api)
    ana, ben = await open_tab(code, 'Ana'), await open_tab(code, 'Ben')
    await ana.send('before the gap')
    await ben.wait_for_bodies('before the gap')

    await ben.browser.drop_connection()
    await ben.browser.wait_for(lambda: not ben.browser.connected.is_set(), timeout=2)
    for i in range(3):
        await api.post(f'/api/sessions/{code}/messages', json={'author': 'Carl', 'body': f'during the gap {i}'})

    await ben.wait_for_bodies('during the gap 0', 'during the gap 1', 'during the gap 2', timeout=10)
    assert ben.browser.reconnects == 1
    assert ben.bodies() == ['before the gap', 'during the gap 0', 'during the gap 1', 'during the gap 2']

