"""Flood control through the HTTP API: 429 with a JSON error and Retry-After."""


from tests.servers import client_of, module_server

from .test_api import create, error_of

LIMITS = ('--message-rate-limit', '3', '--message-rate-window', '30', '--wrong-code-limit', '4')


strict_server = module_server(*LIMITS)
strict = client_of('strict_server')


async def test_a_burst_of_messages_gets_429_while_others_still_post(strict) -> None:
    code = (await create(strict))['code']
    url = f'/api/sessions/{code}/messages'
    for i in range(3):
        assert (await strict.post(url, json={'author': 'Ana', 'body': f'm{i}'})).status_code == 201
    refused = await strict.post(url, json={'author': 'Ana', 'body': 'too many'})
    assert 'too fast' in await error_of(refused, 429)
    assert 1 <= int(refused.headers['retry-after']) <= 30
    assert (await strict.post(url, json={'author': 'Ben', 'body': 'fine'})).status_code == 201
    assert [m['body'] for m in (await strict.get(url)).json()] == ['m0', 'm1', 'm2', 'fine']


async def test_guessing_join_codes_is_throttled_per_address(strict) -> None:
    code = (await create(strict))['code']
    statuses = [(await strict.get('/api/sessions/ZZZ-ZZZ')).status_code for _ in range(5)]
    assert statuses[0] == 404 and statuses[-1] == 429  # the start-up probe of ServerProcess used one already
    refused = await strict.get(f'/api/sessions/{code}')  # while throttled, even a right code is not confirmed
    assert 'wrong join codes' in await error_of(refused, 429)
    assert int(refused.headers['retry-after']) <= 60
    assert (await strict.get(f'/api/sessions/{code}/messages')).status_code == 200  # nothing else is slowed down
