"""An upload that the connection cut goes again by itself and is kept once; the progress bar never hangs at 99 %.

Three pupils upload at once, each losing their upload another way: a slow Wi-Fi link drops halfway through, the
server stores the file but its answer is lost, or the answer never comes (the bar would stay at 99 %).
"""
import time

import httpx
from playwright.sync_api import Page, expect

from bench.server_process import ServerProcess

from .actions import materials
from .conftest import new_session, screenshot
from .relay import Relay

STALL_MS = 15_000  # upload_box.js gives up on an upload without progress or answer after this long
SLOW_LINK = 60_000  # bytes per second from the browser: the upload takes a few seconds
PART = 30_000  # bytes of the upload through the link before it goes down (of 300,000)


def test_a_cut_or_stalled_upload_is_retried_by_itself_and_kept_once(server: ServerProcess, open_page,
                                                                     tmp_path) -> None:
    code = new_session(server, 'Uploads')
    files = {name: tmp_path / name for name in ('cut.txt', 'lost-answer.txt', 'no-answer.txt')}
    for name, path in files.items():
        path.write_bytes(name.encode() * (300_000 // len(name)))  # 0.3 MB, under the test server's 1 MB
    wifi = Relay(server.port, bytes_per_second=SLOW_LINK)
    cut = open_page(f'{wifi.base_url}/s/{code}?name=Ana')
    lost, silent = (open_page(f'{server.base_url}/s/{code}?name={name}') for name in ('Ben', 'Cleo'))

    before = wifi.sent_to_server
    cut.locator('input[type=file]').set_input_files(files['cut.txt'])
    _answers(lost, lambda fetch, paused: fetch.send('Fetch.failRequest', {'requestId': paused['requestId'],
                                                                           'errorReason': 'ConnectionReset'}))
    lost.locator('input[type=file]').set_input_files(files['lost-answer.txt'])
    _answers(silent, lambda fetch, paused: None)  # held: no answer ever
    silent.locator('input[type=file]').set_input_files(files['no-answer.txt'])

    started = time.monotonic()
    while wifi.sent_to_server - before < PART:  # a part of the file is on its way (no fixed wait: a busy machine)
        assert time.monotonic() - started < 30, 'the upload did not start'
        cut.wait_for_timeout(50)
    wifi.down()
    expect(cut.get_by_text('cut.txt: the upload was interrupted')).to_be_visible()
    screenshot(cut, 'upload-interrupted')
    wifi.up()

    for page, name in ((cut, 'cut.txt'), (lost, 'lost-answer.txt'), (silent, 'no-answer.txt')):
        # nothing left in the box, no bar at 99 %: the file was taken by the server and is in the list, once
        expect(page.locator('.q-uploader__file')).to_have_count(0, timeout=STALL_MS + 15_000)
        expect(materials(page, name)).to_have_count(1)
        expect(page.get_by_text('the upload was interrupted')).to_have_count(0)
    listed = httpx.get(f'{server.base_url}/api/sessions/{code}/materials').json()
    stored = sorted((m['name'], m['size']) for m in listed)
    assert stored == sorted((name, path.stat().st_size) for name, path in files.items())  # each once, whole
    for page in (cut, lost, silent):
        page.reload()
        expect(materials(page)).to_have_count(3)
    wifi.close()


def _answers(page: Page, first) -> None:
    """The server gets each upload; the first answer is handed to `first(session, paused)`, the others pass."""
    fetch = page.context.new_cdp_session(page)
    seen = []

    def paused(event: dict) -> None:
        if seen:
            fetch.send('Fetch.continueResponse', {'requestId': event['requestId']})
            return
        seen.append(event)
        assert event.get('responseStatusCode') == 201
        first(fetch, event)

    fetch.on('Fetch.requestPaused', paused)
    fetch.send('Fetch.enable', {'patterns': [{'urlPattern': '*/materials', 'requestStage': 'Response'}]})
