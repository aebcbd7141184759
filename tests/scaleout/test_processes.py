"""Two real StudyHall processes on one PostgreSQL database and one Redis: live across processes, and faults."""
import asyncio

import httpx

from tests.servers import new_session
from tests.waiting import eventually

from .conftest import notice_shown

QUIET = 0.5  # how long to listen for something that must not arrive


async def post(api: httpx.AsyncClient, code: str, body: str, author: str = 'Teacher') -> dict:
    response = await api.post(f'/api/sessions/{code}/messages', json={'author': author, 'body': body})
    assert response.status_code == 201, response.text
    return response.json()


async def share(api: httpx.AsyncClient, code: str, name: str) -> dict:
    response = await api.post(f'/api/sessions/{code}/materials', data={'author': 'Teacher'},
                              files={'file': (name, f'%PDF-1.4 {name}'.encode(), 'application/pdf')})
    assert response.status_code == 201, response.text
    return response.json()


def times_listed(tab, name: str) -> int:
    return sum(name in text for text in tab.texts())


async def test_messages_and_files_posted_on_one_process_appear_live_on_the_other(start_processes, redis_url,
                                                                                 open_tab) -> None:
    a, b = start_processes(redis_url)
    code = await new_session(a)
    ana, ben = await open_tab(code, 'Ana', on=a), await open_tab(code, 'Ben', on=b)

    await ana.send('typed on process A')
    await ben.send('typed on process B')
    async with httpx.AsyncClient(base_url=a.base_url) as api:
        await post(api, code, 'posted to the API of A', author='Quiz bot')
        await share(api, code, 'worksheet-a.pdf')
    for tab in (ana, ben):
        await tab.wait_for_bodies('typed on process A', 'typed on process B', 'posted to the API of A')
        await tab.wait_for_text('worksheet-a.pdf')
    await asyncio.sleep(QUIET)
    for tab in (ana, ben):
        assert len(tab.bodies()) == 3
        assert set(tab.live_deliveries.values()) == {1}  # each message once, on either process
        assert times_listed(tab, 'worksheet-a.pdf') == 1
        assert not notice_shown(tab)
    async with httpx.AsyncClient(base_url=b.base_url) as api:
        download = await api.get(f'/api/sessions/{code}/materials')
        assert [m['name'] for m in download.json()] == ['worksheet-a.pdf']
        assert (await api.get(download.json()[0]['url'])).content == b'%PDF-1.4 worksheet-a.pdf'  # shared folder


async def test_posts_while_redis_is_down_are_stored_and_reach_the_other_process_after_it_is_back(
        start_processes, private_redis, open_tab) -> None:
    a, b = start_processes(private_redis.url)
    code = await new_session(a)
    ben = await open_tab(code, 'Ben', on=b)
    async with httpx.AsyncClient(base_url=a.base_url) as api:
        before = await post(api, code, 'before the outage')
        await ben.wait_for_bodies('before the outage')

        private_redis.stop(kill=True)
        await ben.browser.wait_for(lambda: notice_shown(ben), timeout=10)
        during = [await post(api, code, f'during the outage {i}') for i in range(3)]  # 201: stored
        await share(api, code, 'outage-notes.pdf')
        await asyncio.sleep(QUIET)
        assert ben.bodies() == ['before the outage']

        private_redis.start()
        await ben.wait_for_bodies(*(m['body'] for m in during), timeout=15)
        await ben.wait_for_text('outage-notes.pdf', timeout=10)
        await ben.browser.wait_for(lambda: not notice_shown(ben), timeout=10)
        await eventually(lambda: 'connected to Redis again' in a.log())  # else A would not send it live yet
        after = await post(api, code, 'after the outage')
        await ben.wait_for_bodies('after the outage')
    await asyncio.sleep(QUIET)

    assert ben.bodies() == ['before the outage', *(m['body'] for m in during), 'after the outage']
    assert ben.live_deliveries[before['id']] == ben.live_deliveries[after['id']] == 1
    assert all(ben.live_deliveries[m['id']] == 0 for m in during)  # they came by the catch-up, once
    assert times_listed(ben, 'outage-notes.pdf') == 1
    assert 'hub lost Redis' in b.log()


async def test_a_killed_process_does_not_stop_the_other(start_processes, redis_url, open_tab) -> None:
    a, b = start_processes(redis_url)
    code = await new_session(a)
    ana, ben, carl = [await open_tab(code, name, on=process) for name, process in (('Ana', a), ('Ben', b), ('Carl', b))]
    await ana.send('hello from A')
    await ben.wait_for_bodies('hello from A')

    a.stop(kill=True)
    await ben.send('A is gone')
    async with httpx.AsyncClient(base_url=b.base_url) as api:
        await post(api, code, 'still serving')
        await share(api, code, 'after-the-crash.pdf')
    for tab in (ben, carl):
        await tab.wait_for_bodies('hello from A', 'A is gone', 'still serving')
        await tab.wait_for_text('after-the-crash.pdf')
        assert tab.browser.reconnects == 0
        assert not notice_shown(tab)
