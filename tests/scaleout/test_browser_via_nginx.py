"""Real Chromium through deploy/nginx.conf to two processes: the page's own script makes its socket sticky."""
import httpx
import pytest
from playwright.sync_api import expect

from tests import backing_services
from tests.browser.conftest import chromium, open_page, screenshot  # noqa: F401  (fixtures)

from .nginx_proxy import NginxProxy, nginx_missing

pytestmark = pytest.mark.browser


def send(page, text: str) -> None:
    box = page.get_by_role('textbox', name='Message')
    box.fill(text)
    box.press('Enter')


def test_chat_and_uploads_through_the_proxy_in_chromium(start_processes, redis_url, open_page, tmp_path) -> None:  # noqa: F811
    backing_services.needs(nginx_missing())
    processes = start_processes(redis_url)
    proxy = NginxProxy(tmp_path / 'nginx', [process.port for process in processes]).start()
    try:
        code = httpx.post(f'{proxy.base_url}/api/sessions', json={'title': 'Through nginx'}).json()['code']
        ana = open_page(f'{proxy.base_url}/s/{code.lower().replace("-", "")}?name=Ana')  # redirected to /s/{code}
        ben = open_page(f'{proxy.base_url}/s/{code}?name=Ben')
        assert ana.url.endswith(f'/s/{code}?name=Ana')
        for page in (ana, ben):
            assert page.evaluate('window.socket.io.opts.query.studyhall_session') == code

        send(ana, 'Hello through nginx')
        notes = tmp_path / 'notes.txt'
        notes.write_text('photosynthesis')
        ana.locator('input[type=file]').set_input_files(notes)
        expect(ben.locator('.sh-message', has_text='Hello through nginx')).to_have_count(1)
        ben.get_by_role('button', name='Show or hide people and materials').click()
        expect(ben.locator('.q-item', has_text='notes.txt')).to_have_count(1)
        expect(ana.locator('.q-item', has_text='notes.txt')).to_have_count(1)
        screenshot(ben, 'scale-out-through-nginx')

        ana.reload()
        expect(ana.locator('.sh-message')).to_have_count(1)
        [page_process] = {e['upstream'] for e in proxy.access_log() if e['uri'] == f'/s/{code}'}
        uploads = {e['upstream'] for e in proxy.access_log() if e['uri'] == f'/api/sessions/{code}/materials'}
        assert uploads == {page_process}
    finally:
        proxy.stop()
