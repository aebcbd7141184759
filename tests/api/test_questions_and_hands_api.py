"""Questions and raised hands through the HTTP API, in process on the test's database (SQLite or PostgreSQL): an
anonymous asker's name is in no answer without the host key."""
from collections.abc import AsyncIterator

import httpx
import pytest

from api.app import api_app
from asgi.body_limit import limits_of
from services.context import Context


@pytest.fixture
async def client(ctx: Context) -> AsyncIterator[httpx.AsyncClient]:
    app = api_app(storage_secret='test', version='test', body_limits=limits_of(ctx.settings))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url='http://testserver') as client:
        yield client


@pytest.fixture
async def hosted(client: httpx.AsyncClient) -> tuple[str, dict]:
    created = (await client.post('/api/sessions', json={'title': 'Q&A'})).json()
    return created['code'], {'X-Host-Key': created['host_key']}


async def ask(client: httpx.AsyncClient, code: str, author: str, body: str, **extra) -> dict:
    response = await client.post(f'/api/sessions/{code}/questions', json={'author': author, 'body': body, **extra})
    assert response.status_code == 201, response.text
    return response.json()


async def test_a_question_has_the_documented_shape_and_votes_toggle(client, hosted) -> None:
    code, _ = hosted
    question = await ask(client, code, 'Ana', 'What is *entropy*?')
    assert set(question) == {'id', 'body', 'html', 'author', 'anonymous', 'votes', 'status', 'highlighted',
                             'created_at', 'answered_at'}
    assert (question['author'], question['status'], question['votes'], question['html']) == \
        ('Ana', 'open', 0, '<p>What is <em>entropy</em>?</p>')
    url = f'/api/sessions/{code}/questions/{question["id"]}/votes'
    assert (await client.post(url, json={'author': 'Ben'})).json()['votes'] == 1
    assert (await client.post(url, json={'author': 'Cy'})).json()['votes'] == 2
    assert (await client.post(url, json={'author': 'Ben'})).json()['votes'] == 1
    missing = await client.post(f'/api/sessions/{code}/questions/99999/votes', json={'author': 'Ben'})
    assert missing.status_code == 404 and 'question' in missing.json()['error']
    empty = await client.post(f'/api/sessions/{code}/questions', json={'author': 'Ana', 'body': ' '})
    assert empty.status_code == 422


async def test_nothing_without_the_host_key_names_an_anonymous_asker(client, hosted) -> None:
    code, host = hosted
    asked = await ask(client, code, 'Ana', 'Can we have more time?', anonymous=True)
    assert (asked['author'], asked['anonymous']) == (None, True)
    voted = await client.post(f'/api/sessions/{code}/questions/{asked["id"]}/votes', json={'author': 'Ben'})
    listed = await client.get(f'/api/sessions/{code}/questions')
    for answer in (voted, listed):
        assert 'Ana' not in answer.text
    as_host = (await client.get(f'/api/sessions/{code}/questions', headers=host)).json()
    assert as_host[0]['author'] == 'Ana'


async def test_the_host_answers_highlights_hides_and_moderates(client, hosted) -> None:
    code, host = hosted
    first = await ask(client, code, 'Ana', 'first')
    second = await ask(client, code, 'Ben', 'second')
    url = f'/api/sessions/{code}/questions/{first["id"]}'
    assert (await client.patch(url, json={'highlighted': True})).status_code == 403
    assert (await client.patch(url, json={'highlighted': True}, headers=host)).json()['highlighted'] is True
    answered = (await client.patch(url, json={'status': 'answered'}, headers=host)).json()
    assert (answered['status'], answered['highlighted'], answered['answered_at'] is not None) == \
        ('answered', False, True)
    await client.patch(f'/api/sessions/{code}/questions/{second["id"]}', json={'status': 'hidden'}, headers=host)
    assert [q['body'] for q in (await client.get(f'/api/sessions/{code}/questions')).json()] == ['first']
    bad = await client.patch(url, json={'status': 'pending'}, headers=host)
    assert bad.status_code == 422

    session = (await client.patch(f'/api/sessions/{code}', json={'questions_moderated': True}, headers=host)).json()
    assert session['questions_moderated'] is True
    waiting = await ask(client, code, 'Cy', 'waiting')
    assert waiting['status'] == 'pending'
    assert 'waiting' not in (await client.get(f'/api/sessions/{code}/questions')).text
    assert 'waiting' in (await client.get(f'/api/sessions/{code}/questions', headers=host)).text
    await client.patch(f'/api/sessions/{code}/questions/{waiting["id"]}', json={'status': 'open'}, headers=host)
    assert [q['body'] for q in (await client.get(f'/api/sessions/{code}/questions')).json()] == ['waiting', 'first']


async def test_hands_go_up_once_come_down_and_the_host_calls_the_next(client, hosted) -> None:
    code, host = hosted
    url = f'/api/sessions/{code}/hands'
    raised = await client.post(url, json={'author': 'Ana'})
    assert raised.status_code == 201 and set(raised.json()) == {'name', 'raised_at', 'position'}
    again = await client.post(url, json={'author': 'Ana'})
    assert again.status_code == 200 and again.json() == raised.json()
    await client.post(url, json={'author': 'Ben'})
    await client.post(url, json={'author': 'Cy'})
    assert [(h['name'], h['position']) for h in (await client.get(url)).json()] == [('Ana', 1), ('Ben', 2), ('Cy', 3)]
    assert (await client.post(f'{url}/next')).status_code == 403
    called = await client.post(f'{url}/next', headers=host)
    assert called.status_code == 200 and called.json()['name'] == 'Ana'
    assert (await client.delete(f'{url}/Cy', params={'author': 'Ben'})).status_code == 403
    assert (await client.delete(f'{url}/Cy', params={'author': 'Cy'})).status_code == 204
    assert (await client.delete(f'{url}/Ben', headers=host)).status_code == 204
    assert (await client.get(url)).json() == []
    nobody = await client.post(f'{url}/next', headers=host)
    assert nobody.status_code == 404 and nobody.json()['error']
