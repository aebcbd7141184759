"""One person cannot hurt the class, tried through the HTTP API of a real server: crafted messages are kept and shown
as plain text, look-alike names are refused like the name, and sessions, disk and request bodies have limits."""
import asyncio

from bench.crafted import fill
from bench.server_process import ServerProcess
from bench.session_tab import SessionTab
from services.rendering import PLAIN_NOTE_MARK
from services.text import name_key
from tests import servers
from tests.conftest import TEST_UPLOAD_LIMIT_MB
from tests.servers import client_of, module_server

from .test_api import create, error_of

LIMITS = ('--render-budget-ms', '10', '--session-create-limit', '30', '--max-upload-mb', str(TEST_UPLOAD_LIMIT_MB),
          '--message-rate-limit', '1000')
CRAFTED = fill('', '![')  # 4,000 characters; tens of milliseconds to render, past a budget of 10 ms


strict_server = module_server(*LIMITS)
strict = client_of('strict_server')


async def test_a_crafted_message_and_its_edit_are_kept_and_shown_as_plain_text(strict) -> None:
    code = (await create(strict))['code']
    posted = await strict.post(f'/api/sessions/{code}/messages', json={'author': 'Mallory', 'body': CRAFTED})
    assert posted.status_code == 201, posted.text
    message = posted.json()
    assert message['body'] == CRAFTED
    assert message['html'].startswith('<p>![![![') and PLAIN_NOTE_MARK in message['html']
    edited = await strict.patch(f'/api/sessions/{code}/messages/{message["id"]}',
                                json={'author': 'Mallory', 'body': CRAFTED[:-2] + '[!'})
    assert edited.status_code == 200 and PLAIN_NOTE_MARK in edited.json()['html']
    fine = await strict.post(f'/api/sessions/{code}/messages', json={'author': 'Ana', 'body': 'and **this** is fine'})
    stored = (await strict.get(f'/api/sessions/{code}/messages')).json()
    assert [m['body'] for m in stored] == [CRAFTED[:-2] + '[!', 'and **this** is fine']
    assert fine.json()['html'] == '<p>and <strong>this</strong> is fine</p>'


async def test_a_look_alike_of_a_name_a_browser_holds_gets_the_same_409_and_mentions_reach_that_person(
        strict, strict_server) -> None:
    code = (await create(strict))['code']
    teacher = SessionTab(strict_server.base_url)
    try:
        await teacher.open(code, 'Teacher')
        url = f'/api/sessions/{code}/messages'
        for name in ('Teacher', 'T\u0435acher', '\u03a4EACHER'):  # itself, a Cyrillic е, a Greek Τ
            assert 'is taken' in await error_of(await strict.post(url, json={'author': name, 'body': 'hi'}), 409)
        mention = (await strict.post(url, json={'author': 'Ana', 'body': '@T\u0435acher look'})).json()
        assert f'data-mention="{name_key("Teacher")}">@Teacher</span>' in mention['html']
    finally:
        await teacher.close()


async def test_making_sessions_is_throttled_per_address(strict) -> None:
    statuses = [(await strict.post('/api/sessions', json={'title': f'Lesson {i}'})).status_code for i in range(31)]
    assert statuses.count(201) <= 30 and statuses[-1] == 429  # the other tests of this module made some too
    refused = await strict.post('/api/sessions', json={'title': 'one more'})
    assert 'Too many new sessions' in await error_of(refused, 429)
    assert int(refused.headers['retry-after']) > 60


async def test_several_changes_to_a_session_are_made_at_once_or_not_at_all(api) -> None:
    created = await create(api, title='Before')
    url, key = f'/api/sessions/{created["code"]}', {'X-Host-Key': created['host_key']}
    refused = await api.patch(url, json={'title': 'After', 'passcode': 'x' * 65}, headers=key)
    assert 'passcode' in await error_of(refused, 422)
    assert (await api.get(url)).json()['title'] == 'Before'
    changed = await api.patch(url, json={'title': 'After', 'status': 'locked', 'passcode': 'owl'}, headers=key)
    assert changed.status_code == 200, changed.text
    assert ((await api.get(url)).json()['title'], changed.json()['status']) == ('After', 'locked')


