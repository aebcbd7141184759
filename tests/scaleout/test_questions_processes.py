"""Questions and hands across two real processes on one PostgreSQL database and one Redis: votes given on both
count once each and every page ends with the count the rows hold; hands raised on both make one queue, in one order
on every page; "your turn" reaches the person's page on the other process; guests on either process never get an
anonymous asker's name."""
import asyncio
import json

import httpx

QUESTIONS_TAG = 'nicegui-questions_view'
HANDS_TAG = 'nicegui-hand_queue'


def of(tab, kind: str) -> list[dict]:
    return [event for event in tab.events if event['type'] == kind]


async def send(tab, tag: str, event: str, args: object = None, *, shape: str | None = None) -> None:
    found = tab.browser.find(tag=tag, prop=('shape', shape)) if shape else tab.browser.find(tag=tag)
    await tab.browser.send_event(found[0][0], event, args)


async def test_votes_and_hands_on_two_processes_agree_everywhere(start_processes, redis_url, open_tab) -> None:
    a, b = start_processes(redis_url)
    async with httpx.AsyncClient(base_url=a.base_url) as api:
        created = (await api.post('/api/sessions', json={'title': 'Two processes'})).json()
    code, host = created['code'], {'X-Host-Key': created['host_key']}
    async with httpx.AsyncClient(base_url=b.base_url) as api:
        asked = (await api.post(f'/api/sessions/{code}/questions',
                                json={'author': 'Quinn Secretname', 'body': 'Why?', 'anonymous': True})).json()
    tabs = [await open_tab(code, f'Pupil {n}', on=(a, b)[n % 2]) for n in range(6)]
    for tab in tabs:
        await tab.browser.wait_for(lambda tab=tab: tab.browser.find(tag=QUESTIONS_TAG))
    await asyncio.gather(*(send(tab, QUESTIONS_TAG, 'vote', {'id': asked['id'], 'voted': True}) for tab in tabs))
    await asyncio.gather(*(send(tab, QUESTIONS_TAG, 'vote', {'id': asked['id'], 'voted': True}) for tab in tabs[:2]))
    for tab in tabs:
        await tab.browser.wait_for(lambda tab=tab: of(tab, 'question.votes')
                                   and of(tab, 'question.votes')[-1]['votes'][str(asked['id'])] == 6, timeout=10)
    async with httpx.AsyncClient(base_url=a.base_url) as api:
        assert [q['votes'] for q in (await api.get(f'/api/sessions/{code}/questions')).json()] == [6]

    await asyncio.gather(*(send(tab, HANDS_TAG, 'raise', shape='button') for tab in tabs))
    async with httpx.AsyncClient(base_url=b.base_url) as api:
        stored = [hand['name'] for hand in (await api.get(f'/api/sessions/{code}/hands')).json()]
    assert sorted(stored) == sorted(f'Pupil {n}' for n in range(6))
    for tab in tabs:
        await tab.browser.wait_for(lambda tab=tab: of(tab, 'hands.changed') and
                                   [name for name, _at in of(tab, 'hands.changed')[-1]['hands']] == stored, timeout=10)

    first = int(stored[0].split()[-1])
    other = (b, a)[first % 2]  # the host calls on the first hand through the other process's API
    async with httpx.AsyncClient(base_url=other.base_url) as api:
        called = await api.post(f'/api/sessions/{code}/hands/next', headers=host)
    assert called.json()['name'] == stored[0]
    await tabs[first].browser.wait_for(lambda: of(tabs[first], 'hand.turn'), timeout=10)
    for tab in tabs:
        await tab.browser.wait_for(lambda tab=tab: [name for name, _at in of(tab, 'hands.changed')[-1]['hands']]
                                   == stored[1:], timeout=10)
        assert tab is tabs[first] or not of(tab, 'hand.turn')
        received = json.dumps([e for e in tab.events if e['type'].startswith('question')], ensure_ascii=False)
        assert 'Secretname' not in received
