"""Typing, presence, edits, reactions and replies across two real browsers."""
from playwright.sync_api import Page, expect

from bench.server_process import ServerProcess

from .conftest import new_session, screenshot


def send(page: Page, text: str) -> None:
    box = page.get_by_role('textbox', name='Message')
    box.fill(text)
    box.press('Enter')


def message(page: Page, text: str):
    """The message whose own text (not a reply's preview of it) contains `text`."""
    return page.locator('article.sh-message').filter(has=page.locator('.sh-body', has_text=text))


def test_typing_presence_reactions_replies_and_edits_reach_the_other_browser(server: ServerProcess, open_page) -> None:
    code = new_session(server, 'Collaboration')
    ana = open_page(f'{server.base_url}/s/{code}?name=Ana')
    ben = open_page(f'{server.base_url}/s/{code}?name=Ben')
    ana.on('dialog', lambda dialog: dialog.accept())

    for page in (ana, ben):
        expect(page.get_by_label('People here now').locator('li')).to_have_count(2)
        expect(page.get_by_label('2 people here')).to_be_visible()

    ana.get_by_role('textbox', name='Message').press_sequentially('What is 6 x 7')
    expect(ben.get_by_text('Ana is typing…')).to_be_visible()
    expect(ana.get_by_text('Ana is typing…')).to_have_count(0)
    ana.get_by_role('textbox', name='Message').press('Enter')
    expect(message(ben, 'What is 6 x 7')).to_have_count(1)
    expect(ben.get_by_text('Ana is typing…')).to_have_count(0)  # cleared by the message itself

    question = message(ben, 'What is 6 x 7')
    question.hover()
    question.get_by_role('button', name='React with 👍').click()
    expect(message(ana, 'What is 6 x 7').get_by_role('button', name='👍 1: Ben')).to_be_visible()
    question.hover()
    question.get_by_role('button', name='Reply').click()
    expect(ben.get_by_text('Replying to Ana: What is 6 x 7')).to_be_visible()
    send(ben, 'It is 42')
    answer = message(ana, 'It is 42')
    expect(answer.get_by_role('button', name='Replying to Ana: show the message')).to_be_visible()

    own = message(ana, 'What is 6 x 7')
    own.hover()
    own.get_by_role('button', name='Edit').click()
    ana.get_by_role('textbox', name='Edit your message').fill('What is 6 × 7?')
    ana.get_by_role('textbox', name='Edit your message').press('Enter')
    expect(message(ben, 'What is 6 × 7?')).to_contain_text('(edited)')
    expect(message(ben, 'It is 42')).to_contain_text('What is 6 × 7?')  # the reply preview follows the edit
    expect(message(ben, 'What is 6 × 7?').get_by_role('button', name='Edit')).to_have_count(0)  # not Ben's
    screenshot(ben, 'collaboration-desktop')

    edited = message(ana, 'What is 6 × 7?')
    edited.hover()
    edited.get_by_role('button', name='Delete').click()
    ana.get_by_role('dialog').get_by_role('button', name='Delete').click()  # asked first, as a file or closing
    expect(ben.get_by_text('message deleted')).to_have_count(2)  # the stub and the reply's preview


def test_a_closed_tab_leaves_the_people_here_at_once(server: ServerProcess, open_page) -> None:
    code = new_session(server, 'Leaving')
    ana = open_page(f'{server.base_url}/s/{code}?name=Ana')
    ben = open_page(f'{server.base_url}/s/{code}?name=Ben')
    expect(ana.get_by_label('2 people here')).to_be_visible()
    ben.close()
    # the tab says it leaves: well before the reconnect grace (60 s), after which a tab that said nothing is let go
    expect(ana.get_by_label('1 person here')).to_be_visible(timeout=20_000)
