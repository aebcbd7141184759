"""Presence, typing, read state, edits, reactions and replies reach every simulated browser of the session live."""
import asyncio

from tests.servers import new_session


def of_type(tab, kind: str) -> list[dict]:
    return [event for event in tab.events if event['type'] == kind and event.get('session_id') == tab.session_id]


async def test_presence_spans_tabs_and_people_leave_after_a_grace_period(api, open_tab) -> None:
    code = await new_session(api)
    ana = await open_tab(code, 'Ana')
    ben = await open_tab(code, 'Ben')
    ben_again = await open_tab(code, 'Ben', same_browser_as=ben)  # a second tab of the same person
    await ana.browser.wait_for(lambda: (of_type(ana, 'presence.changed') or [{}])[-1].get('online') == ['Ana', 'Ben'])
    people = (await api.get(f'/api/sessions/{code}/participants')).json()
    assert [(p['name'], p['online']) for p in people] == [('Ana', True), ('Ben', True)]

    await ben.close()
    await asyncio.sleep(1)
    assert [p['online'] for p in (await api.get(f'/api/sessions/{code}/participants')).json()] == [True, True]
    await ben_again.close()
    await ana.browser.wait_for(lambda: of_type(ana, 'presence.changed')[-1]['online'] == ['Ana'], timeout=10)


async def test_typing_reaches_the_others_but_not_the_typer(api, open_tab) -> None:
    code = await new_session(api)
    ana, ben, carl = [await open_tab(code, name) for name in ('Ana', 'Ben', 'Carl')]
    composer_id, _ = ana.composer
    for _ in range(4):  # the page says so at most every 2 s; the server also lets a typer be heard only that often
        await ana.browser.send_event(composer_id, 'typing')
    for tab in (ben, carl):
        await tab.browser.wait_for(lambda tab=tab: of_type(tab, 'typing'))
    await asyncio.sleep(0.3)
    for tab in (ben, carl):
        assert [event['name'] for event in of_type(tab, 'typing')] == ['Ana']  # four keystrokes, one notice
    # everyone gets the event; the page of the typer does not show its own name (typing_line.js filters it)
    assert [event['name'] for event in of_type(ana, 'typing')] == ['Ana']


async def test_edits_deletions_reactions_and_replies_reach_everyone(api, open_tab) -> None:
    code = await new_session(api)
    ana, ben = await open_tab(code, 'Ana'), await open_tab(code, 'Ben')
    await ana.send('teh plan')
    await ben.wait_for_bodies('teh plan')
    message_id = max(ben.messages)
    chat_id, _ = ana.chat
    await ana.browser.send_event(chat_id, 'edit', {'id': message_id, 'body': 'the plan'})
    await ben.browser.wait_for(lambda: any(e['message']['body'] == 'the plan' for e in of_type(ben, 'message.updated')))

    ben_chat, _ = ben.chat
    await ben.browser.send_event(ben_chat, 'react', {'id': message_id, 'emoji': '👍'})
    await ana.browser.wait_for(lambda: any(e['message']['reactions'] == {'👍': ['Ben']}
                                           for e in of_type(ana, 'message.updated')))
    await ben.browser.send_event(ben_chat, 'edit', {'id': message_id, 'body': 'hijacked'})  # not Ben's: refused
    await ben.browser.wait_for(lambda: ben.browser.event_counts['notify'] > 0)

    await ben.send('sounds good')
    await ana.wait_for_bodies('sounds good')
    await ana.browser.send_event(chat_id, 'delete', message_id)
    await ben.browser.wait_for(lambda: any(e['message']['deleted'] for e in of_type(ben, 'message.updated')))
    bodies = {e['message']['body'] for e in of_type(ben, 'message.updated')}
    assert 'hijacked' not in bodies
    stored = (await api.get(f'/api/sessions/{code}/messages')).json()
    assert [(m['body'], m['deleted']) for m in stored] == [('', True), ('sounds good', False)]


async def test_read_positions_are_announced_to_everyone(api, open_tab) -> None:
    code = await new_session(api)
    ana, ben = await open_tab(code, 'Ana'), await open_tab(code, 'Ben')
    await ana.send('did you read this?')
    await ben.wait_for_bodies('did you read this?')
    ben_chat, _ = ben.chat
    await ben.browser.send_event(ben_chat, 'read', max(ben.messages))
    await ana.browser.wait_for(lambda: any(e['positions'].get('Ben') == max(ana.messages)
                                           for e in of_type(ana, 'reads.moved')), timeout=6)
