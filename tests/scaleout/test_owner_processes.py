"""Two processes of one deployment share the owner key: the owner's routes and the owner's host links work on both,
each counts the people connected to either, and a session the owner deletes on one is gone on the other, whose open
pages are told."""
import secrets

import httpx

from services.owner import derived_host_key
from tests.servers import new_session
from tests.waiting import eventually


async def test_two_processes_share_the_owner_key(start_processes, redis_url, open_tab) -> None:
    key = secrets.token_urlsafe(32)
    a, b = start_processes(redis_url, env={'STUDYHALL_OWNER_KEY': key})
    code, chemistry = await new_session(a, 'Physics 9B'), await new_session(b, 'Chemistry 9C')
    ben = await open_tab(code, 'Ben', on=a)
    await open_tab(chemistry, 'Cleo', on=b)  # A has no page of her session
    owner = {'X-Owner-Key': key}
    async with httpx.AsyncClient(base_url=a.base_url) as on_a, httpx.AsyncClient(base_url=b.base_url) as on_b:
        async def here_now(api: httpx.AsyncClient) -> bool:
            listed = (await api.get('/api/owner/sessions', headers=owner)).json()
            status = (await api.get('/api/owner/status', headers=owner)).json()
            return {row['code']: row['people_online'] for row in listed} == {code: 1, chemistry: 1} \
                and status['people_online'] == 2
        for api in (on_a, on_b):
            await eventually(lambda api=api: here_now(api))
        renamed = await on_b.patch(f'/api/sessions/{code}', json={'title': 'Physics 9B (recovered)'},
                                   headers={'X-Host-Key': derived_host_key(key, code.replace('-', ''))})
        assert renamed.status_code == 200, renamed.text  # the host link the owner's page of A shows works on B

        assert (await on_b.delete(f'/api/owner/sessions/{code}', headers=owner)).status_code == 204
        assert (await on_a.get(f'/api/sessions/{code}')).status_code == 404
        await eventually(lambda: any('deleted this session' in text for text in ben.texts()))
        assert 'owner key' in (await on_a.get('/api/owner/status', headers={'X-Owner-Key': 'x' + key})).text
    assert 'a wrong owner key' in a.log() and 'x' + key not in a.log()
