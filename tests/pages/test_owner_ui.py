"""The owner's page, the owner as host everywhere, who may create sessions, and what the home page lists."""
import pytest
from nicegui.testing import User

from db.schemas import display_code
from services import context, owner, sessions
from tests.waiting import eventually

TRIES = 30  # should_see looks every 0.1 s; the owner's page and its buttons wait for the database (slow when busy)


async def become_owner(user: User) -> None:
    await user.open('/')  # the simulated browser keeps its cookie from a page it was shown (Chromium: tests/browser)
    await user.open(f'/owner?key={context.current().owner_key}')
    await user.should_see(marker='server-facts', retries=TRIES)


async def test_the_owner_link_makes_a_browser_the_owners_and_a_wrong_key_does_not(user: User, create_user) -> None:
    await user.open('/owner')
    await user.should_see(marker='owner-refused')
    await become_owner(user)
    await user.open('/owner')  # the key has left the address; the browser keeps being the owner's
    await user.should_see(marker='server-facts', retries=TRIES)

    stranger = create_user()
    await stranger.open('/owner?key=not-the-key')
    await stranger.should_see('the owner key is missing or wrong')
    await stranger.should_not_see(marker='server-facts')


async def test_the_owner_is_host_in_every_session_and_sees_it_listed(user: User) -> None:
    session, _ = await sessions.create_session(context.current(), 'Physics 9B')
    code = display_code(session.code)
    await become_owner(user)
    await user.should_see(marker=f'owner-session-{code}')
    with user.scope(marker=f'owner-session-{code}'):
        await user.should_see('Physics 9B')
        await user.should_see('0 messages')
    await user.open(f'/s/{code}?name=Ms Rivera')
    await user.should_see(marker='host-menu')


async def test_the_owner_page_hands_out_a_host_link_that_recovers_the_session(user: User, create_user) -> None:
    ctx = context.current()
    session, _ = await sessions.create_session(ctx, 'Lost key')
    code = display_code(session.code)
    await become_owner(user)
    with user.scope(marker=f'owner-session-{code}'):
        user.find(marker='show-host-link').click()
    await user.should_see(marker='host-link-value')
    [field] = user.find(marker='host-link-value').elements
    link = field.props['url']
    assert link.endswith(f'/s/{code}?host_key={owner.host_key_for(ctx, session)}') and ctx.owner_key not in link

    teacher = create_user()  # the host on a new laptop
    await teacher.open(link[link.index('/s/'):])
    await teacher.open(f'/s/{code}?name=Ms Rivera')
    await teacher.should_see(marker='host-menu')


async def test_closing_reopening_and_deleting_from_the_owner_page(user: User, create_user) -> None:
    ctx = context.current()
    session, _ = await sessions.create_session(ctx, 'Old class')
    code = display_code(session.code)
    guest = create_user()
    await guest.open(f'/s/{code}?name=Ben')
    await guest.should_see(marker='composer')
    await become_owner(user)

    with user.scope(marker=f'owner-session-{code}'):
        user.find(marker='close').click()
    await user.should_see(marker='reopen', retries=TRIES)
    assert (await sessions.get_session(ctx, code)).status == 'closed'
    with user.scope(marker=f'owner-session-{code}'):
        user.find(marker='reopen').click()
    await user.should_see(marker='close', retries=TRIES)
    assert (await sessions.get_session(ctx, code)).status == 'open'

    with user.scope(marker=f'owner-session-{code}'):
        user.find(marker='delete').click()
    await user.should_see('Delete “Old class” for good?')
    user.find(marker='confirm-delete-yes').click()
    await user.should_see(marker='no-sessions', retries=TRIES)
    assert [row.code for row in await sessions.open_sessions(ctx)] == []
    await guest.should_see(marker='session-gone')  # the hub told the open page
    # ... and the page let go of the session: a new session that gets the same id (SQLite) reaches nobody of the old
    await eventually(lambda: ctx.hub.subscriber_count(session.id) == 0 and ctx.fanout.client_count(session.id) == 0)
    assert ctx.presence.online(session.id) == []


@pytest.fixture
def creation_by_the_owner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('STUDYHALL_SESSION_CREATION', 'owner')  # read when the `user` fixture starts the app


async def test_with_creation_by_the_owner_others_only_join_by_code(creation_by_the_owner, user: User,
                                                                   create_user) -> None:
    stranger = create_user()
    await stranger.open('/')
    await stranger.should_see(marker='join-code')
    await stranger.should_not_see(marker='create')

    await become_owner(user)
    await user.open('/')
    user.find(marker='new-title').type('Algebra 7A')
    user.find(marker='create').click()
    await user.should_see('Choose the name the others will see.', retries=TRIES)
    assert [row.title for row in await sessions.open_sessions(context.current())] == ['Algebra 7A']


async def test_the_home_page_lists_only_what_this_browser_created_or_joined(user: User) -> None:
    ctx = context.current()
    joined, _ = await sessions.create_session(ctx, 'Chemistry 8C')
    await sessions.create_session(ctx, 'Another class')
    await user.open(f'/s/{display_code(joined.code)}?name=Ben')
    await user.should_see(marker='composer')
    await user.open('/')
    await user.should_see(marker='joined')
    with user.scope(marker='joined'):
        await user.should_see('Chemistry 8C')
    await user.should_not_see('Another class')
    await user.should_not_see(marker='open')
