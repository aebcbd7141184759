"""Keyboard and screen readers: Tab reaches every control of the session page, and every control has a name."""
import re

import pytest
from playwright.sync_api import Locator, Page, expect

from bench.server_process import ServerProcess

from .conftest import new_session, post_message, share_file

MAX_TABS = 20
NAMED = re.compile(r'\w')
FOCUSABLE = 'a[href], button, input, textarea, select, [tabindex]:not([tabindex="-1"])'


@pytest.fixture
def code(server: ServerProcess) -> str:
    code = new_session(server, 'Keyboard')
    post_message(server, code, 'Ms Rivera', 'Read [the chapter](https://example.org/chapter) first.')
    share_file(server, code, 'Ms Rivera', 'chapter.txt', b'cells', 'text/plain')
    return code


def _is_focused(control: Locator) -> bool:
    return control.evaluate('(element) => element === document.activeElement')


def test_tab_reaches_the_message_box_the_send_invite_and_materials_buttons(
        server: ServerProcess, open_page, code: str) -> None:
    page = open_page(f'{server.base_url}/s/{code}?name=Ana')
    wanted = {
        'message box': page.get_by_role('textbox', name='Message'),
        'send': page.get_by_role('button', name='Send message'),
        'invite': page.get_by_role('button', name='Invite others'),
        'materials': page.get_by_role('button', name='Show or hide people and materials'),
    }
    reached = set()
    for _ in range(MAX_TABS):
        page.keyboard.press('Tab')
        reached |= {name for name, control in wanted.items() if _is_focused(control)}
    assert reached == set(wanted)

    wanted['invite'].focus()
    page.keyboard.press('Enter')
    expect(page.get_by_role('dialog')).to_be_visible()
    page.keyboard.press('Escape')
    expect(page.get_by_role('dialog')).to_have_count(0)


def test_every_button_link_and_text_box_has_a_name(server: ServerProcess, open_page, code: str) -> None:
    session = open_page(f'{server.base_url}/s/{code}?name=Ana')
    expect(session.get_by_role('link', name='the chapter')).to_be_visible()
    _all_named(session)
    session.get_by_role('button', name='Invite others').click()
    expect(session.get_by_role('dialog')).to_be_visible()
    _all_named(session.get_by_role('dialog'))
    _all_named(open_page(server.base_url))
    _all_named(open_page(f'{server.base_url}/s/{code}/present'))


def _all_named(scope: Page | Locator) -> None:
    controls = [control for role in ('button', 'link', 'textbox') for control in scope.get_by_role(role).all()]
    assert controls
    for control in controls:
        expect(control).to_have_accessible_name(NAMED)


def test_every_focusable_element_is_a_named_control(server: ServerProcess, open_page, code: str) -> None:
    page = open_page(f'{server.base_url}/s/{code}?name=Ana')
    expect(page.get_by_text('chapter.txt')).to_be_visible()
    for element in page.locator(FOCUSABLE).all():
        if element.is_visible():
            expect(element).to_have_accessible_name(NAMED)
