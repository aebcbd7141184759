"""The message box: Enter sends, Shift+Enter makes a new line, a counter shows near the length limit."""
from playwright.sync_api import expect

from bench.server_process import ServerProcess

from .actions import message_box, messages
from .conftest import new_session

LIMIT = 4000  # the server's default longest message
COUNTER_FROM = 3200  # 80 % of it


def test_enter_sends_and_shift_enter_makes_a_new_line(server: ServerProcess, open_page) -> None:
    page = open_page(f'{server.base_url}/s/{new_session(server, "Composer")}?name=Ana')
    box = message_box(page)
    box.press_sequentially('First line')
    box.press('Shift+Enter')
    box.press_sequentially('second line')
    expect(box).to_have_value('First line\nsecond line')
    expect(messages(page)).to_have_count(0)

    box.press('Enter')
    expect(messages(page)).to_have_count(1)
    body = messages(page).locator('.sh-body')
    expect(body).to_have_text('First line second line')
    assert body.inner_text().splitlines() == ['First line', 'second line']  # as two lines on the screen
    expect(box).to_have_value('')
    expect(box).to_be_focused()  # ready for the next message


def test_the_character_counter_appears_near_the_limit(server: ServerProcess, open_page) -> None:
    page = open_page(f'{server.base_url}/s/{new_session(server, "Counter")}?name=Ana')
    box = message_box(page)
    box.fill('x' * (COUNTER_FROM - 1))
    counter = page.get_by_text(f' / {LIMIT:,}')
    page.wait_for_timeout(300)  # a quiet period: no counter far from the limit
    expect(counter).to_have_count(0)

    box.press('End')
    box.press('x')
    expect(counter).to_have_text(f'{COUNTER_FROM:,} / {LIMIT:,}')
    box.fill('x' * (LIMIT + 10))
    expect(counter).to_have_text(f'{LIMIT:,} / {LIMIT:,}')  # the box takes no more than the limit
    box.fill('short')
    expect(counter).to_have_count(0)
