"""The details a teacher notices in the first lesson (issue 17): copying links on a LAN page, asking before
destructive actions, the session's state in the header, removal that sticks, the projector that follows live."""
import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from bench.server_process import ServerProcess
from services.demo import picture

from .actions import messages, notification
from .conftest import DESKTOP, PHONE, post_message, screenshot, settle, share_file, visit

# a page opened by its LAN address (plain http://) is no secure context: it has no Clipboard API
NOT_SECURE_JS = '''
    Object.defineProperty(window, 'isSecureContext', { value: false });
    Object.defineProperty(navigator, 'clipboard', { value: undefined });
    document.addEventListener('copy', () => {
        const box = document.activeElement;
        window.copied = box && box.value !== undefined ? box.value.slice(box.selectionStart, box.selectionEnd) : '';
    });
'''
NOTHING_COPIES_JS = 'document.execCommand = () => false;'
CONTRAST_JS = '''(element) => {
    const rgb = (text) => text.match(/[\\d.]+/g).map(Number);
    const luminance = ([r, g, b]) => [r, g, b].map((c) => c / 255)
        .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
        .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
    let node = element, background = [0, 0, 0];
    while (node) {
        const colour = rgb(getComputedStyle(node).backgroundColor);
        if (colour.length === 3 || colour[3] > 0.5) { background = colour.slice(0, 3); break; }
        node = node.parentElement;
    }
    const [a, b] = [luminance(rgb(getComputedStyle(element).color)), luminance(background)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}'''


def new_hosted_session(server: ServerProcess, title: str) -> tuple[str, str]:
    created = httpx.post(f'{server.base_url}/api/sessions', json={'title': title}).json()
    return created['code'], created['host_key']


def open_as_host(open_page, server: ServerProcess, code: str, key: str, **options) -> Page:
    page = open_page(f'{server.base_url}/s/{code}?name=Ms%20Rivera', **options)
    visit(page, f'{server.base_url}/s/{code}?host_key={key}')
    expect(page.get_by_role('button', name='Host controls')).to_be_visible()
    return page


@pytest.mark.parametrize('viewport, scheme', [(DESKTOP, 'light'), (PHONE, 'dark')], ids=['desktop', 'phone-dark'])
def test_copying_the_links_works_on_a_plain_http_page_and_says_so_honestly(
        server: ServerProcess, open_page, viewport: dict, scheme: str) -> None:
    code, key = new_hosted_session(server, 'Copy on the LAN')
    page = open_as_host(open_page, server, code, key, viewport=viewport, color_scheme=scheme)
    page.add_init_script(NOT_SECURE_JS)
    page.reload()
    page.get_by_role('button', name='Invite others').click()
    page.get_by_role('dialog').get_by_role('button', name='Copy the link').click()
    expect(notification(page, 'Link copied')).to_be_visible()
    assert page.evaluate('window.copied') == f'{server.base_url}/s/{code}'
    screenshot(page, f'invite-copied-{viewport["width"]}-{scheme}')
    page.get_by_role('dialog').get_by_role('button', name='Close').click()

    page.get_by_role('button', name='Host controls').click()
    page.get_by_text('Host link…').click()
    dialog = page.get_by_role('dialog')
    host_link = f'{server.base_url}/s/{code}?host_key={key}'
    expect(dialog.get_by_role('img', name=f'QR code for {host_link}')).to_be_visible()
    page.evaluate(NOTHING_COPIES_JS)
    dialog.get_by_role('button', name='Copy the host link').click()
    expect(notification(page, 'did not let the page copy')).to_be_visible()
    assert page.evaluate('getSelection().toString()') == host_link  # selected, to copy by hand
    settle(page)
    screenshot(page, f'host-link-not-copied-{viewport["width"]}-{scheme}')


def test_closing_the_session_asks_first_on_a_phone(server: ServerProcess, open_page) -> None:
    code, key = new_hosted_session(server, 'Ask first')
    page = open_as_host(open_page, server, code, key, viewport=PHONE, color_scheme='dark')
    page.get_by_role('button', name='Host controls').click()
    page.get_by_text('Close the session (archive)').click()
    dialog = page.get_by_role('dialog')
    expect(dialog.get_by_text('Close “Ask first”?')).to_be_visible()
    screenshot(page, 'close-asks-first-390-dark')
    dialog.get_by_role('button', name='Cancel').click()
    expect(page.get_by_role('dialog')).to_have_count(0)
    assert httpx.get(f'{server.base_url}/api/sessions/{code}').json()['status'] == 'open'


