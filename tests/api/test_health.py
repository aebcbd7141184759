"""The health route reports NiceGUI's clients and the hub's subscribers, which the benchmark's leak check reads."""
from bench.server_process import ServerProcess
from bench.session_tab import SessionTab


async def test_health_is_ok_and_counts_an_open_page(api, server: ServerProcess) -> None:
    health = (await api.get('/api/health')).json()
    assert health['status'] == 'ok'
    assert isinstance(health['clients'], int)
    assert isinstance(health['hub_subscribers'], int)

    code = (await api.post('/api/sessions', json={'title': 'Health'})).json()['code']
    tab = SessionTab(server.base_url)
    try:
        await tab.open(code, 'Ana')
        health = (await api.get('/api/health')).json()
        assert health['clients'] >= 1
        assert health['hub_subscribers'] >= 1
    finally:
        await tab.close()
