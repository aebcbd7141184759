"""Polls and the timer across two real processes on one PostgreSQL database and one Redis: answers given on both
count once each and every page ends with the count the rows hold; the timer set through one process reaches pages
on the other; a restarted process's page re-syncs the poll, its own answer and the timer from the rows."""
import asyncio

import httpx

ACTIVITY_TAG = 'nicegui-activity_bar'


def of(tab, kind: str) -> list[dict]:
    return [event for event in tab.events if event['type'] == kind]


async def vote(tab, poll_id: int, *choices: int) -> None:
    element_id, _ = tab.browser.find_one(tag=ACTIVITY_TAG)
    await tab.browser.send_event(element_id, 'vote', {'poll_id': poll_id, 'choices': list(choices)})


async def sync(tab) -> None:
    element_id, _ = tab.browser.find_one(tag=ACTIVITY_TAG)
    await tab.browser.send_event(element_id, 'sync', {'sent_at': 0})


async def test_answers_on_two_processes_count_once_and_the_timer_reaches_both(start_processes, redis_url,
                                                                                 open_tab) -> None:
    a, b = start_processes(redis_url)
    async with httpx.AsyncClient(base_url=a.base_url) as api:
        created = (await api.post('/api/sessions', json={'title': 'Two processes'})).json()
        code, host = created['code'], {'X-Host-Key': created['host_key']}
        tabs = [await open_tab(code, f'Pupil {n}', on=(a, b)[n % 2]) for n in range(6)]
        poll = (await api.post(f'/api/sessions/{code}/polls', headers=host,
                               json={'question': 'Which?', 'options': ['x', 'y', 'z']})).json()
    for tab in tabs:
        await tab.browser.wait_for(lambda tab=tab: of(tab, 'poll.changed'), timeout=10)
    await asyncio.gather(*(vote(tab, poll['id'], n % 3) for n, tab in enumerate(tabs)))
    await asyncio.gather(*(vote(tab, poll['id'], 2) for tab in tabs[:2]))  # two change their minds
    for tab in tabs:
        await tab.browser.wait_for(lambda tab=tab: len(of(tab, 'poll.mine')) >= 1, timeout=10)
    await asyncio.gather(*(tab.browser.wait_for(lambda tab=tab: len(of(tab, 'poll.mine')) >= 2, timeout=10)
                           for tab in tabs[:2]))
    async with httpx.AsyncClient(base_url=b.base_url) as api:
        counted = (await api.get(f'/api/sessions/{code}/polls/{poll["id"]}', headers=host)).json()
        assert (counted['voters'], [o['votes'] for o in counted['options']]) == (6, [1, 1, 4])
        for tab in tabs:
            await tab.browser.wait_for(lambda tab=tab: of(tab, 'poll.counts')
                                       and of(tab, 'poll.counts')[-1]['votes'] == [1, 1, 4], timeout=10)
        await api.put(f'/api/sessions/{code}/timer', headers=host, json={'seconds': 300, 'label': 'Both'})
    for tab in tabs:
        await tab.browser.wait_for(lambda tab=tab: of(tab, 'timer.changed'), timeout=10)
        assert of(tab, 'timer.changed')[-1]['timer']['label'] == 'Both'


async def test_a_restarted_process_page_re_syncs_from_the_rows(start_processes, redis_url, open_tab) -> None:
    a, b = start_processes(redis_url)
    async with httpx.AsyncClient(base_url=a.base_url) as api:
        created = (await api.post('/api/sessions', json={'title': 'Restart'})).json()
        code, host = created['code'], {'X-Host-Key': created['host_key']}
        poll = (await api.post(f'/api/sessions/{code}/polls', headers=host,
                               json={'question': 'Still there?', 'options': ['yes', 'no']})).json()
        await api.put(f'/api/sessions/{code}/timer', headers=host, json={'seconds': 600})
    ana = await open_tab(code, 'Ana', on=b)
    await vote(ana, poll['id'], 0)
    await ana.browser.wait_for(lambda: of(ana, 'poll.mine'), timeout=10)
    before = ana.browser.reloads + ana.browser.reconnects
    b.restart()
    await ana.browser.wait_for(lambda: ana.browser.reloads + ana.browser.reconnects > before, timeout=30)
    await ana.browser.wait_for(lambda: ana.browser.connected.is_set() and ana.browser.find(tag=ACTIVITY_TAG),
                               timeout=30)
    await sync(ana)  # what activity_bar.js does on every (re)connect
    await ana.browser.wait_for(lambda: of(ana, 'activities.synced'), timeout=10)
    after = of(ana, 'activities.synced')[-1]
    assert [(p['id'], p['mine']) for p in after['polls']] == [(poll['id'], [0])]
    assert after['timer'] is not None and 0 < after['timer']['remaining'] <= 600
