"""What a person sees when something cannot be done: a file over the limit, a session code that does not exist, a
message the server refused after it had waited in the outbox."""
from pathlib import Path

import httpx
from playwright.sync_api import expect

from bench.server_process import ServerProcess

from .actions import drop_files, materials, message_box, messages, notification, send
from .conftest import new_session, screenshot

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


def test_a_message_refused_after_an_outage_shows_why_and_keeps_its_text(server: ServerProcess, open_page) -> None:
    created = httpx.post(f'{server.base_url}/api/sessions', json={'title': 'Locked meanwhile'}).json()
    code, host = created['code'], {'X-Host-Key': created['host_key']}
    ana = open_page(f'{server.base_url}/s/{code}?name=Ana')
    ana.on('dialog', lambda dialog: dialog.accept())
    ana.context.set_offline(True)
    for text in ('Send me again', 'Edit me', 'Throw me away'):
        send(ana, text)
    expect(ana.locator('.sh-pending', has_text='Waiting to send')).to_have_count(3)
    assert httpx.patch(f'{server.base_url}/api/sessions/{code}', json={'status': 'locked'},
                       headers=host).status_code == 200
    ana.context.set_offline(False)

    refused = ana.locator('.sh-pending', has_text='Not sent: The host has locked this session')
    expect(refused).to_have_count(3, timeout=15_000)
    expect(message_box(ana)).to_be_disabled()
    ana.reload()  # a refusal is kept in the browser like any message not sent yet
    expect(refused).to_have_count(3)
    screenshot(ana, 'refused-after-outage')
    httpx.patch(f'{server.base_url}/api/sessions/{code}', json={'status': 'open'}, headers=host)
    expect(message_box(ana)).to_be_enabled()

    refused.filter(has_text='Send me again').get_by_role('button', name='Send again').click()
    expect(messages(ana, 'Send me again').locator('.sh-body')).to_have_count(1)
    refused.filter(has_text='Edit me').get_by_role('button', name='Edit').click()
    expect(message_box(ana)).to_have_value('Edit me')
    refused.filter(has_text='Throw me away').get_by_role('button', name='Discard').click()
    expect(ana.locator('.sh-pending')).to_have_count(0)
    ana.reload()
    expect(ana.locator('.sh-pending')).to_have_count(0)
    expect(message_box(ana)).to_have_value('Edit me')
    assert [m['body'] for m in httpx.get(f'{server.base_url}/api/sessions/{code}/messages').json()] == [
        'Send me again']
