"""Polls reach simulated pages live: guests and hosts get payloads of their own, counts come coalesced, a page's
answer is confirmed to it, a (re)connect re-syncs with the server's clock, and an anonymous poll carries no name in
anything any page receives, the host's included."""
import asyncio
import json

import httpx

from bench.session_tab import SessionTab

ACTIVITY_TAG = 'nicegui-activity_bar'
POLL_EVENTS = ('poll.changed', 'poll.counts', 'poll.mine', 'scoreboard.changed', 'activities.synced')


def _of(tab: SessionTab, *kinds: str) -> list[dict]:
    return [event for event in tab.events if event['type'] in kinds]


async def _vote(tab: SessionTab, poll_id: int, *choices: int) -> None:
    element_id, _ = tab.browser.find_one(tag=ACTIVITY_TAG)
    await tab.browser.send_event(element_id, 'vote', {'poll_id': poll_id, 'choices': list(choices)})


async def test_named_polls_show_who_chose_what_to_the_host_only_and_counts_come_coalesced(
        api: httpx.AsyncClient, open_tab, host_tab) -> None:
    created = (await api.post('/api/sessions', json={'title': 'Live polls'})).json()
    code, host = created['code'], {'X-Host-Key': created['host_key']}
    teacher = await host_tab(code, created['host_key'])
    ana, ben = await open_tab(code, 'Ana'), await open_tab(code, 'Ben')
    ana_phone = await open_tab(code, 'Ana', same_browser_as=ana)  # another tab of Ana's
    poll = (await api.post(f'/api/sessions/{code}/polls', headers=host,
                           json={'question': 'Which first?', 'options': ['3', '4']})).json()
    for tab in (ana, ben, teacher):
        await tab.browser.wait_for(lambda tab=tab: _of(tab, 'poll.changed'))
        await tab.browser.wait_for(lambda tab=tab: any(m.get('poll_id') == poll['id'] for m in tab.messages.values()))
    assert _of(ana, 'poll.changed')[-1]['poll']['chosen_by'] is None
    assert _of(teacher, 'poll.changed')[-1]['poll']['chosen_by'] == {}

    await _vote(ana, poll['id'], 0)
    await ana.browser.wait_for(lambda: any(e['choices'] == [0] for e in _of(ana, 'poll.mine')))
    await ana_phone.browser.wait_for(lambda: any(e['choices'] == [0] for e in _of(ana_phone, 'poll.mine')))
    assert not _of(ben, 'poll.mine')
    votes = f'/api/sessions/{code}/polls/{poll["id"]}/votes'
    await asyncio.gather(*(api.post(votes, json={'author': f'P{number}', 'choices': [1]}) for number in range(30)))
    await _vote(ben, poll['id'], 1)
    for tab in (ana, ben, teacher):
        await tab.browser.wait_for(lambda tab=tab: any(e['voters'] == 32 for e in _of(tab, 'poll.counts')))
    assert len(_of(ana, 'poll.counts')) < 15  # a burst of 31 answers: a few updates a second, not one each
    assert _of(teacher, 'poll.counts')[-1]['chosen_by']['Ana'] == [0]
    assert 'chosen_by' not in _of(ben, 'poll.counts')[-1] and _of(ben, 'poll.counts')[-1]['votes'] == [1, 31]

    element_id, _ = ben.browser.find_one(tag=ACTIVITY_TAG)  # what the page does on every (re)connect
    await ben.browser.send_event(element_id, 'sync', {'sent_at': 1234})
    await ben.browser.wait_for(lambda: _of(ben, 'activities.synced'))
    synced = _of(ben, 'activities.synced')[-1]
    assert synced['sent_at'] == 1234 and synced['server_now'] > 1.7e12
    assert [(p['id'], p['mine']) for p in synced['polls']] == [(poll['id'], [1])]


async def test_an_anonymous_poll_carries_no_name_to_any_page(api: httpx.AsyncClient, open_tab, host_tab) -> None:
    created = (await api.post('/api/sessions', json={'title': 'Anonymous'})).json()
    code, host = created['code'], {'X-Host-Key': created['host_key']}
    teacher = await host_tab(code, created['host_key'])
    zoe, yann = await open_tab(code, 'Zoë Anonymous'), await open_tab(code, 'Yann Secret')
    zoe_phone = await open_tab(code, 'Zoë Anonymous', same_browser_as=zoe)
    poll = (await api.post(f'/api/sessions/{code}/polls', headers=host,
                           json={'question': 'How lost are you?', 'options': ['fine', 'lost'], 'anonymous': True,
                                 'correct': [0]})).json()
    for tab in (zoe, yann):
        await tab.browser.wait_for(lambda tab=tab: _of(tab, 'poll.changed'))
    await _vote(zoe, poll['id'], 1)
    await _vote(yann, poll['id'], 0)
    await _vote(zoe, poll['id'], 0)  # a change of mind
    await zoe.browser.wait_for(lambda: len(_of(zoe, 'poll.mine')) == 2)
    await yann.browser.wait_for(lambda: _of(yann, 'poll.mine'))
    await api.patch(f'/api/sessions/{code}/polls/{poll["id"]}', json={'status': 'closed'}, headers=host)
    await api.put(f'/api/sessions/{code}/stage', json={'show': 'scoreboard'}, headers=host)
    for tab in (zoe, yann, teacher):
        await tab.browser.wait_for(lambda tab=tab: any(e['voters'] == 2 for e in _of(tab, 'poll.counts')))
        await tab.browser.wait_for(lambda tab=tab: _of(tab, 'scoreboard.changed'))
        element_id, _ = tab.browser.find_one(tag=ACTIVITY_TAG)
        await tab.browser.send_event(element_id, 'sync', {'sent_at': 1})
        await tab.browser.wait_for(lambda tab=tab: _of(tab, 'activities.synced'))
        received = json.dumps(_of(tab, *POLL_EVENTS), ensure_ascii=False)
        assert 'Zoë' not in received and 'Yann' not in received and 'Anonymous' not in received
    assert _of(teacher, 'poll.counts')[-1]['votes'] == [2, 0]
    assert _of(zoe, 'poll.mine')[-1]['choices'] == [0]
    assert not _of(zoe_phone, 'poll.mine')  # an anonymous answer is told only to the page that gave it
    answered = (await api.get(f'/api/sessions/{code}/polls/{poll["id"]}', headers=host)).json()
    assert answered['chosen_by'] is None and (await api.get(f'/api/sessions/{code}/scoreboard')).json() == []
