"""Real headless Chromium (Debian's package) driven by Playwright; nothing is downloaded at test time."""
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from bench.server_process import ServerProcess
from tests import backing_services

CHROMIUM = Path(os.environ.get('STUDYHALL_CHROMIUM', '/usr/bin/chromium'))
CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']
SCREENSHOTS = Path(__file__).resolve().parents[2] / 'test-artifacts' / 'screenshots'
DESKTOP = {'width': 1280, 'height': 800}
PHONE = {'width': 390, 'height': 844}
SETTLED_JS = '''() => document.getAnimations().every(
    (a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity)'''


@pytest.fixture(scope='module')
def chromium() -> Iterator[Browser]:
    """One Chromium per test module: Playwright's sync API holds an event loop, which async tests must not see."""
    backing_services.needs(None if CHROMIUM.exists() else
                           f'no Chromium at {CHROMIUM} (Debian: apt-get install chromium chromium-driver)')
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium: Browser) -> Iterator[Callable[..., Page]]:
    """A page in a browser context of its own (a separate person); `open_page(url, viewport=PHONE)`.

    `urls`: a list that gets the URL of every request and WebSocket the page opens, from the first one on.
    """
    contexts = []

    def open_(url: str, *, viewport: dict | None = None, color_scheme: str = 'light',
              urls: list[str] | None = None) -> Page:
        context = chromium.new_context(viewport=viewport or DESKTOP, color_scheme=color_scheme)
        contexts.append(context)
        page = context.new_page()
        if urls is not None:
            page.on('request', lambda request: urls.append(request.url))
            page.on('websocket', lambda socket: urls.append(socket.url))
        return visit(page, url)

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def browse(chromium: Browser) -> Iterator[Callable[..., Page]]:
    """`browse(url, locale=, scheme=, viewport=)`: a page in a browser of its own, in that language and theme."""
    contexts = []

    def open_(url: str, *, locale: str = 'en-US', scheme: str = 'light', viewport: dict = DESKTOP) -> Page:
        context = chromium.new_context(locale=locale, color_scheme=scheme, viewport=viewport)
        contexts.append(context)
        return visit(context.new_page(), url)

    yield open_
    for context in contexts:
        context.close()


def visit(page: Page, url: str) -> Page:
    """Open the URL in this page (this person's browser) once the page shows its header, as every page has."""
    page.goto(url)
    page.wait_for_selector('.q-header', timeout=10_000)
    return page


def settle(page: Page) -> None:
    """Wait until transitions (a dialog opening, a drawer sliding in) have ended; endless ones are ignored."""
    page.wait_for_function(SETTLED_JS, timeout=5000)


def new_session(server: ServerProcess, title: str) -> str:
    response = httpx.post(f'{server.base_url}/api/sessions', json={'title': title})
    assert response.status_code == 201
    return response.json()['code']


def post_message(server: ServerProcess, code: str, author: str, *bodies: str) -> None:
    """Post the messages through the API, in order, as `author`."""
    with httpx.Client(base_url=server.base_url) as client:
        for body in bodies:
            response = client.post(f'/api/sessions/{code}/messages', json={'author': author, 'body': body})
            assert response.status_code == 201


def share_file(server: ServerProcess, code: str, author: str, name: str, data: bytes, content_type: str) -> None:
    response = httpx.post(f'{server.base_url}/api/sessions/{code}/materials', data={'author': author},
                          files={'file': (name, data, content_type)})
    assert response.status_code == 201


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    settle(page)
    page.screenshot(path=SCREENSHOTS / f'{name}.png')
