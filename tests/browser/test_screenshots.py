"""Screenshots of every view, desktop and phone, light and dark, for people to look at (test-artifacts/)."""
import pytest
from playwright.sync_api import expect

from bench.server_process import ServerProcess

from .actions import materials, message_box, messages, wait_for_pictures
from .conftest import DESKTOP, PHONE, screenshot, visit
from .samples import MESSAGES, lesson

SCREENS = {'desktop': DESKTOP, 'phone': PHONE}
# one name per browser: a name belongs to the browser that took it first
VISITORS = {('desktop', 'light'): 'Ana', ('desktop', 'dark'): 'Ben', ('phone', 'light'): 'Cleo',
            ('phone', 'dark'): 'Dev'}


@pytest.fixture(scope='module')
def lesson_code(server: ServerProcess) -> str:
    return lesson(server, 'Photosynthesis and a bit of calculus: the light reactions')


@pytest.mark.parametrize('scheme', ['light', 'dark'])
@pytest.mark.parametrize('screen', ['desktop', 'phone'])
def test_screenshots_of_every_view(server: ServerProcess, open_page, lesson_code: str, screen: str,
                                   scheme: str) -> None:
    def shot(view: str) -> None:
        screenshot(page, f'{view}-{screen}-{scheme}')

    page = open_page(f'{server.base_url}/s/{lesson_code}?name={VISITORS[screen, scheme]}',
                     viewport=SCREENS[screen], color_scheme=scheme)
    expect(messages(page)).to_have_count(len(MESSAGES))
    message_box(page).fill('A draft with $x^2$')
    if screen == 'phone':
        shot('session')
        page.get_by_role('button', name='Show or hide people and materials').click()
    expect(materials(page)).to_have_count(2)
    wait_for_pictures(page)
    shot('session-materials' if screen == 'phone' else 'session')
    page.keyboard.press('Escape')

    visit(page, page.url)
    page.get_by_role('button', name='Invite others').click()
    page.mouse.move(0, 0)  # no tooltip of the button under the pointer: a phone has none
    expect(page.get_by_role('img', name='QR code')).to_be_visible()
    wait_for_pictures(page)
    shot('invite')

    visit(page, f'{server.base_url}/s/{lesson_code}/present')
    expect(messages(page)).to_have_count(len(MESSAGES))
    wait_for_pictures(page)
    shot('projector')

    visit(page, server.base_url)  # the home page lists the session this browser joined (and no other class's)
    expect(page.get_by_text(lesson_code)).to_be_visible()
    shot('home')
