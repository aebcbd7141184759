"""Dragging files over the chat shows where they can be dropped; dropping shares them."""
from playwright.sync_api import expect

from bench.server_process import ServerProcess

from .actions import drag_files_away, drag_files_over, drop_files, materials
from .conftest import new_session

FILES = [('notes.txt', 'text/plain', 'light reactions')]


def test_the_chat_area_is_outlined_while_files_are_dragged_over_it(server: ServerProcess, open_page) -> None:
    page = open_page(f'{server.base_url}/s/{new_session(server, "Drop")}?name=Ana')
    area = page.locator('.sh-fill')
    expect(area).to_have_css('outline-style', 'none')

    drag_files_over(page, FILES)
    expect(area).to_have_css('outline-style', 'dashed')
    drag_files_away(page)
    expect(area).to_have_css('outline-style', 'none')

    drag_files_over(page, FILES)
    drop_files(page, FILES)
    expect(materials(page, 'notes.txt')).to_have_count(1)
    expect(area).to_have_css('outline-style', 'none')
