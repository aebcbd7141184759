"""The HTTP API is answered before NiceGUI's page middleware, and still knows a page's browser by its cookie."""
import aiohttp
import httpx

from bench.server_process import ServerProcess
from tests.servers import new_session


async def test_a_pages_browser_posts_under_its_name_and_a_script_cannot(api: httpx.AsyncClient, open_tab,
                                                                         server: ServerProcess) -> None:
    code = await new_session(api)
    ana = await open_tab(code, 'Ana')
    url = f'/api/sessions/{code}/messages'
    async with aiohttp.ClientSession(server.base_url, cookie_jar=ana.browser.cookie_jar) as page_browser, \
            page_browser.post(url, json={'author': 'Ana', 'body': 'from the page'}) as response:
        assert response.status == 201
    refused = await api.post(url, json={'author': 'Ana', 'body': 'posing as Ana'})
    assert refused.status_code == 409
    stored = (await api.get(url)).json()
    assert [(m['author'], m['body']) for m in stored] == [('Ana', 'from the page')]


async def test_a_script_gets_answers_without_a_browser_cookie(server: ServerProcess) -> None:
    """Before, every cookie-less request was given a browser cookie, and the server kept a storage for it."""
    async with httpx.AsyncClient(base_url=server.base_url) as script:
        created = await script.post('/api/sessions', json={'title': 'Scripted'})
        posted = await script.post(f'/api/sessions/{created.json()["code"]}/messages',
                                   json={'author': 'Bot', 'body': 'hello'})
    assert (created.status_code, posted.status_code) == (201, 201)
    assert 'set-cookie' not in created.headers and 'set-cookie' not in posted.headers
    assert posted.headers['x-content-type-options'] == 'nosniff'  # the API's own middleware still runs