@pytest.mark.parametrize('viewport, scheme', [(DESKTOP, 'light'), (PHONE, 'dark')], ids=['desktop', 'phone-dark'])
def test_the_host_sees_the_state_and_a_removal_sticks_to_the_browser(
        server: ServerProcess, open_page, viewport: dict, scheme: str) -> None:
    code, key = new_hosted_session(server, 'State and removal')
    host = open_as_host(open_page, server, code, key, viewport=viewport, color_scheme=scheme)
    ben = open_page(f'{server.base_url}/s/{code}?name=Ben', viewport=PHONE)
    httpx.patch(f'{server.base_url}/api/sessions/{code}', json={'status': 'locked', 'passcode': 'owl'},
                headers={'X-Host-Key': key})
    expect(host.get_by_label('Locked: only the host can write')).to_be_visible()
    expect(ben.get_by_label('Locked: only the host can write')).to_be_visible()
    expect(host.get_by_role('textbox', name='Message')).to_be_enabled()  # though this browser took the name first
    header = host.locator('.sh-header')
    assert header.evaluate('(h) => h.scrollWidth <= h.clientWidth')  # every control fits, on a phone too
    if viewport is PHONE:
        host.get_by_role('button', name='Show or hide people and materials').click()
    people = host.locator('.sh-people')
    expect(people.get_by_role('button', name='Mute: Ben')).to_have_text('Mute')
    screenshot(host, f'host-state-{viewport["width"]}-{scheme}')

    people.get_by_role('button', name='Remove: Ben').click()
    expect(host.get_by_role('dialog')).to_contain_text('Remove Ben from this session?')
    screenshot(host, f'remove-asks-first-{viewport["width"]}-{scheme}')
    host.get_by_role('dialog').get_by_role('button', name='Remove').click()
    expect(host.get_by_role('button', name='Let Ben back in')).to_be_visible()
    visit(ben, f'{server.base_url}/s/{code}?name=Benjamin')
    expect(ben.get_by_text('The host removed you from this session (as Ben).')).to_be_visible()
    screenshot(host, f'host-removed-{viewport["width"]}-{scheme}')
    host.get_by_role('button', name='Let Ben back in').click()
    expect(host.get_by_role('button', name='Let Ben back in')).to_have_count(0)
    visit(ben, f'{server.base_url}/s/{code}?name=Ben')
    expect(ben.get_by_role('textbox', name='Message')).to_be_visible()


RICH = '**Newton**: $F = ma$, see [the notes](https://example.org)\n\n$$\\int_0^1 x^2\\,dx$$'


def test_the_projector_follows_live_and_excerpts_read_as_text_with_math(server: ServerProcess, open_page) -> None:
    code, key = new_hosted_session(server, 'Forces')
    host_headers = {'X-Host-Key': key}
    projector = open_page(f'{server.base_url}/s/{code}/present')
    ana = open_page(f'{server.base_url}/s/{code}?name=Ana', viewport=PHONE, color_scheme='dark')
    api = httpx.Client(base_url=f'{server.base_url}/api/sessions/{code}')
    pinned = api.post('/messages', json={'author': 'Ms Rivera', 'body': RICH}).json()
    api.post('/messages', json={'author': 'Ben', 'body': 'Why $m$?', 'reply_to_id': pinned['id']})
    session_url = f'{server.base_url}/api/sessions/{code}'
    assert httpx.patch(session_url, json={'pinned_message_id': pinned['id'], 'title': 'Forces and motion'},
                       headers=host_headers).status_code == 200

    for page in (projector, ana):
        banner = page.locator('.sh-pinned')
        expect(banner).to_contain_text('Newton: F')
        expect(banner.locator('math')).to_have_count(2)
        quote = page.locator('.sh-reply-preview')
        expect(quote.locator('math')).to_have_count(2)
        for text in (banner.inner_text(), quote.inner_text()):
            assert '**' not in text and '$' not in text and '](' not in text
    expect(projector.locator('.sh-header')).to_contain_text('Forces and motion')
    size = projector.locator('.sh-pinned-text').evaluate('(b) => parseFloat(getComputedStyle(b).fontSize)')
    assert size >= 24  # projector size
    display = ana.locator('.sh-body math[display="block"]').first
    assert display.evaluate('(m) => m.getBoundingClientRect().height') >= 40  # a display integral, not text-sized
    screenshot(projector, 'projector-pinned-1280-light')
    screenshot(ana, 'excerpts-390-dark')

    assert httpx.patch(session_url, json={'status': 'closed'}, headers=host_headers).status_code == 200
    expect(projector.get_by_text('This session is closed.')).to_be_visible()
    expect(projector.get_by_role('img', name='QR code')).to_be_hidden()
    expect(projector.get_by_text(code, exact=True)).to_be_hidden()
    screenshot(projector, 'projector-closed-1280-light')


