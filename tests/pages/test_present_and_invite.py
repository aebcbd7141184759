from nicegui import app
from nicegui.testing import User

from components.invite import join_url
from services import context, materials, messages, sessions


async def test_the_projector_view_shows_code_and_qr_messages_and_materials_but_no_composer(user: User) -> None:
    ctx = context.current()
    session, _ = await sessions.create_session(ctx, 'Biology')
    await messages.post_message(ctx, session, 'Ana', 'on the wall')
    await materials.share_file(ctx, session, 'Ana', 'cells.txt', await ctx.files.store_bytes(b'cells'))
    code = f'{session.code[:3]}-{session.code[3:]}'
    await user.open(f'/s/{code}/present')
    await user.should_see(code)
    await user.should_see('cells.txt')
    await user.should_see(marker='invite')
    await user.should_not_see(marker='composer')
    await user.should_not_see(marker='upload')


async def test_the_invite_shows_the_code_and_link(user: User) -> None:
    session, _ = await sessions.create_session(context.current(), 'Biology')
    code = f'{session.code[:3]}-{session.code[3:]}'
    await user.open(f'/s/{code}?name=Ana')
    user.find(marker='join-code').click()
    await user.should_see(marker='invite')
    await user.should_see(f'/s/{code}')


def test_a_link_opened_on_localhost_invites_with_a_lan_address() -> None:
    app.urls.clear()
    app.urls.update({'http://localhost:8080', 'http://192.168.1.20:8080'})
    assert join_url('http://localhost:8080/s/K7P-2QX?name=Ana', '/s/K7P-2QX') == 'http://192.168.1.20:8080/s/K7P-2QX'
    assert join_url('http://10.0.0.5:8080/s/K7P-2QX', '/s/K7P-2QX') == 'http://10.0.0.5:8080/s/K7P-2QX'
    app.urls.clear()
    assert join_url('http://localhost:8080/s/K7P-2QX', '/s/K7P-2QX') == 'http://localhost:8080/s/K7P-2QX'


async def test_a_locked_session_disables_the_message_box_with_the_reason(user: User) -> None:
    ctx = context.current()
    session, _ = await sessions.create_session(ctx, 'Biology')
    async with ctx.db.write() as db:
        session.status = 'locked'
        db.add(session)
    await user.open(f'/s/{session.code}?name=Ana')
    composer = user.find(marker='composer').elements.pop()
    assert 'locked' in composer.props['readOnly']  # the box is disabled with the reason as its placeholder
