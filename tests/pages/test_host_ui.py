"""Host controls in the page: only the host sees them; a host link makes any browser the host; passcodes."""
import pytest
from nicegui.testing import User

from db.schemas import display_code
from services import context, host, materials, messages, sessions
from services.errors import Forbidden

PASSCODE_CHECK_TRIES = 100  # tenths of a second: a passcode is checked with 200,000 rounds of PBKDF2, off the loop
NAVIGATION_TRIES = 30  # a new page after creating a session: 0.3 s (NiceGUI's default) was too little on a busy CI


async def new_session_created_here(user: User):
    """Create a session through the home page, as a host does (the key stays in this browser)."""
    await user.open('/')
    user.find(marker='new-title').type('Chemistry')
    user.find(marker='create').click()
    await user.should_see('Choose the name the others will see.', retries=NAVIGATION_TRIES)
    [row] = await sessions.open_sessions(context.current())
    return row


async def test_the_creator_sees_the_host_controls_and_a_guest_does_not(user: User, create_user) -> None:
    session = await new_session_created_here(user)
    await user.open(f'/s/{display_code(session.code)}?name=Ms Rivera')
    await user.should_see(marker='host-menu')

    guest = create_user()
    await guest.open(f'/s/{display_code(session.code)}?name=Ben')
    await guest.should_see(marker='composer')
    await guest.should_not_see(marker='host-menu')


async def test_locking_from_the_menu_makes_the_session_read_only_but_for_the_host(user: User) -> None:
    session = await new_session_created_here(user)
    code = display_code(session.code)
    await user.open(f'/s/{code}?name=Ms Rivera')
    user.find(marker='host-lock').click()
    await user.should_see('Unlock (let everyone write)')
    row, _ = await host.current(context.current(), session)
    assert row.status == 'locked'
    assert not user.find(marker='composer').elements.pop().props['readOnly']  # the host still writes

    ctx = context.current()
    await sessions.join(ctx, row, 'Ben', browser_id='ben-browser')
    with pytest.raises(Forbidden, match='locked'):
        await messages.post_message(ctx, row, 'Ben', 'can I?', browser_id='ben-browser')


async def test_a_host_link_makes_another_browser_the_host(user: User, create_user) -> None:
    session, host_key = await sessions.create_session(context.current(), 'Physics')
    code = display_code(session.code)
    await user.open(f'/s/{code}?name=Ms Rivera')
    await user.should_not_see(marker='host-menu')
    await user.open(f'/s/{code}?host_key={host_key}')
    await user.open(f'/s/{code}')
    await user.should_see(marker='host-menu')

    stranger = create_user()
    await stranger.open(f'/s/{code}?host_key=not-the-key')
    await stranger.open(f'/s/{code}?name=Eve')
    await stranger.should_not_see(marker='host-menu')


async def test_a_passcode_is_asked_of_newcomers_and_wrong_ones_are_refused(user: User) -> None:
    ctx = context.current()
    session, host_key = await sessions.create_session(ctx, 'Exam prep')
    await host.set_passcode(ctx, session, host_key, 'owl')
    await user.open(f'/s/{display_code(session.code)}?name=Ben')
    await user.should_see('This session needs its passcode: ask the host.')
    user.find(marker='passcode').type('cat')
    user.find(marker='join-session').click()
    await user.should_see('That passcode is not right.', retries=PASSCODE_CHECK_TRIES)
    user.find(marker='passcode').clear().type('owl')
    user.find(marker='join-session').click()
    await user.should_see(marker='composer', retries=PASSCODE_CHECK_TRIES)


async def test_a_name_somebody_else_took_is_refused_with_a_clear_message(user: User, create_user) -> None:
    session, _ = await sessions.create_session(context.current(), 'Biology')
    await user.open(f'/s/{display_code(session.code)}?name=Ana')
    await user.should_see(marker='composer')
    impostor = create_user()
    await impostor.open(f'/s/{display_code(session.code)}?name=ANA')
    await impostor.should_see('The name “Ana” is taken in this session. Choose another one.')
    await impostor.should_not_see(marker='composer')


async def test_closing_the_session_and_deleting_a_file_ask_first(user: User) -> None:
    ctx = context.current()
    session = await new_session_created_here(user)
    await materials.share_file(ctx, session, 'Ana', 'notes.txt', await ctx.files.store_bytes(b'notes'))
    await user.open(f'/s/{display_code(session.code)}?name=Ms Rivera')
    user.find(marker='host-close').click()
    await user.should_see('Close “Chemistry”?')
    user.find('Cancel').click()
    await user.should_not_see(marker='confirm-close')
    assert (await host.current(ctx, session))[0].status == 'open'
    user.find(marker='host-close').click()
    await user.should_see(marker='confirm-close')
    user.find(marker='confirm-close-yes').click()
    await user.should_see('Reopen the session')
    assert (await host.current(ctx, session))[0].status == 'closed'

    user.find(marker='delete-file').click()
    await user.should_see('Delete “notes.txt”?')
    await user.should_see(marker='confirm-delete-file-yes')
    user.find(marker='confirm-delete-file-yes').click()
    await user.should_see('No files shared yet.')
    assert await materials.list_materials(ctx, session) == []


async def hosted_here(user: User, title: str):
    """A session made through the API, opened in this browser as its host by the host link."""
    session, key = await sessions.create_session(context.current(), title)
    code = display_code(session.code)
    await user.open(f'/s/{code}?name=Ms Rivera')
    await user.open(f'/s/{code}?host_key={key}')
    await user.open(f'/s/{code}')
    await user.should_see(marker='host-menu')
    return session, key, code


async def test_the_header_shows_the_state_and_the_host_sees_the_passcode_again(user: User, create_user) -> None:
    ctx = context.current()
    session, key, code = await hosted_here(user, 'Chemistry')
    guest = create_user()
    await guest.open(f'/s/{code}?name=Ben')
    await guest.should_not_see('Locked')
    await host.change_session(ctx, session, key, status='locked', passcode='owl 42')
    await guest.should_see('Locked')
    await guest.should_not_see(marker='state-passcode')
    await user.should_see(marker='state-passcode')

    user.find(marker='state-passcode').click()
    await user.should_see(marker='passcode-now')
    assert user.find(marker='passcode-now').elements.pop().value == 'owl 42'
    user.find(marker='passcode-remove').click()
    await user.should_see('No passcode any more.')
    assert (await host.current(ctx, session))[0].passcode_hash is None


async def test_the_host_lets_a_removed_browser_back_in(user: User, create_user) -> None:
    session, key, code = await hosted_here(user, 'Chemistry')
    ben = create_user()
    await ben.open(f'/s/{code}?name=Ben')
    await host.moderate(context.current(), session, key, 'Ben', removed=True)
    await ben.open(f'/s/{code}?name=Benjamin')
    await ben.should_see('The host removed you from this session (as Ben).')

    await user.open(f'/s/{code}')
    await user.should_see(marker='removed-people')
    user.find(marker='let-back-in').click()
    await user.should_not_see(marker='removed-people')
    await ben.open(f'/s/{code}?name=Ben')
    await ben.should_see(marker='composer')
