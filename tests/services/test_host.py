"""require_host: the one check every host action goes through."""
import logging

import pytest

from db.models import StudySession
from db.schemas import display_code
from realtime.events import SessionChanged
from services import host, passcodes, sessions
from services.errors import Forbidden, InvalidInput, NotFound
from services.host import is_host, require_host


async def test_only_the_sessions_own_key_passes(ctx) -> None:
    session, key = await sessions.create_session(ctx, 'Hosted')
    other, other_key = await sessions.create_session(ctx, 'Other')
    require_host(session, key)
    assert is_host(session, key) and not is_host(session, other_key) and not is_host(other, key)
    for wrong in (None, '', other_key, key.upper(), key + ' ', 'x' * 10_000):
        with pytest.raises(Forbidden, match='Only the host'):
            require_host(session, wrong)


async def test_a_refusal_is_logged_with_the_code_and_never_the_key(ctx, caplog: pytest.LogCaptureFixture) -> None:
    session, _ = await sessions.create_session(ctx, 'Hosted')
    with caplog.at_level(logging.WARNING, logger='services.host'), pytest.raises(Forbidden):
        require_host(session, 'my-guessed-key', 'close the session')
    assert f'refused close the session on session {display_code(session.code)}: a wrong host key' in caplog.text
    assert 'my-guessed-key' not in caplog.text


async def test_several_changes_are_checked_first_and_made_at_once(ctx) -> None:
    session, key = await sessions.create_session(ctx, 'Hosted')
    received = []
    ctx.hub.subscribe(session.id, received.append)
    with pytest.raises(InvalidInput, match='passcode'):
        await host.change_session(ctx, session, key, title='Renamed', passcode='x' * 65)
    with pytest.raises(NotFound):
        await host.change_session(ctx, session, key, title='Renamed', status='locked', pinned_message_id=12345)
    await ctx.hub.backend.delivered()
    assert received == []
    async with ctx.db.read() as db:
        row = await db.get(StudySession, session.id)
    assert (row.title, row.status, row.passcode_hash, session.title) == ('Hosted', 'open', None, 'Hosted')

    await host.change_session(ctx, session, key, title='Renamed', status='locked', passcode='owl')
    await ctx.hub.backend.delivered()
    assert [(type(event), event.session.title, event.session.status) for event in received] == \
        [(SessionChanged, 'Renamed', 'locked')]
    assert session.passcode_hash and (session.title, session.status) == ('Renamed', 'locked')


async def test_the_host_sees_the_passcode_again_and_the_database_alone_does_not_give_it(ctx) -> None:
    session, key = await sessions.create_session(ctx, 'Sealed')
    other, _ = await sessions.create_session(ctx, 'Other')
    assert await host.passcode_of(ctx, session, key) is None
    await host.set_passcode(ctx, session, key, ' owl 42 ')
    assert await host.passcode_of(ctx, session, key) == 'owl 42'
    with pytest.raises(Forbidden):
        await host.passcode_of(ctx, session, None)
    async with ctx.db.write() as db:
        row = await db.get(StudySession, session.id)
        assert 'owl' not in row.passcode_sealed
        assert passcodes.unseal(row.passcode_sealed, 'another secret', row.code) is None
        assert passcodes.unseal(row.passcode_sealed, ctx.settings.resolved_storage_secret(), other.code) is None
        row.passcode_sealed = None  # as a passcode set before the host could see it again
        db.add(row)
    with pytest.raises(NotFound, match='set it anew'):
        await host.passcode_of(ctx, session, key)
    await host.set_passcode(ctx, session, key, '')
    assert await host.passcode_of(ctx, session, key) is None


async def test_a_removal_keeps_that_browser_out_under_any_name_until_the_host_lets_it_back_in(ctx) -> None:
    session, key = await sessions.create_session(ctx, 'Removal')
    await sessions.join(ctx, session, 'Ben', browser_id='ben-browser')
    await host.moderate(ctx, session, key, 'Ben', removed=True)
    for name in ('Ben', 'Benny'):
        with pytest.raises(Forbidden, match='removed you from this session \\(as Ben\\)'):
            await sessions.join(ctx, session, name, browser_id='ben-browser')
    await sessions.join(ctx, session, 'Cleo', browser_id='cleo-browser')  # nobody else is kept out
    assert await host.removed_people(ctx, session, key) == ['Ben']

    await host.moderate(ctx, session, key, 'Ben', removed=False)
    assert (await sessions.join(ctx, session, 'Ben', browser_id='ben-browser')).name == 'Ben'
    assert await host.removed_people(ctx, session, key) == []
