"""What only a real browser shows: the page's own component receives the session's emits and renders them."""
from pathlib import Path

from playwright.sync_api import Page, expect

from bench.server_process import ServerProcess

from .conftest import PHONE, new_session, screenshot


def send(page: Page, text: str) -> None:
    box = page.get_by_role('textbox', name='Message')
    box.fill(text)
    box.press('Enter')


def test_two_people_chat_and_share_a_file_live_and_another_session_sees_none(
        server: ServerProcess, open_page, tmp_path: Path) -> None:
    code = new_session(server, 'Browser test')
    other = new_session(server, 'Elsewhere')
    ana = open_page(f'{server.base_url}/s/{code}?name=Ana')
    ben = open_page(f'{server.base_url}/s/{code}?name=Ben', viewport=PHONE)
    carl = open_page(f'{server.base_url}/s/{other}?name=Carl')

    send(ana, 'Hello from **Ana**: $x^2$')
    send(ben, 'Hi Ana!')
    for page in (ana, ben):
        expect(page.locator('.sh-message', has_text='Hello from Ana')).to_have_count(1)
        expect(page.locator('.sh-message', has_text='Hi Ana!')).to_have_count(1)
    expect(ben.locator('.sh-message strong', has_text='Ana')).to_be_visible()
    expect(ben.locator('.sh-message math')).to_have_count(1)
    expect(ana.get_by_role('textbox', name='Message')).to_have_value('')

    notes = tmp_path / 'notes.txt'
    notes.write_text('photosynthesis')
    ana.locator('input[type=file]').set_input_files(notes)
    expect(ana.locator('.q-item', has_text='notes.txt')).to_have_count(1)
    ben.get_by_role('button', name='Show or hide people and materials').click()
    expect(ben.locator('.q-item', has_text='notes.txt')).to_have_count(1)

    expect(carl.locator('.sh-message')).to_have_count(0)
    expect(carl.locator('.q-item', has_text='notes.txt')).to_have_count(0)
    screenshot(ana, 'chat-desktop')
    screenshot(ben, 'chat-phone-materials')

    ana.reload()
    expect(ana.locator('.sh-message')).to_have_count(2)
    expect(ana.locator('.q-item', has_text='notes.txt')).to_have_count(1)