@pytest.mark.parametrize('scheme', ['light', 'dark'])
def test_on_a_touch_phone_a_tap_opens_the_message_actions_as_a_sheet_that_closes(
        server: ServerProcess, chromium, scheme: str) -> None:
    code, _ = new_hosted_session(server, 'Touch')
    post_message(server, code, 'Ben', 'What is $\\sqrt{2}$ about **roughly**?')
    context = chromium.new_context(viewport=PHONE, has_touch=True, is_mobile=True, color_scheme=scheme)
    try:
        page = visit(context.new_page(), f'{server.base_url}/s/{code}?name=Ana')
        assert page.evaluate('matchMedia("(hover: none)").matches')
        expect(page.get_by_role('textbox', name='Message')).to_have_attribute('placeholder', 'Write a message…')
        message = messages(page, 'What is')
        message.locator('.sh-body').tap()
        sheet = page.get_by_role('dialog', name='Actions for the message of Ben')
        expect(sheet).to_be_visible()
        expect(message.locator('.sh-actions')).to_be_hidden()  # no hover bar over the text
        box = sheet.get_by_role('button', name='Reply').bounding_box()
        assert box['height'] >= 44  # a finger's target
        screenshot(page, f'touch-sheet-390-{scheme}')

        sheet.get_by_role('button', name='React with 👍').tap()
        expect(sheet).to_have_count(0)
        expect(message.locator('.sh-reaction', has_text='👍 1')).to_be_visible()
        message.locator('.sh-body').tap()
        page.get_by_role('dialog', name='Actions for the message of Ben').get_by_role('button', name='Reply').tap()
        expect(page.locator('.sh-replying-text')).to_contain_text('Replying to Ben: What is')
        expect(page.locator('.sh-replying-text math')).to_have_count(1)
        message.locator('.sh-body').tap()
        page.mouse.click(195, 60)  # beside the sheet
        expect(page.get_by_role('dialog')).to_have_count(0)
    finally:
        context.close()


def test_the_theme_switch_returns_to_the_system_and_a_preview_opens_the_picture_large(
        server: ServerProcess, open_page) -> None:
    code, _ = new_hosted_session(server, 'Theme')
    share_file(server, code, 'Ben', 'leaf.png', picture('Leaf', '#2e7d32', 'PNG'), 'image/png')
    post_message(server, code, 'Ben', 'The leaf is up', '```python\nx = 1  # a dimmed comment\n```')
    page = open_page(f'{server.base_url}/s/{code}?name=Ana', color_scheme='dark')
    comment = page.locator('.codehilite .c1')
    assert comment.evaluate(CONTRAST_JS) >= 4.5  # readable on the dark code background (WCAG AA)
    screenshot(page, 'code-comment-1280-dark')
    clock = re.compile(r'^\d{1,2}:\d{2}\s?(AM|PM)$')  # one short form of the time, in the browser and the server
    assert clock.match(messages(page, 'The leaf is up').locator('time').inner_text())
    caption = page.locator('.q-item', has_text='leaf.png').locator('.q-item__label--caption').inner_text()
    assert clock.match(caption.rsplit('·', 1)[1].strip()), caption
    switch = page.get_by_role('button', name='Switch between light and dark')
    switch.click()
    expect(page.locator('body')).not_to_have_class(re.compile(r'\bbody--dark\b'))
    switch.click()  # back to the system's look, and it stays so after a reload
    expect(page.locator('body')).to_have_class(re.compile(r'\bbody--dark\b'))
    page.reload()
    expect(page.get_by_role('button', name='Switch between light and dark')).to_have_attribute(
        'title', 'Light or dark as the system is (click: the other one)')
    expect(page.get_by_role('textbox', name='Message')).to_have_attribute(
        'placeholder', 'Write a message… (Enter sends, Shift+Enter: new line)')  # a mouse and a keyboard here

    with page.expect_popup() as popup:
        page.get_by_role('link', name='Open leaf.png large').click()
    assert popup.value.url.endswith('/download')


@pytest.mark.parametrize('viewport, scheme', [(DESKTOP, 'light'), (PHONE, 'dark')], ids=['desktop', 'phone-dark'])
def test_the_home_page_says_what_studyhall_does_and_joining_comes_first(
        server: ServerProcess, open_page, viewport: dict, scheme: str) -> None:
    page = open_page(server.base_url, viewport=viewport, color_scheme=scheme)
    expect(page.get_by_text('Study together, live, on your own network')).to_be_visible()
    join = page.get_by_text('Join with a code').bounding_box()
    start = page.get_by_text('Start a study session').bounding_box()
    assert (join['y'], join['x']) < (start['y'], start['x'])  # above on a phone, left on a laptop
    expect(page.get_by_role('textbox', name='Join code')).to_be_in_viewport()
    screenshot(page, f'home-{viewport["width"]}-{scheme}')
