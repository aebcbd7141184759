"""deploy/nginx.conf for real (Debian's nginx on a free port): sticky per session, websockets, uploads, failover."""
import asyncio
from collections import defaultdict
from pathlib import Path

import httpx
import pytest

from bench.simulated_browser import SimulatedBrowser
from tests import backing_services
from tests.servers import new_session
from tests.waiting import eventually

from .nginx_proxy import NginxProxy, nginx_missing

QUIET = 0.5  # seconds in which nothing must go wrong (a refused socket, a reload)
SESSIONS = 12  # with two processes, all on one of them would happen once in 2,048 runs


@pytest.fixture
def proxy_for(tmp_path: Path):
    backing_services.needs(nginx_missing())
    proxies: list[NginxProxy] = []

    def start(processes) -> NginxProxy:
        proxy = NginxProxy(tmp_path / 'nginx', [process.port for process in processes])
        proxies.append(proxy)
        return proxy.start()

    yield start
    for proxy in proxies:
        proxy.stop()


async def create_sessions(base_url: str, count: int) -> list[str]:
    async with httpx.AsyncClient(base_url=base_url, timeout=10) as api:
        return [await new_session(api, f'Room {i}') for i in range(count)]


def upstreams_log(proxy: NginxProxy, uri_start: str, key: str | None = None) -> list[str]:
    return [entry['upstream'] for entry in proxy.access_log()
            if entry['uri'].startswith(uri_start) and (key is None or entry['key'] == key)]


def upstreams_of(proxy: NginxProxy, uri_start: str, key: str | None = None) -> set[str]:
    return set(upstreams_log(proxy, uri_start, key))


def test_the_shipped_config_is_accepted_by_nginx(tmp_path: Path) -> None:
    backing_services.needs(nginx_missing())
    result = NginxProxy(tmp_path, [8081, 8082]).test_config()
    assert result.returncode == 0, result.stderr
    assert 'test is successful' in result.stderr


async def test_a_session_page_its_socket_and_its_uploads_reach_one_process(start_processes, redis_url,
                                                                           proxy_for, open_tab) -> None:
    processes = start_processes(redis_url)
    proxy = proxy_for(processes)
    codes = await create_sessions(proxy.base_url, SESSIONS)
    tabs = [await open_tab(code, 'Ana', on=proxy) for code in codes]
    second = await open_tab(codes[0], 'Ben', on=proxy)
    tabs.append(second)
    await tabs[0].send('through the proxy')
    async with httpx.AsyncClient(base_url=proxy.base_url, timeout=10) as api:
        upload = await api.post(f'/api/sessions/{codes[0]}/materials', data={'author': 'Teacher'},
                                files={'file': ('sheet.pdf', b'%PDF-1.4 sheet', 'application/pdf')})
    assert upload.status_code == 201
    for tab in (tabs[0], second):
        await tab.wait_for_bodies('through the proxy')
        await tab.wait_for_text('sheet.pdf')
    await asyncio.sleep(QUIET)
    # a socket that reached another process would have been refused and its page reloaded
    assert [(tab.browser.reloads, tab.browser.reconnects) for tab in tabs] == [(0, 0)] * len(tabs)
    for tab in tabs:
        await tab.close()
    # nginx logs a websocket once it is closed: one line per tab (they connect over websocket only)
    await eventually(lambda: len(upstreams_log(proxy, '/_nicegui_ws/')) >= len(tabs), timeout=10)

    homes = defaultdict(set)
    for code in codes:
        pages = upstreams_of(proxy, f'/s/{code}')
        sockets = upstreams_of(proxy, '/_nicegui_ws/', key=code)
        assert len(pages) == 1 and sockets == pages, (code, pages, sockets)
        homes[pages.pop()].add(code)
    assert upstreams_of(proxy, f'/api/sessions/{codes[0]}/materials') == upstreams_of(proxy, f'/s/{codes[0]}')
    assert len(homes) == 2, 'the sessions are spread over both processes'


async def test_pages_of_no_session_stay_with_their_browser(start_processes, redis_url, proxy_for) -> None:
    proxy = proxy_for(start_processes(redis_url))
    browsers = [SimulatedBrowser(proxy.base_url) for _ in range(8)]
    try:
        for browser in browsers:
            await browser.open('/')
        await eventually(lambda: all(b.connected.is_set() for b in browsers), timeout=10)
        await asyncio.sleep(QUIET)  # a socket that reached the other process would be refused within this
        assert [(b.reloads, b.reconnects, b.connected.is_set()) for b in browsers] == [(0, 0, True)] * 8
    finally:
        for browser in browsers:
            await browser.close()


async def test_pages_of_a_killed_process_come_back_on_the_other_with_their_history(start_processes, redis_url,
                                                                                  proxy_for, open_tab) -> None:
    processes = start_processes(redis_url)
    proxy = proxy_for(processes)
    [code] = await create_sessions(proxy.base_url, 1)
    ana = await open_tab(code, 'Ana', on=proxy)
    await ana.send('before the crash')
    await ana.wait_for_bodies('before the crash')
    [served_by] = upstreams_of(proxy, f'/s/{code}')
    victim = next(p for p in processes if served_by.endswith(f':{p.port}'))

    victim.stop(kill=True)
    await ana.browser.wait_for(lambda: ana.browser.reloads >= 1 and ana.browser.connected.is_set(), timeout=30)
    async with httpx.AsyncClient(base_url=proxy.base_url, timeout=10) as api:
        response = await api.post(f'/api/sessions/{code}/messages', json={'author': 'Ben', 'body': 'after'})
    assert response.status_code == 201
    await ana.wait_for_bodies('before the crash', 'after', timeout=10)
    assert ana.bodies() == ['before the crash', 'after']
