"""Polls, quizzes, the scoreboard, the timer and the stage through the HTTP API, as the README's table says."""
import httpx

from .test_api import create, error_of


async def _hosted(api: httpx.AsyncClient) -> tuple[str, dict]:
    created = await create(api, title='Class')
    return created['code'], {'X-Host-Key': created['host_key']}


async def test_a_poll_is_made_answered_revealed_and_closed(api) -> None:
    code, host = await _hosted(api)
    url = f'/api/sessions/{code}/polls'
    await error_of(await api.post(url, json={'question': 'Q', 'options': ['a', 'b']}), 403)
    await error_of(await api.post(url, json={'question': 'Q', 'options': ['a']}, headers=host), 422)
    made = await api.post(url, json={'question': 'Which first?', 'options': ['Ex 3', 'Ex 4'], 'results': 'hidden'},
                          headers=host)
    assert made.status_code == 201, made.text
    poll = made.json()
    assert {'id', 'question', 'options', 'multiple', 'anonymous', 'status', 'results_visible', 'voters',
            'created_at', 'closes_at'} <= set(poll) and poll['status'] == 'open'
    votes = f'{url}/{poll["id"]}/votes'
    answered = (await api.post(votes, json={'author': 'Ana', 'choices': [0]})).json()
    assert (answered['mine'], answered['voters'], answered['options'][0]['votes']) == ([0], None, None)
    assert (await api.post(votes, json={'author': 'Ana', 'choices': [1]})).json()['mine'] == [1]
    assert (await api.get(f'{url}/{poll["id"]}', headers=host)).json()['options'][1]['votes'] == 1
    changed = await api.patch(f'{url}/{poll["id"]}', json={'results_visible': True}, headers=host)
    assert changed.json()['results_visible'] is True
    shown = (await api.get(url, params={'author': 'Ana'})).json()
    assert [(p['voters'], p['mine']) for p in shown] == [(1, [1])]
    await error_of(await api.patch(f'{url}/{poll["id"]}', json={'status': 'closed'}), 403)
    assert (await api.patch(f'{url}/{poll["id"]}', json={'status': 'closed'}, headers=host)).json()['status'] == \
        'closed'
    assert 'not open' in await error_of(await api.post(votes, json={'author': 'Ben', 'choices': [0]}), 409)
    await error_of(await api.get(f'{url}/9999'), 404)


async def test_drafts_are_the_hosts_and_a_quiz_has_a_scoreboard(api) -> None:
    code, host = await _hosted(api)
    url = f'/api/sessions/{code}/polls'
    draft = (await api.post(url, json={'question': '2+2', 'options': ['3', '4'], 'correct': [1], 'seconds': 60,
                                       'draft': True}, headers=host)).json()
    assert draft['status'] == 'draft' and (await api.get(url)).json() == []
    await error_of(await api.post(f'{url}/{draft["id"]}/votes', json={'author': 'Ana', 'choices': [1]}), 409)
    opened = (await api.patch(f'{url}/{draft["id"]}', json={'status': 'open'}, headers=host)).json()
    assert opened['closes_at'] is not None
    for name, choice in (('Ana', 1), ('Ben', 0)):
        await api.post(f'{url}/{draft["id"]}/votes', json={'author': name, 'choices': [choice]})
    assert (await api.get(url)).json()[0]['correct'] is None
    await error_of(await api.get(f'/api/sessions/{code}/scoreboard'), 403)
    board = (await api.get(f'/api/sessions/{code}/scoreboard', headers=host)).json()
    assert [(row['name'], row['correct']) for row in board] == [('Ana', 1), ('Ben', 0)]
    assert set(board[0]) == {'name', 'correct', 'answer_seconds'}
    stage = await api.put(f'/api/sessions/{code}/stage', json={'show': 'scoreboard'}, headers=host)
    assert stage.json()['scoreboard_public'] is True
    assert len((await api.get(f'/api/sessions/{code}/scoreboard')).json()) == 2


async def test_the_timer_and_the_stage(api) -> None:
    code, host = await _hosted(api)
    url = f'/api/sessions/{code}/timer'
    await error_of(await api.get(url), 404)
    await error_of(await api.put(url, json={'seconds': 60}), 403)
    started = (await api.put(url, json={'seconds': 300, 'label': 'Exercise 3'}, headers=host)).json()
    assert {'label', 'ends_at', 'remaining', 'running', 'phase'} <= set(started) and started['running']
    paused = (await api.patch(url, json={'action': 'pause'}, headers=host)).json()
    assert paused['running'] is False and paused['ends_at'] is None
    assert (await api.patch(url, json={'action': 'add', 'seconds': 60}, headers=host)).json()['remaining'] > 300
    pomodoro = await api.put(url, json={'seconds': 1, 'pomodoro': {'work': 1500, 'break': 300, 'rounds': 4}},
                             headers=host)
    assert (pomodoro.json()['phase'], pomodoro.json()['rounds']) == ('work', 4)
    assert (await api.get(url)).json()['label'] == ''
    assert (await api.delete(url, headers=host)).status_code == 204
    await error_of(await api.delete(url, headers=host), 404)
    stage = f'/api/sessions/{code}/stage'
    assert (await api.put(stage, json={'show': 'timer'}, headers=host)).json()['show'] == 'timer'
    assert (await api.get(stage)).json()['show'] == 'timer'
    await error_of(await api.put(stage, json={'show': 'fireworks'}, headers=host), 422)
    await error_of(await api.put(stage, json={'show': 'join'}), 403)
