"""The whole path without a mouse: join with a name, send a message, reach a message and its actions (reply, react),
open the invitation and close it again, focus coming back where it was."""
from playwright.sync_api import Page, expect

from bench.server_process import ServerProcess

from .conftest import new_session, post_message

MAX_TABS = 60


def tab_to(page: Page, selector: str, *, backwards: bool = False) -> None:
    """Press Tab (Shift+Tab) until the focus is on an element that matches `selector`."""
    target = page.locator(selector).first
    for _ in range(MAX_TABS):
        if target.evaluate('(element) => element === document.activeElement'):
            return
        page.keyboard.press('Shift+Tab' if backwards else 'Tab')
    raise AssertionError(f'{MAX_TABS} presses of Tab did not reach {selector}')


def test_join_send_reply_and_react_with_the_keyboard_alone(server: ServerProcess, open_page) -> None:
    code = new_session(server, 'Keyboard only')
    post_message(server, code, 'Ms Rivera', 'Who can explain exercise 2?')
    page = open_page(f'{server.base_url}/s/{code}')
    page.keyboard.type('Kai')  # the name field has the focus as the form opens
    page.keyboard.press('Enter')
    expect(page.locator('.sh-message', has_text='exercise 2')).to_be_visible()

    tab_to(page, 'textarea[aria-label="Message"]')
    page.keyboard.type('I can!')
    page.keyboard.press('Enter')
    expect(page.locator('.sh-message', has_text='I can!')).to_be_visible()

    tab_to(page, '.sh-message:has-text("exercise 2")', backwards=True)  # the message itself, its actions show
    expect(page.locator('.sh-message', has_text='exercise 2').locator('.sh-actions')).to_be_visible()
    tab_to(page, '.sh-message:has-text("exercise 2") button[aria-label="Reply"]')
    page.keyboard.press('Enter')
    expect(page.locator('.sh-replying')).to_contain_text('Ms Rivera')
    tab_to(page, 'textarea[aria-label="Message"]')
    page.keyboard.type('Step one is…')
    page.keyboard.press('Enter')
    expect(page.locator('.sh-message', has_text='Step one is').locator('.sh-reply-preview')).to_contain_text(
        'Ms Rivera')

    tab_to(page, '.sh-message:has-text("exercise 2")', backwards=True)
    tab_to(page, '.sh-message:has-text("exercise 2") button[aria-label="React with 👍"]')
    page.keyboard.press('Enter')
    expect(page.locator('.sh-message', has_text='exercise 2').locator('.sh-reaction')).to_contain_text('1')

    tab_to(page, '.sh-header .sh-code', backwards=True)  # the invitation: opens, closes with Escape
    page.keyboard.press('Enter')
    expect(page.get_by_role('dialog')).to_be_visible()
    page.keyboard.press('Escape')
    expect(page.get_by_role('dialog')).to_have_count(0)
    expect(page.locator('.sh-header .sh-code')).to_be_focused()  # focus back where it was


def test_question_mark_lists_the_shortcuts_outside_the_text_boxes(server: ServerProcess, open_page) -> None:
    code = new_session(server, 'Shortcuts')
    page = open_page(f'{server.base_url}/s/{code}?name=Kai')
    page.get_by_role('textbox', name='Message').press('?')  # typed into the box, not a shortcut there
    expect(page.get_by_role('dialog')).to_have_count(0)
    page.locator('.sh-chat-scroll').focus()
    page.keyboard.press('?')
    dialog = page.get_by_role('dialog')
    expect(dialog).to_contain_text('Shift+Enter')
    page.keyboard.press('Escape')
    expect(dialog).to_have_count(0)
