"""Security headers and same-origin checks against the real server."""
import re

import aiohttp
import httpx
import pytest

from bench.server_process import ServerProcess

from .test_api import create

EVIL = 'http://evil.example'
SOCKET_PATH = '/_nicegui_ws/socket.io/?EIO=4&transport=websocket'


async def test_a_page_has_a_nonce_policy_and_every_script_carries_the_nonce(api) -> None:
    response = await api.get('/')
    policy = response.headers['content-security-policy']
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "'unsafe-inline'" not in policy.split('script-src')[1].split(';')[0]
    scripts = re.findall(r'<script[^>]*>', response.text)
    assert scripts and all(f'nonce="{nonce}"' in tag for tag in scripts)
    assert nonce not in (await api.get('/')).headers['content-security-policy']  # fresh per page


@pytest.mark.parametrize('path', ['/', '/api/sessions/ZZZ-ZZZ', '/s/ZZZ-ZZZ'])
async def test_every_response_carries_the_security_headers(api, path: str) -> None:
    headers = (await api.get(path)).headers
    assert headers['x-content-type-options'] == 'nosniff'
    assert headers['referrer-policy'] == 'same-origin'
    assert headers['x-frame-options'] == 'DENY'
    assert 'camera=()' in headers['permissions-policy']


async def test_a_download_keeps_its_own_headers_and_gets_the_common_ones(api) -> None:
    code = (await create(api))['code']
    material = (await api.post(f'/api/sessions/{code}/materials', data={'author': 'Ana'},
                               files={'file': ('a.txt', b'hello')})).json()
    download = await api.get(material['url'])
    assert download.headers['content-disposition'].startswith('inline')
    assert download.headers['x-frame-options'] == 'DENY'
    assert 'content-security-policy' not in download.headers


@pytest.mark.parametrize('origin', [EVIL, 'null', 'http://127.0.0.1.evil.example', 'http://127.0.0.1:1'])
async def test_posts_from_another_origin_are_refused_and_change_nothing(api, origin: str) -> None:
    code = (await create(api))['code']
    headers = {'Origin': origin}
    attempts = [
        await api.post('/api/sessions', json={'title': 'CSRF'}, headers=headers),
        await api.post(f'/api/sessions/{code}/messages', json={'author': 'Eve', 'body': 'hi'}, headers=headers),
        await api.post(f'/api/sessions/{code}/materials', data={'author': 'Eve'}, files={'file': ('a.txt', b'a')},
                       headers=headers),
    ]
    for response in attempts:
        assert response.status_code == 403
        assert 'another site' in response.json()['error']
    assert (await api.get(f'/api/sessions/{code}/messages')).json() == []
    assert (await api.get(f'/api/sessions/{code}/materials')).json() == []


async def test_posts_from_the_same_origin_or_without_one_work(api, server: ServerProcess) -> None:
    code = (await create(api))['code']
    by_name = {'Origin': f'http://LocalHost:{server.port}', 'Host': f'localhost:{server.port}'}
    for headers in ({'Origin': server.base_url}, by_name, {}):
        response = await api.post(f'/api/sessions/{code}/messages', json={'author': 'Ana', 'body': 'ok'},
                                  headers=headers)
        assert response.status_code == 201, response.text


async def open_socket(server: ServerProcess, origin: str | None) -> str:
    """The first frame of an Engine.IO websocket handshake, or raise WSServerHandshakeError."""
    url = server.base_url.replace('http', 'ws', 1) + SOCKET_PATH
    async with aiohttp.ClientSession() as http, http.ws_connect(url, origin=origin) as ws:
        return (await ws.receive(timeout=5)).data


async def test_a_socket_from_another_origin_is_refused(server: ServerProcess) -> None:
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await open_socket(server, EVIL)
    assert refused.value.status == 403


async def test_a_socket_from_the_same_origin_or_without_one_opens(server: ServerProcess) -> None:
    assert (await open_socket(server, server.base_url)).startswith('0{')
    assert (await open_socket(server, None)).startswith('0{')


async def test_socket_polling_from_another_origin_is_refused_without_cors_headers(server: ServerProcess) -> None:
    url = f'{server.base_url}/_nicegui_ws/socket.io/?EIO=4&transport=polling'
    async with httpx.AsyncClient() as client:
        refused = await client.get(url, headers={'Origin': EVIL})
        allowed = await client.get(url, headers={'Origin': server.base_url})
    assert refused.status_code == 403
    assert allowed.status_code == 200 and allowed.text.startswith('0{')
    assert 'access-control-allow-origin' not in allowed.headers
