"""Who is here, across two real processes on one Redis: everyone listed on both, once, and nobody left behind."""
import asyncio

import httpx

from bench.session_tab import SessionTab
from tests.servers import new_session

from .conftest import notice_shown

PEOPLE_LIST_TAG = 'nicegui-people_list'
NICEGUI_GRACE = 3  # NiceGUI deletes a page's client this long after its socket went away (reconnect_timeout)


def listed(tab: SessionTab) -> list[str]:
    """Who the page shows as here now: its latest presence event, else the list it was rendered with."""
    changes = [event['online'] for event in tab.events
               if event['type'] == 'presence.changed' and event.get('session_id') == tab.session_id]
    if changes:
        return changes[-1]
    _, people = tab.browser.find(tag=PEOPLE_LIST_TAG)[0]
    return people['props']['online']


async def wait_listed(tabs: list[SessionTab], names: list[str], timeout: float = 5) -> None:
    for tab in tabs:
        await tab.browser.wait_for(lambda tab=tab: listed(tab) == names, timeout)


async def online(base_url: str, code: str) -> list[tuple[str, bool]]:
    async with httpx.AsyncClient(base_url=base_url, timeout=10) as api:
        response = await api.get(f'/api/sessions/{code}/participants')
    assert response.status_code == 200, response.text
    return [(person['name'], person['online']) for person in response.json()]


async def test_people_on_either_process_are_listed_on_both_once_and_leave_both(start_processes, redis_url,
                                                                               open_tab) -> None:
    a, b = start_processes(redis_url)  # the default heartbeat (15 s) is too slow to help: a first page asks
    code = await new_session(a)
    ana = await open_tab(code, 'Ana', on=a)
    ben = await open_tab(code, 'Ben', on=b)
    await wait_listed([ana, ben], ['Ana', 'Ben'])
    for process in (a, b):
        assert await online(process.base_url, code) == [('Ana', True), ('Ben', True)]

    ben_on_a = await open_tab(code, 'Ben', on=a, same_browser_as=ben)
    carl = await open_tab(code, 'Carl', on=b)  # so that B has a page that watches, whoever leaves
    await wait_listed([ana, ben, ben_on_a, carl], ['Ana', 'Ben', 'Carl'])
    assert all(listed(tab).count('Ben') == 1 for tab in (ana, ben, ben_on_a, carl))

    await ben.close()
    await asyncio.sleep(NICEGUI_GRACE + 1)
    for tab in (ana, carl):
        assert listed(tab) == ['Ana', 'Ben', 'Carl']  # his tab on A still counts
    await ben_on_a.close()
    await wait_listed([ana, carl], ['Ana', 'Carl'], timeout=NICEGUI_GRACE + 5)
    for process in (a, b):
        assert await online(process.base_url, code) == [('Ana', True), ('Carl', True), ('Ben', False)]


async def test_the_people_of_a_killed_process_leave_the_other_s_list_within_the_expiry(start_processes, redis_url,
                                                                                       open_tab) -> None:
    heartbeat = 1
    a, b = start_processes(redis_url, env={'STUDYHALL_PRESENCE_HEARTBEAT_SECONDS': str(heartbeat)})
    code = await new_session(a)
    ana, ben = await open_tab(code, 'Ana', on=a), await open_tab(code, 'Ben', on=b)
    await wait_listed([ana, ben], ['Ana', 'Ben'])
    await asyncio.sleep(4 * heartbeat)  # longer than the expiry: heartbeats keep Ben listed
    assert listed(ana) == ['Ana', 'Ben']
    assert await online(a.base_url, code) == [('Ana', True), ('Ben', True)]

    b.stop(kill=True)
    # 3 heartbeats of silence (the last one came up to 1 s before the kill), noticed on A's next heartbeat, + 0.5 s
    await wait_listed([ana], ['Ana'], timeout=3 * heartbeat + 3)
    assert await online(a.base_url, code) == [('Ana', True), ('Ben', False)]


async def test_after_a_redis_outage_each_process_learns_who_came_meanwhile(start_processes, private_redis,
                                                                          open_tab) -> None:
    slow = {'STUDYHALL_PRESENCE_HEARTBEAT_SECONDS': '120'}  # only the resync can bring it in time
    a, b = start_processes(private_redis.url, env=slow)
    code = await new_session(a)
    ana, ben = await open_tab(code, 'Ana', on=a), await open_tab(code, 'Ben', on=b)
    await wait_listed([ana, ben], ['Ana', 'Ben'])

    private_redis.stop(kill=True)
    await ben.browser.wait_for(lambda: notice_shown(ben), timeout=10)
    carl = await open_tab(code, 'Carl', on=b)
    await wait_listed([ben, carl], ['Ana', 'Ben', 'Carl'])
    assert listed(ana) == ['Ana', 'Ben']

    private_redis.start()
    await wait_listed([ana, ben, carl], ['Ana', 'Ben', 'Carl'], timeout=15)
    assert await online(a.base_url, code) == [('Ana', True), ('Ben', True), ('Carl', True)]