async def test_a_lone_surrogate_in_a_message_is_dropped_not_a_server_error(api) -> None:
    code = (await create(api))['code']
    response = await api.post(f'/api/sessions/{code}/messages', content=b'{"author": "Ana", "body": "a\\ud800b"}',
                              headers={'content-type': 'application/json'})
    assert response.status_code == 201, response.text
    assert response.json()['body'] == 'ab'


async def raw_request(server: ServerProcess, head: str, body: bytes = b'', *, more: bytes = b'') -> str:
    """Send `head` and `body`, then `more` while the answer has not come: the status line of the answer."""
    reader, writer = await asyncio.open_connection('127.0.0.1', server.port)
    try:
        writer.write(head.replace('\n', '\r\n').encode() + b'\r\n' + body)
        await writer.drain()
        answer = asyncio.create_task(reader.readline())
        while more and not answer.done():
            writer.write(more)
            await writer.drain()
            await asyncio.sleep(0.01)
        async with asyncio.timeout(10):
            return (await answer).decode()
    finally:
        writer.close()


async def test_a_json_body_over_the_limit_is_refused_by_its_declared_length_before_it_is_read(server, api) -> None:
    code = (await create(api))['code']
    status = await raw_request(server, f'POST /api/sessions/{code}/messages HTTP/1.1\nHost: x\n'
                                       'Content-Type: application/json\nContent-Length: 10000000000\n', b'{"author"')
    assert status.startswith('HTTP/1.1 413')  # answered with ten gigabytes still to come
    assert (await api.get(f'/api/sessions/{code}/messages')).json() == []


async def test_a_chunked_body_over_the_limit_is_refused_as_it_arrives(server, api) -> None:
    code = (await create(api))['code']
    chunk = b'1000\r\n' + b' ' * 0x1000 + b'\r\n'
    head = f'POST /api/sessions/{code}/messages HTTP/1.1\nHost: x\nContent-Type: application/json\n' \
           'Transfer-Encoding: chunked\n'
    assert (await raw_request(server, head, more=chunk)).startswith('HTTP/1.1 413')
    upload = f'POST /api/sessions/{code}/materials HTTP/1.1\nHost: x\n' \
             'Content-Type: multipart/form-data; boundary=b\nTransfer-Encoding: chunked\n'
    part = b'--b\r\nContent-Disposition: form-data; name="other"\r\n\r\n'  # a part nobody reads, without end
    assert (await raw_request(server, upload, b'%x\r\n%s\r\n' % (len(part), part), more=chunk)) \
        .startswith('HTTP/1.1 413')


async def test_an_upload_over_the_limit_is_refused_by_its_declared_length(server, api) -> None:
    code = (await create(api))['code']
    length = TEST_UPLOAD_LIMIT_MB * 1024 * 1024 * 2
    status = await raw_request(server, f'POST /api/sessions/{code}/materials HTTP/1.1\nHost: x\n'
                                       f'Content-Type: multipart/form-data; boundary=b\nContent-Length: {length}\n')
    assert status.startswith('HTTP/1.1 413')
    assert (await api.get(f'/api/sessions/{code}/materials')).json() == []


async def test_no_file_is_taken_while_the_disk_is_nearly_full(start_server) -> None:
    async with servers.client(start_server('--min-free-disk-mb', str(10 ** 12))) as http:
        code = (await create(http))['code']
        response = await http.post(f'/api/sessions/{code}/materials', data={'author': 'Ana'},
                                   files={'file': ('notes.txt', b'hello')})
        assert 'almost out of disk space' in await error_of(response, 507)
        message = await http.post(f'/api/sessions/{code}/messages', json={'author': 'Ana', 'body': 'still ok'})
        assert message.status_code == 201
