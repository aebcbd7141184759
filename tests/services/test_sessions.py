import re

import pytest
from sqlmodel import select

from db.models import Participant
from services import sessions
from services.codes import ALPHABET, normalize_code
from services.context import Context
from services.errors import InvalidInput, NameTaken, NotFound, TooManyRequests
from services.flood import FloodGuard


async def test_a_new_session_has_a_readable_code_and_keeps_only_the_hash_of_its_host_key(ctx: Context) -> None:
    row, host_key = await sessions.create_session(ctx, '  Algebra \n revision ', 'Chapter 4')
    assert row.title == 'Algebra revision'
    assert row.description == 'Chapter 4'
    assert re.fullmatch(f'[{ALPHABET}]{{6}}', row.code)
    assert host_key not in row.host_key_hash
    assert row.host_key_hash == sessions.hash_host_key(host_key)


@pytest.mark.parametrize('title', ['', '   ', '\u200b\u200b'])
async def test_a_session_needs_a_title(ctx: Context, title: str) -> None:
    with pytest.raises(InvalidInput, match='title'):
        await sessions.create_session(ctx, title)


async def test_a_session_is_found_by_its_code_however_it_is_typed(ctx: Context) -> None:
    row, _ = await sessions.create_session(ctx, 'Physics')
    typed = [row.code, f'{row.code[:3]}-{row.code[3:]}', row.code.lower(), f' {row.code[:3]} {row.code[3:]} ']
    for code in typed:
        assert (await sessions.get_session(ctx, code)).id == row.id


@pytest.mark.parametrize('code', ['AAA-AAA', 'K7P-2Q', 'K7P-2QX0', '../etc', ''])
async def test_an_unknown_or_malformed_code_is_not_found(ctx: Context, code: str) -> None:
    with pytest.raises(NotFound):
        await sessions.get_session(ctx, code)


def test_codes_never_contain_characters_that_are_easy_to_confuse() -> None:
    assert not set('01OILU') & set(ALPHABET)
    assert normalize_code('k7p-2qx') == 'K7P2QX'
    assert normalize_code('K7P-2Q0') is None


async def test_joining_twice_with_the_same_name_in_another_case_is_one_participant(ctx: Context) -> None:
    row, _ = await sessions.create_session(ctx, 'Physics')
    first = await sessions.join(ctx, row, 'Ana')
    second = await sessions.join(ctx, row, ' ANA ')
    assert first.id == second.id
    async with ctx.db.read() as db:
        names = [p.name for p in (await db.exec(select(Participant))).all()]
    assert names == ['Ana']


async def test_new_sessions_are_counted_per_address(ctx: Context) -> None:
    ctx.flood = FloodGuard(ctx.settings.model_copy(update={'session_create_limit': 3}))
    for number in range(3):
        await sessions.create_session(ctx, f'Lesson {number}', address='10.0.0.7')
    with pytest.raises(TooManyRequests, match='at most 3 an hour') as refused:
        await sessions.create_session(ctx, 'Lesson 4', address='10.0.0.7')
    assert refused.value.retry_after > 3000
    await sessions.create_session(ctx, 'Lesson 4', address='10.0.0.8')  # another address
    await sessions.create_session(ctx, 'Demo')  # one the server makes itself
    assert len(await sessions.open_sessions(ctx)) == 5


async def test_a_look_alike_of_a_taken_name_is_refused_like_the_name_itself(ctx: Context) -> None:
    row, _ = await sessions.create_session(ctx, 'Physics')
    teacher = await sessions.join(ctx, row, 'Teacher', browser_id='teachers-laptop')
    for look_alike in ('Teacher', 'T\u0435acher', '\u03a4EACHER'):  # itself, a Cyrillic е, a Greek Τ
        with pytest.raises(NameTaken, match='Teacher'):
            await sessions.join(ctx, row, look_alike, browser_id='someone-else')
    assert (await sessions.join(ctx, row, 'T\u0435acher', browser_id='teachers-laptop')).id == teacher.id


async def test_a_name_of_the_longest_compatibility_characters_fits_its_key(ctx: Context) -> None:
    row, _ = await sessions.create_session(ctx, 'Arabic')
    participant = await sessions.join(ctx, row, '\ufdfa' * 40)  # each one is 18 characters in NFKC
    assert participant.name == '\ufdfa' * 40
    assert (await sessions.participant_named(ctx, row, '\ufdfa' * 40)).id == participant.id


@pytest.mark.parametrize('nickname', ['', '   ', '\x00\x07'])
async def test_a_nickname_cannot_be_empty(ctx: Context, nickname: str) -> None:
    row, _ = await sessions.create_session(ctx, 'Physics')
    with pytest.raises(InvalidInput, match='nickname'):
        await sessions.join(ctx, row, nickname)


async def test_open_sessions_and_sessions_by_code_list_newest_first(ctx: Context) -> None:
    first, _ = await sessions.create_session(ctx, 'First')
    second, _ = await sessions.create_session(ctx, 'Second')
    assert [row.title for row in await sessions.open_sessions(ctx)] == ['Second', 'First']
    found = await sessions.sessions_with_codes(ctx, [first.code.lower(), 'nonsense', second.code])
    assert [row.title for row in found] == ['Second', 'First']
