"""The light/dark switch: it follows the system until the user picks, then it remembers the pick after a reload."""
import re

from playwright.sync_api import Page, expect

from bench.server_process import ServerProcess

from .conftest import new_session

DARK = re.compile(r'\bbody--dark\b')


def _switch(page: Page):
    return page.get_by_role('button', name='Switch between light and dark')


def _background(page: Page) -> str:
    return page.evaluate('getComputedStyle(document.body).backgroundColor')


def test_the_switch_changes_light_to_dark_and_the_choice_survives_a_reload(server: ServerProcess, open_page) -> None:
    page = open_page(f'{server.base_url}/s/{new_session(server, "Dark mode")}?name=Ana')
    expect(page.locator('body')).not_to_have_class(DARK)
    light = _background(page)

    _switch(page).click()
    expect(page.locator('body')).to_have_class(DARK)
    assert _background(page) != light
    page.reload()
    expect(page.locator('body')).to_have_class(DARK)

    _switch(page).click()
    expect(page.locator('body')).not_to_have_class(DARK)
    page.reload()
    expect(page.locator('body')).not_to_have_class(DARK)
    assert _background(page) == light


def test_on_a_dark_system_the_first_click_switches_to_light(server: ServerProcess, open_page) -> None:
    page = open_page(server.base_url, color_scheme='dark')
    expect(page.locator('body')).to_have_class(DARK)
    _switch(page).click()
    expect(page.locator('body')).not_to_have_class(DARK)
    page.reload()
    expect(page.locator('body')).not_to_have_class(DARK)
