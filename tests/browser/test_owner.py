"""The owner in Chromium: the link from the terminal, the owner's page at desktop and phone width, light and dark,
host in every session, deleting a session while a guest has it open, the backup download, the page following what
happens elsewhere without a reload."""
import re
import zipfile
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import expect

from bench.server_process import ServerProcess

from .actions import messages
from .conftest import DESKTOP, PHONE, new_session, post_message, screenshot, visit
from .samples import lesson

FOLLOWS_MS = 15_000  # the owner's page re-reads its figures every 5 s (pages/owner.py REFRESH_SECONDS)
OWNER_LINK = re.compile(r'Owner link[^\n]*?(http://\S+/owner\?key=\S+)')


@pytest.fixture(scope='module')
def owned_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """One server for this module (its terminal prints the owner link), with two sessions made by the API."""
    with ServerProcess(tmp_path_factory.mktemp('owned')) as server:
        lesson(server, 'Photosynthesis and a bit of calculus: the light reactions')
        new_session(server, 'Algebra 7A')
        yield server


def owner_link_from_the_terminal(server: ServerProcess) -> str:
    found = OWNER_LINK.search(server.log())
    assert found, 'the start-up banner prints the owner link'
    return found[1]


def test_the_owner_link_opens_the_owners_page_and_the_owner_deletes_an_open_session(owned_server, open_page,
                                                                                    tmp_path) -> None:
    own_server = owned_server
    link = owner_link_from_the_terminal(own_server)
    assert link.startswith(own_server.base_url)
    lesson(own_server, 'Photosynthesis 9B')
    doomed = new_session(own_server, 'Last term, class 8C')
    guest = open_page(f'{own_server.base_url}/s/{doomed}?name=Ben')
    expect(guest.locator('.sh-chat')).to_be_visible()

    page = open_page(link)
    page.wait_for_url(f'{own_server.base_url}/owner')  # the key left the address bar
    expect(page.get_by_text('This server')).to_be_visible()
    expect(page.get_by_text('Photosynthesis 9B')).to_be_visible()
    expect(page.get_by_text('1 here now')).to_be_visible()  # Ben, in 8C
    screenshot(page, 'owner-desktop-light')

    card = page.locator('.q-card', has_text='Last term, class 8C')
    card.get_by_role('button', name='Delete…').click()
    expect(page.get_by_text('Delete “Last term, class 8C” for good?')).to_be_visible()
    screenshot(page, 'owner-delete-desktop-light')
    page.get_by_role('button', name='Delete for good').click()
    expect(page.get_by_role('link', name='Last term, class 8C')).to_have_count(0)
    expect(guest.get_by_text('The owner of this server deleted this session')).to_be_visible()
    screenshot(guest, 'owner-deleted-session-guest-desktop-light')
    following = new_session(own_server, 'Next term, class 8C')  # on SQLite it may get the deleted session's id
    post_message(own_server, following, 'Ms Rivera', 'Welcome to the new class')
    newcomer = open_page(f'{own_server.base_url}/s/{following}?name=Cleo')
    expect(messages(newcomer, 'Welcome to the new class')).to_be_visible()
    expect(messages(guest)).to_have_count(0)  # the old page let go of the session
    guest.get_by_role('link', name='Back to the start page').click()
    expect(guest.get_by_text('Join with a code')).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role('button', name='Download a backup').click()
    saved = tmp_path / 'backup.zip'
    download.value.save_as(saved)
    with zipfile.ZipFile(saved) as archive:
        names = archive.namelist()
    assert 'data/studyhall.db' in names and sum(name.startswith('uploads/') for name in names) >= 2

    page.get_by_role('link', name='Photosynthesis 9B').click()
    page.wait_for_url(re.compile(r'/s/'))
    page.get_by_label('Nickname').fill('Ms Rivera')
    page.get_by_role('button', name='Join session').click()
    expect(page.get_by_role('button', name='Host controls')).to_be_visible()  # host in a session made by the API


def test_the_owners_page_follows_messages_and_sessions_made_or_deleted_elsewhere(owned_server, open_page) -> None:
    link = owner_link_from_the_terminal(owned_server)
    busy, leaving = new_session(owned_server, 'Maths 6D'), new_session(owned_server, 'Leaving 6E')
    page = open_page(link)
    page.wait_for_url(f'{owned_server.base_url}/owner')
    card = page.locator('.q-card', has_text='Maths 6D')
    expect(card.get_by_text('0 messages', exact=True)).to_be_visible()
    card.evaluate('card => card.dataset.seen = "before"')  # gone if the list were built anew

    post_message(owned_server, busy, 'Ms Rivera', 'Page 42, please')
    new_session(owned_server, 'Arriving 6F')
    deleted = httpx.delete(f'{owned_server.base_url}/api/owner/sessions/{leaving}',
                           headers={'X-Owner-Key': link.split('key=', 1)[1]})
    assert deleted.status_code == 204
    expect(card.get_by_text('1 message', exact=True)).to_be_visible(timeout=FOLLOWS_MS)  # no reload
    expect(page.get_by_role('link', name='Arriving 6F')).to_be_visible()
    expect(page.get_by_role('link', name='Leaving 6E')).to_have_count(0)
    expect(page.locator('.q-card[data-seen="before"]')).to_have_count(1)  # the card was updated in place


@pytest.mark.parametrize('screen, scheme', [('phone', 'light'), ('phone', 'dark'), ('desktop', 'dark')])
def test_the_owners_page_at_phone_width_and_in_dark(owned_server, open_page, screen: str, scheme: str) -> None:
    own_server = owned_server
    link = owner_link_from_the_terminal(own_server)
    viewport = PHONE if screen == 'phone' else DESKTOP
    page = open_page(link, viewport=viewport, color_scheme=scheme)
    page.wait_for_url(f'{own_server.base_url}/owner')
    expect(page.get_by_text('Algebra 7A')).to_be_visible()
    width = page.evaluate('document.documentElement.scrollWidth')
    assert width <= viewport['width'], f'the owner page scrolls sideways ({width} px)'
    screenshot(page, f'owner-{screen}-{scheme}')
    page.locator('.q-card', has_text='Algebra 7A').get_by_role('button', name='Host link').click()
    expect(page.get_by_text('Host link of')).to_be_visible()
    screenshot(page, f'owner-host-link-{screen}-{scheme}')
    visit(page, own_server.base_url)
    expect(page.get_by_role('link', name='Your owner\'s page: every session on this server')).to_be_visible()
    screenshot(page, f'home-owner-{screen}-{scheme}')
