"""Host controls reach every page live, and a guest's crafted host actions are refused and change nothing."""
import asyncio

import httpx

QUIET = 0.5


async def new_hosted_session(api: httpx.AsyncClient) -> tuple[str, dict]:
    created = (await api.post('/api/sessions', json={'title': 'Hosted'})).json()
    return created['code'], {'X-Host-Key': created['host_key']}


def composer_disabled(tab) -> bool:
    _, composer = tab.composer
    return bool(composer['props'].get('readOnly'))  # the box is disabled with the reason as its placeholder


def of_type(tab, kind: str) -> list[dict]:
    return [event for event in tab.events if event['type'] == kind]


async def stored(api: httpx.AsyncClient, code: str) -> list[tuple[str, bool]]:
    return [(m['body'], m['deleted']) for m in (await api.get(f'/api/sessions/{code}/messages')).json()]


async def test_lock_mute_and_remove_reach_the_pages_and_stop_writing(api, open_tab) -> None:
    code, host = await new_hosted_session(api)
    ben = await open_tab(code, 'Ben')
    assert (await api.patch(f'/api/sessions/{code}', json={'status': 'locked'}, headers=host)).status_code == 200
    await ben.browser.wait_for(lambda: any(e['session']['status'] == 'locked'
                                           for e in of_type(ben, 'session.changed')))
    await ben.browser.wait_for(lambda: composer_disabled(ben))  # and the page says why in the box
    await ben.send('may I?')  # what a disabled box does not send: the service refuses it, the page is told why
    await ben.browser.wait_for(lambda: any('locked' in e['reason'] for e in of_type(ben, 'message.refused')))

    await api.patch(f'/api/sessions/{code}', json={'status': 'open'}, headers=host)
    await ben.browser.wait_for(lambda: not composer_disabled(ben))
    await api.patch(f'/api/sessions/{code}/participants/Ben', json={'muted': True}, headers=host)
    await ben.browser.wait_for(lambda: any(e['muted'] for e in of_type(ben, 'participant.changed')))
    await ben.browser.wait_for(lambda: composer_disabled(ben))
    await ben.send('still here')
    await api.patch(f'/api/sessions/{code}/participants/Ben', json={'muted': False, 'removed': True}, headers=host)
    await ben.browser.wait_for(lambda: any(e['removed'] for e in of_type(ben, 'participant.changed')))
    # his page stays open to say why, and he is no longer here now for anyone (not only once his tab closes)
    await ben.browser.wait_for(lambda: of_type(ben, 'presence.changed')[-1]['online'] == [])
    people = (await api.get(f'/api/sessions/{code}/participants')).json()
    assert [(person['name'], person['online'], person['removed']) for person in people] == [('Ben', False, True)]
    await ben.send('and now?')
    await asyncio.sleep(QUIET)
    assert await stored(api, code) == []


async def test_a_guests_crafted_host_actions_are_refused(api, open_tab) -> None:
    code, _ = await new_hosted_session(api)
    posted = (await api.post(f'/api/sessions/{code}/messages', json={'author': 'Ms Rivera', 'body': 'rules'})).json()
    ben = await open_tab(code, 'Ben')
    chat_id, _ = ben.chat
    await ben.browser.send_event(chat_id, 'remove', posted['id'])  # what only the host's page offers
    await ben.browser.send_event(chat_id, 'pin', posted['id'])
    await ben.browser.wait_for(lambda: ben.browser.event_counts['notify'] >= 2)
    assert await stored(api, code) == [('rules', False)]
    assert (await api.get(f'/api/sessions/{code}')).json()['pinned_message_id'] is None

    for request in (api.patch(f'/api/sessions/{code}', json={'status': 'closed'}),
                    api.patch(f'/api/sessions/{code}', json={'title': 'Mine'}, headers={'X-Host-Key': 'guess'}),
                    api.delete(f'/api/sessions/{code}/messages/{posted["id"]}', headers={'X-Host-Key': ''}),
                    api.patch(f'/api/sessions/{code}/participants/Ben', json={'removed': True})):
        assert (await request).status_code == 403
    session = (await api.get(f'/api/sessions/{code}')).json()
    assert (session['status'], session['title']) == ('open', 'Hosted')
    assert await stored(api, code) == [('rules', False)]


async def test_the_host_pins_and_removes_and_everyone_sees_it(api, open_tab) -> None:
    code, host = await new_hosted_session(api)
    ben = await open_tab(code, 'Ben')
    await ben.send('spam spam spam')
    await ben.send('a real question')
    await ben.wait_for_bodies('spam spam spam', 'a real question')
    spam, question = sorted(ben.messages)
    await api.patch(f'/api/sessions/{code}', json={'pinned_message_id': question}, headers=host)
    await ben.browser.wait_for(lambda: any((e.get('pinned') or {}).get('id') == question
                                           for e in of_type(ben, 'session.changed')))
    assert (await api.delete(f'/api/sessions/{code}/messages/{spam}', headers=host)).status_code == 200
    await ben.browser.wait_for(lambda: any(e['message']['id'] == spam and e['message']['deleted']
                                           for e in of_type(ben, 'message.updated')))
    assert await stored(api, code) == [('', True), ('a real question', False)]
