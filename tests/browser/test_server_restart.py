"""The server stops and starts again while three people have the session open: every page comes back by itself."""
from playwright.sync_api import expect

from bench.server_process import ServerProcess

from .actions import message_box, messages, send
from .conftest import new_session

BACK_WITHIN_MS = 20_000  # socket.io retries with a growing delay (at most 5 s) plus a page load
DRAFT = 'Half a thought, not sent yet'
BANNER = 'No connection — your messages will be sent when it is back'


def test_every_page_comes_back_with_its_history_and_draft_and_gets_new_messages_live(
        own_server: ServerProcess, open_page) -> None:
    code = new_session(own_server, 'Restart')
    names = ('Ana', 'Ben', 'Cleo')
    people = [open_page(f'{own_server.base_url}/s/{code}?name={name}') for name in names]
    for name, page in zip(names, people, strict=True):
        send(page, f'Before the restart: {name}')
    for page in people:
        expect(messages(page)).to_have_count(3)
    message_box(people[0]).press_sequentially(DRAFT)  # kept in the browser as it is typed
    for page in people:
        page.evaluate('window.studyhallTestMark = true')  # gone once the page has been loaded anew

    own_server.stop()
    for page in people:
        expect(page.get_by_text(BANNER)).to_be_visible()
    own_server.start()

    for page in people:
        expect(page.get_by_text(BANNER)).to_be_hidden(timeout=BACK_WITHIN_MS)
        expect(messages(page)).to_have_count(3)
        # the new server does not know the old page, so NiceGUI loads it again: the draft comes from the browser
        assert page.evaluate('window.studyhallTestMark') is None
    expect(message_box(people[0])).to_have_value(DRAFT)
    send(people[1], 'After the restart')
    for page in people:
        expect(messages(page, 'After the restart')).to_have_count(1)
    expect(message_box(people[0])).to_have_value(DRAFT)

