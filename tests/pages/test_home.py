import pytest
from nicegui.testing import User

from services import context, sessions


async def test_creating_a_session_opens_it_and_lists_it_as_created_here(user: User) -> None:
    await user.open('/')
    user.find(marker='new-title').type('Algebra revision')
    user.find(marker='new-description').type('Chapter 4: quadratics')
    user.find(marker='create').click()
    await user.should_see('Choose the name the others will see.')

    rows = await sessions.open_sessions(context.current())
    assert [(row.title, row.description) for row in rows] == [('Algebra revision', 'Chapter 4: quadratics')]
    await user.open('/')
    await user.should_see(marker='mine')
    with user.scope(marker='mine'):
        await user.should_see('Algebra revision')


async def test_a_session_needs_a_title(user: User) -> None:
    await user.open('/')
    user.find(marker='create').click()
    await user.should_see('Give the session a title.')
    assert await sessions.open_sessions(context.current()) == []


async def test_joining_by_code_accepts_it_typed_loosely(user: User) -> None:
    row, _ = await sessions.create_session(context.current(), 'Physics')
    await user.open('/')
    user.find(marker='join-code').type(f'{row.code[:3].lower()} {row.code[3:].lower()}')
    user.find(marker='join').click()
    await user.should_see('Join “Physics”')


async def test_a_malformed_or_unknown_code_gets_a_clear_message(user: User) -> None:
    await user.open('/')
    user.find(marker='join-code').type('hello')
    user.find(marker='join').click()
    await user.should_see('A join code has six letters and digits')
    user.find(marker='join-code').clear().type('ZZZ-ZZZ')
    user.find(marker='join').click()
    await user.should_see('There is no study session with the code "ZZZ-ZZZ".')


@pytest.fixture
def listing_open_sessions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('STUDYHALL_LIST_OPEN_SESSIONS', 'true')  # off by default: other classes' sessions stay private


async def test_open_sessions_are_listed_on_the_home_page_when_asked_for(listing_open_sessions, user: User) -> None:
    await sessions.create_session(context.current(), 'Chemistry lab')
    await user.open('/')
    await user.should_see(marker='open')
    with user.scope(marker='open'):
        await user.should_see('Chemistry lab')


@pytest.fixture
def two_wrong_codes_a_minute(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('STUDYHALL_WRONG_CODE_LIMIT', '2')  # read when the `user` fixture starts the app


async def test_guessing_codes_in_the_join_box_is_throttled(two_wrong_codes_a_minute, user: User) -> None:
    await user.open('/')
    for code in ('AAA-AAA', 'BBB-BBB'):
        user.find(marker='join-code').clear().type(code)
        user.find(marker='join').click()
        await user.should_see(f'There is no study session with the code "{code}".')
    user.find(marker='join-code').clear().type('CCC-CCC')
    user.find(marker='join').click()
    await user.should_see('Too many wrong join codes from this address.')


@pytest.fixture
def two_new_sessions_an_hour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('STUDYHALL_SESSION_CREATE_LIMIT', '2')


async def test_making_sessions_without_end_is_throttled(two_new_sessions_an_hour, user: User) -> None:
    for title in ('Monday', 'Tuesday', 'Wednesday'):
        await user.open('/')
        user.find(marker='new-title').type(title)
        user.find(marker='create').click()
    await user.should_see('Too many new sessions from this address: at most 2 an hour.')
    assert sorted(row.title for row in await sessions.open_sessions(context.current())) == ['Monday', 'Tuesday']
