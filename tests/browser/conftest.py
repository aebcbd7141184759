"""Real headless Chromium (Debian's package) driven by Playwright; nothing is downloaded at test time."""
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from bench.server_process import ServerProcess

CHROMIUM = Path(os.environ.get('STUDYHALL_CHROMIUM', '/usr/bin/chromium'))
CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']
SCREENSHOTS = Path(__file__).resolve().parents[2] / 'test-artifacts' / 'screenshots'
DESKTOP = {'width': 1280, 'height': 800}
PHONE = {'width': 390, 'height': 844}


@pytest.fixture(scope='module')
def chromium() -> Iterator[Browser]:
    """One Chromium per test module: Playwright's sync API holds an event loop, which async tests must not see."""
    if not CHROMIUM.exists():
        pytest.skip(f'no Chromium at {CHROMIUM} (Debian: apt-get install chromium chromium-driver)')
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(chromium: Browser) -> Iterator[Callable[..., Page]]:
    """A page in a browser context of its own (a separate person); `open_page(url, viewport=PHONE)`."""
    contexts = []

    def open_(url: str, *, viewport: dict | None = None, color_scheme: str = 'light') -> Page:
        context = chromium.new_context(viewport=viewport or DESKTOP, color_scheme=color_scheme)
        contexts.append(context)
        page = context.new_page()
        page.goto(url)
        page.wait_for_selector('.sh-chat, .q-card', timeout=10_000)
        return page

    yield open_
    for context in contexts:
        context.close()


def new_session(server: ServerProcess, title: str) -> str:
    response = httpx.post(f'{server.base_url}/api/sessions', json={'title': title})
    assert response.status_code == 201
    return response.json()['code']


def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f'{name}.png')
