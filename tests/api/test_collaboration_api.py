"""Edits, deletions, reactions, replies, read state, search and participants through the HTTP API."""
import httpx

from .test_api import create, error_of


async def post(api: httpx.AsyncClient, code: str, author: str, body: str, **extra) -> dict:
    response = await api.post(f'/api/sessions/{code}/messages', json={'author': author, 'body': body, **extra})
    assert response.status_code == 201, response.text
    return response.json()


async def test_the_author_edits_and_deletes_and_nobody_else_can(api) -> None:
    code = (await create(api))['code']
    message = await post(api, code, 'Ana', 'teh answer')
    url = f'/api/sessions/{code}/messages/{message["id"]}'
    assert 'Only Ana' in await error_of(await api.patch(url, json={'author': 'Ben', 'body': 'mine'}), 403)
    edited = (await api.patch(url, json={'author': 'ana', 'body': 'the answer'})).json()
    assert (edited['body'], edited['edited_at'] is not None) == ('the answer', True)
    assert 'Only Ana' in await error_of(await api.delete(url, params={'author': 'Ben'}), 403)
    deleted = (await api.delete(url, params={'author': 'Ana'})).json()
    assert (deleted['deleted'], deleted['body']) == (True, '')
    await error_of(await api.patch(url, json={'author': 'Ana', 'body': 'back'}), 404)


async def test_a_reaction_toggles_and_only_known_emoji_count(api) -> None:
    code = (await create(api))['code']
    message = await post(api, code, 'Ana', 'quiz friday?')
    url = f'/api/sessions/{code}/messages/{message["id"]}/reactions'
    assert (await api.post(url, json={'author': 'Ben', 'emoji': '🎉'})).json()['reactions'] == {'🎉': ['Ben']}
    assert (await api.post(url, json={'author': 'Ben', 'emoji': '🎉'})).json()['reactions'] == {}
    assert 'Reactions are' in await error_of(await api.post(url, json={'author': 'Ben', 'emoji': 'x'}), 422)


async def test_replies_show_what_they_answer_and_a_deleted_message_cannot_be_answered(api) -> None:
    code = (await create(api))['code']
    question = await post(api, code, 'Ana', 'Why is the sky blue?')
    answer = await post(api, code, 'Ben', 'Rayleigh scattering', reply_to_id=question['id'])
    assert answer['reply_to'] == {'id': question['id'], 'author': 'Ana', 'excerpt': 'Why is the sky blue?',
                                  'html': 'Why is the sky blue?', 'deleted': False}
    await api.delete(f'/api/sessions/{code}/messages/{question["id"]}', params={'author': 'Ana'})
    response = await api.post(f'/api/sessions/{code}/messages',
                              json={'author': 'Carl', 'body': 'me too', 'reply_to_id': question['id']})
    assert 'deleted' in await error_of(response, 422)


async def test_read_positions_and_participants_with_their_online_state(api) -> None:
    code = (await create(api))['code']
    first = await post(api, code, 'Ana', 'one')
    await post(api, code, 'Ben', 'two')
    assert (await api.post(f'/api/sessions/{code}/read', json={'author': 'Ben', 'message_id': first['id']})) \
        .status_code == 204
    people = (await api.get(f'/api/sessions/{code}/participants')).json()
    assert [(p['name'], p['online'], p['last_read_id']) for p in people] == [('Ana', False, None),
                                                                               ('Ben', False, first['id'])]
    response = await api.post(f'/api/sessions/{code}/read', json={'author': 'Ghost', 'message_id': 1})
    assert 'Nobody called' in await error_of(response, 404)


async def test_search_finds_words_and_treats_markup_as_text(api) -> None:
    code = (await create(api))['code']
    await post(api, code, 'Ana', 'The <b>mitochondria</b> is the **powerhouse**')
    await post(api, code, 'Ben', 'unrelated')
    found = (await api.get(f'/api/sessions/{code}/search', params={'q': '<b>mitochondria</b> **power'})).json()
    assert [hit['excerpt'] for hit in found['messages']] == ['The <b>mitochondria</b> is the powerhouse']  # as read
    nothing = (await api.get(f'/api/sessions/{code}/search', params={'q': 'photosynthesis'})).json()
    assert nothing == {'messages': [], 'materials': [], 'questions': []}
