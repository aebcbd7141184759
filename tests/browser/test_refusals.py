"""What a person sees when something cannot be done: a file over the limit, a session code that does not exist."""
from pathlib import Path

from playwright.sync_api import expect

from bench.server_process import ServerProcess

from .actions import drop_files, materials, notification
from .conftest import new_session

LIMIT_MB = 1  # the test server runs with --max-upload-mb 1
QUIET_MS = 500


def test_a_file_over_the_limit_is_refused_with_a_notification_and_nothing_is_shared(
        server: ServerProcess, open_page, tmp_path: Path) -> None:
    code = new_session(server, 'Too big')
    ana = open_page(f'{server.base_url}/s/{code}?name=Ana')
    ben = open_page(f'{server.base_url}/s/{code}?name=Ben')
    video = tmp_path / 'lecture.mp4'
    video.write_bytes(b'\0' * (LIMIT_MB * 1024 * 1024 + 1))

    ana.locator('input[type=file]').set_input_files(video)
    expect(notification(ana, f'lecture.mp4: files over {LIMIT_MB} MB cannot be shared.')).to_be_visible()
    drop_files(ana, [('big.txt', 'text/plain', 'x' * (LIMIT_MB * 1024 * 1024 + 1))])
    expect(notification(ana, f'big.txt: files over {LIMIT_MB} MB cannot be shared.')).to_be_visible()

    ana.wait_for_timeout(QUIET_MS)
    for page in (ana, ben):
        expect(materials(page)).to_have_count(0)
        expect(page.get_by_text('No files shared yet.')).to_be_visible()
    expect(ana.locator('.q-uploader__file')).to_have_count(0)  # nothing left waiting in the upload box
    ana.reload()
    expect(materials(ana)).to_have_count(0)


def test_a_wrong_session_code_shows_the_not_found_page(server: ServerProcess, open_page) -> None:
    page = open_page(f'{server.base_url}/s/ZZZ-ZZZ?name=Ana')
    expect(page.get_by_text('There is no study session with the code "ZZZ-ZZZ".')).to_be_visible()
    expect(page.get_by_role('textbox', name='Message')).to_have_count(0)
    assert page.request.get(page.url).status == 404  # for link checkers and scripts, too
    page.get_by_role('link', name='Back to the start page').click()
    expect(page.get_by_text('Start a study session')).to_be_visible()
