"""Three people in one session see each other's messages and dropped files at once; another session sees nothing."""
from playwright.sync_api import Page, expect

from bench.server_process import ServerProcess

from .actions import drop_files, materials, messages, send
from .conftest import new_session

QUIET_MS = 500  # how long nothing more may arrive
FILES = [('notes.txt', 'text/plain', 'light reactions'), ('plan.csv', 'text/csv', 'week,topic\n1,cells\n')]


def test_messages_and_dropped_files_reach_everyone_in_the_session_once_and_nobody_else(
        server: ServerProcess, open_page) -> None:
    code, other = new_session(server, 'Three people'), new_session(server, 'Elsewhere')
    names = ('Ana', 'Ben', 'Cleo')
    people = [open_page(f'{server.base_url}/s/{code}?name={name}') for name in names]
    stranger = open_page(f'{server.base_url}/s/{other}?name=Dan')

    for name, sender in zip(names, people, strict=True):
        text = f'Hello, this is {name}'
        send(sender, text)
        for page in people:
            expect(messages(page, text)).to_have_count(1)

    drop_files(people[0], FILES)
    for page in people:
        for name, _, _ in FILES:
            expect(materials(page, name)).to_have_count(1)
            expect(materials(page, name)).to_contain_text('Ana')

    people[0].wait_for_timeout(QUIET_MS)
    for page in people:
        expect(messages(page)).to_have_count(3)
        expect(materials(page)).to_have_count(2)
    expect(messages(stranger)).to_have_count(0)
    expect(materials(stranger)).to_have_count(0)
    expect(stranger.get_by_text('No messages yet')).to_be_visible()

    for page in [*people, stranger]:
        page.reload()
    for page in people:
        _shows_everything(page)
    expect(messages(stranger)).to_have_count(0)
    expect(materials(stranger)).to_have_count(0)


def _shows_everything(page: Page) -> None:
    expect(messages(page)).to_have_count(3)
    for name, _, _ in FILES:
        expect(materials(page, name)).to_have_count(1)
