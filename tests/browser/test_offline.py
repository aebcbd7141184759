"""Nothing is loaded from the internet: every request of every page goes to the app's own address."""
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from bench.server_process import ServerProcess

from .actions import materials, messages, send, wait_for_pictures
from .conftest import PHONE, visit
from .samples import lesson

LOCAL_SCHEMES = {'data', 'blob'}


def test_home_session_and_projector_pages_request_nothing_from_another_host(
        server: ServerProcess, open_page) -> None:
    code = lesson(server)
    urls: list[str] = []
    page = open_page(server.base_url, viewport=PHONE, urls=urls)
    expect(page.get_by_text('Start a study session')).to_be_visible()
    visit(page, f'{server.base_url}/s/{code}?name=Ana')
    _use_the_session_page(page)
    visit(page, f'{server.base_url}/s/{code}/present')
    expect(materials(page)).to_have_count(2)
    wait_for_pictures(page)

    own = urlsplit(server.base_url).netloc
    foreign = sorted({url for url in urls if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != own})
    assert not foreign, f'requests to other hosts: {foreign}'
    assert any(url.startswith('ws://') for url in urls)  # the recording saw the pages load and connect


def _use_the_session_page(page: Page) -> None:
    send(page, 'Hello **all**: `x = 1`')
    expect(messages(page, 'Hello all')).to_have_count(1)
    page.get_by_role('button', name='Invite others').click()
    expect(page.get_by_role('img', name='QR code')).to_be_visible()
    page.keyboard.press('Escape')
    page.get_by_role('button', name='Show or hide people and materials').click()
    expect(materials(page)).to_have_count(2)
    wait_for_pictures(page)
