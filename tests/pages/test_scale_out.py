"""The session page as one of several processes (a Redis URL is set): sticky socket, one URL per session, notice."""

import pytest
from nicegui.testing import User

from bench.server_process import free_port
from db.schemas import display_code
from services import context, messages, sessions
from tests import backing_services
from tests.waiting import eventually

backing_services.needs_module('redis', 'pip install -e ".[redis]"')


@pytest.fixture
def redis_unreachable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('STUDYHALL_REDIS_URL', f'redis://127.0.0.1:{free_port()}/0')


@pytest.fixture
def redis_running(monkeypatch: pytest.MonkeyPatch) -> None:
    backing_services.needs(backing_services.redis_missing())
    monkeypatch.setenv('STUDYHALL_REDIS_URL', backing_services.REDIS_URL)
    monkeypatch.setenv('STUDYHALL_REDIS_PREFIX', backing_services.unique_name('pages'))


async def test_while_redis_is_unreachable_the_page_says_so_and_sending_still_works(redis_unreachable,
                                                                                  user: User) -> None:
    ctx = context.current()
    session, _ = await sessions.create_session(ctx, 'Algebra')
    await user.open(f'/s/{display_code(session.code)}?name=Ana')
    await user.should_see('Live updates are delayed')
    user.find(marker='composer').trigger('send', {'client_msg_id': 'id-1', 'body': 'saved anyway'})
    await eventually(lambda: messages.messages_before(ctx, session.id, None, 10))
    assert [m.body for m in await messages.messages_before(ctx, session.id, None, 10)] == ['saved anyway']


async def test_with_redis_the_socket_names_the_session_and_no_notice_shows(redis_running, user: User) -> None:
    ctx = context.current()
    session, _ = await sessions.create_session(ctx, 'Algebra')
    code = display_code(session.code)
    await eventually(lambda: ctx.hub.status.live, timeout=10)
    html = (await user.http_client.get(f'/s/{code}?name=Ana')).text
    assert f'studyhall_session: "{code}"' in html
    await user.open(f'/s/{code}?name=Ana')
    await user.should_not_see('Live updates are delayed')


async def test_with_redis_a_loosely_typed_code_redirects_to_the_one_url_of_the_session(redis_running,
                                                                                       user: User) -> None:
    session, _ = await sessions.create_session(context.current(), 'Algebra')
    response = await user.http_client.get(f'/s/{session.code.lower()}?name=Ana Lee')
    assert response.status_code == 307
    assert response.headers['location'] == f'/s/{display_code(session.code)}?name=Ana+Lee'


async def test_on_one_laptop_the_page_has_neither(user: User) -> None:
    session, _ = await sessions.create_session(context.current(), 'Algebra')
    html = (await user.http_client.get(f'/s/{display_code(session.code)}?name=Ana')).text
    assert 'studyhall_session' not in html
    await user.open(f'/s/{display_code(session.code)}?name=Ana')
    await user.should_not_see(marker='hub-delayed')
