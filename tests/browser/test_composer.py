"""The message box: Enter sends, Shift+Enter makes a new line, a counter shows near the length limit, and what is
typed stays in the browser (one draft per session, one per reply)."""
import httpx
from playwright.sync_api import expect

from bench.server_process import ServerProcess

from .actions import message_box, messages
from .conftest import new_session, post_message, visit

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


def test_an_empty_box_sends_nothing(server: ServerProcess, open_page) -> None:
    page = open_page(f'{server.base_url}/s/{new_session(server, "Empty")}?name=Ana')
    message_box(page).fill('   ')
    message_box(page).press('Enter')
    page.get_by_role('button', name='Send message').click()
    page.wait_for_timeout(300)  # a quiet period: nothing shows up, not even as waiting
    expect(messages(page)).to_have_count(0)


def test_drafts_stay_in_the_browser_one_per_session_and_one_per_reply(server: ServerProcess, open_page) -> None:
    first, second = new_session(server, 'Drafts one'), new_session(server, 'Drafts two')
    post_message(server, first, 'Ms Rivera', 'What is a prime?')
    page = open_page(f'{server.base_url}/s/{first}?name=Ana')
    box = message_box(page)
    box.press_sequentially('My notes')
    visit(page, f'{server.base_url}/s/{second}?name=Ana')
    expect(box).to_have_value('')
    box.fill('Notes for the other session')
    visit(page, f'{server.base_url}/s/{first}')
    expect(box).to_have_value('My notes')

    question = messages(page, 'What is a prime?')
    question.hover()
    question.get_by_role('button', name='Reply').click()
    expect(page.get_by_text('Replying to Ms Rivera: What is a prime?')).to_be_visible()
    expect(box).to_have_value('')  # the reply has a draft of its own
    box.press_sequentially('A number with exactly')
    page.reload()
    expect(page.get_by_text('Replying to Ms Rivera: What is a prime?')).to_be_visible()
    expect(box).to_have_value('A number with exactly')
    page.get_by_role('button', name='Cancel the reply').click()
    expect(box).to_have_value('My notes')
    question.hover()
    question.get_by_role('button', name='Reply').click()
    expect(box).to_have_value('A number with exactly')

    box.press_sequentially(' two divisors')
    box.press('Enter')
    expect(messages(page, 'A number with exactly two divisors')).to_have_count(1)
    expect(box).to_have_value('My notes')  # what was being written before the reply is back
    [_, reply] = httpx.get(f'{server.base_url}/api/sessions/{first}/messages').json()
    assert (reply['body'], reply['reply_to']['author']) == ('A number with exactly two divisors', 'Ms Rivera')
