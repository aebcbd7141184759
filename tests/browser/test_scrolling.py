"""The message list follows new messages, counts the ones below the view, and loads earlier ones without a jump."""
from playwright.sync_api import Page, expect

from bench.server_process import ServerProcess

from .actions import messages
from .conftest import new_session, post_message

PAGE_SIZE = 50  # the server's default history page size
TALL = {'width': 1280, 'height': 2400}  # the first page of messages fits: nothing to scroll, so a button to click


def _session_with(server: ServerProcess, count: int) -> str:
    code = new_session(server, 'Scrolling')
    post_message(server, code, 'Ms Rivera', *(f'Message {number}' for number in range(1, count + 1)))
    return code


def _scroll_up(page: Page, pixels: int) -> None:
    page.locator('.sh-chat-scroll').hover()
    page.mouse.wheel(0, -pixels)


def test_new_messages_keep_the_view_at_the_bottom(server: ServerProcess, open_page) -> None:
    code = _session_with(server, 30)
    page = open_page(f'{server.base_url}/s/{code}?name=Ana')
    expect(page.get_by_text('Message 30', exact=True)).to_be_in_viewport()
    for number in (31, 32, 33):
        post_message(server, code, 'Ben', f'Message {number}')
        expect(page.get_by_text(f'Message {number}', exact=True)).to_be_in_viewport()
    expect(page.get_by_role('button', name='new message')).to_have_count(0)


def test_scrolled_up_the_new_ones_are_counted_and_the_button_scrolls_down(server: ServerProcess, open_page) -> None:
    code = _session_with(server, 30)
    page = open_page(f'{server.base_url}/s/{code}?name=Ana')
    _scroll_up(page, 400)
    expect(page.get_by_text('Message 30', exact=True)).not_to_be_in_viewport()

    post_message(server, code, 'Ben', 'Message 31')
    expect(page.get_by_role('button', name='1 new message')).to_be_visible()
    post_message(server, code, 'Ben', 'Message 32')
    expect(page.get_by_role('button', name='2 new messages')).to_be_visible()
    expect(page.get_by_text('Message 32', exact=True)).not_to_be_in_viewport()

    page.get_by_role('button', name='2 new messages').click()
    expect(page.get_by_text('Message 32', exact=True)).to_be_in_viewport()
    expect(page.get_by_role('button', name='new message')).to_have_count(0)


def test_load_earlier_messages_adds_them_above_what_is_shown(server: ServerProcess, open_page) -> None:
    code = _session_with(server, PAGE_SIZE + 10)
    page = open_page(f'{server.base_url}/s/{code}?name=Ana', viewport=TALL)
    expect(messages(page)).to_have_count(PAGE_SIZE)
    expect(page.get_by_text('Message 1', exact=True)).to_have_count(0)

    page.get_by_role('button', name='Load earlier messages').click()
    expect(messages(page)).to_have_count(PAGE_SIZE + 10)
    expect(page.get_by_text('This is the start of the session.')).to_be_visible()
    expect(page.get_by_role('button', name='Load earlier messages')).to_have_count(0)
    first, oldest_before, newest = (page.get_by_text(f'Message {n}', exact=True) for n in (1, 11, PAGE_SIZE + 10))
    assert first.bounding_box()['y'] < oldest_before.bounding_box()['y'] < newest.bounding_box()['y']
    expect(newest).to_be_in_viewport()


def test_scrolling_to_the_top_loads_earlier_messages_without_a_jump(server: ServerProcess, open_page) -> None:
    code = _session_with(server, 2 * PAGE_SIZE + 10)
    page = open_page(f'{server.base_url}/s/{code}?name=Ana')
    expect(messages(page)).to_have_count(PAGE_SIZE)
    scroller = page.locator('.sh-chat-scroll').bounding_box()

    _scroll_up(page, 100_000)
    expect(messages(page)).to_have_count(2 * PAGE_SIZE)
    oldest_before = page.get_by_text(f'Message {PAGE_SIZE + 11}', exact=True)
    expect(oldest_before).to_be_in_viewport()  # the reader still sees where they were, not the newly loaded top
    assert oldest_before.bounding_box()['y'] < scroller['y'] + scroller['height'] / 2
    expect(page.get_by_text('Message 11', exact=True)).not_to_be_in_viewport()
