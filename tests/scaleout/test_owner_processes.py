"""Two processes of one deployment share the owner key: the owner's routes and the owner's host links work on both,
and a session the owner deletes on one is gone on the other, whose open pages are told."""
import secrets

import httpx

from services.owner import derived_host_key
from tests.servers import new_session
from tests.waiting import eventually


async def test_two_processes_share_the_owner_key(start_processes, redis_url, open_tab) -> None:
    key = secrets.token_urlsafe(32)
    a, b = start_processes(redis_url, env={'STUDYHALL_OWNER_KEY': key})
    code = await new_session(a, 'Physics 9B')
    ben = await open_tab(code, 'Ben', on=a)
    owner = {'X-Owner-Key': key}
    async with httpx.AsyncClient(base_url=a.base_url) as on_a, httpx.AsyncClient(base_url=b.base_url) as on_b:
        for api in (on_a, on_b):
            listed = (await api.get('/api/owner/sessions', headers=owner)).json()
            assert [row['code'] for row in listed] == [code]
        renamed = await on_b.patch(f'/api/sessions/{code}', json={'title': 'Physics 9B (recovered)'},
                                   headers={'X-Host-Key': derived_host_key(key, code.replace('-', ''))})
        assert renamed.status_code == 200, renamed.text  # the host link the owner's page of A shows works on B

        assert (await on_b.delete(f'/api/owner/sessions/{code}', headers=owner)).status_code == 204
        assert (await on_a.get(f'/api/sessions/{code}')).status_code == 404
        await eventually(lambda: any('deleted this session' in text for text in ben.texts()))
        assert 'owner key' in (await on_a.get('/api/owner/status', headers={'X-Owner-Key': 'x' + key})).text
    assert 'a wrong owner key' in a.log() and 'x' + key not in a.log()
