"""The owner: the key, host in every session, who may create sessions, the figures, deleting, retention."""
import hashlib
import os
import time
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import SQLModel, col, select, update

from db.models import ReadPosition, StudySession, utcnow
from realtime.events import SessionDeleted
from services import deletion, host, materials, messages, overview, owner, polls, questions, reads, sessions
from services.context import Context
from services.errors import Forbidden, NotFound, TooManyRequests
from settings import Settings


def test_the_owner_key_is_made_once_and_kept_and_a_given_one_wins(tmp_path: Path) -> None:
    first = Settings(data_dir=tmp_path).resolved_owner_key()
    assert len(first) >= 32
    assert Settings(data_dir=tmp_path).resolved_owner_key() == first
    assert Settings(data_dir=tmp_path, owner_key='given').resolved_owner_key() == 'given'
    assert (tmp_path / 'owner_key').stat().st_mode & 0o077 == 0  # only the server's user reads it
    assert Settings(data_dir=tmp_path).resolved_storage_secret() != first


async def test_the_owner_is_host_of_every_session_with_a_key_for_that_session_only(ctx: Context) -> None:
    physics, physics_key = await sessions.create_session(ctx, 'Physics')
    chemistry, _ = await sessions.create_session(ctx, 'Chemistry')
    given = owner.host_key_for(ctx, physics)

    assert host.is_host(physics, given) and host.is_host(physics, physics_key)
    assert not host.is_host(chemistry, given)
    assert not host.is_host(physics, ctx.owner_key)  # the owner key itself never stands in for a host key
    assert given != physics_key and ctx.owner_key not in given
    renamed = await host.rename(ctx, physics, given, 'Physics 2')  # a host action, with the key the owner gave
    assert renamed.title == 'Physics 2'


async def test_wrong_owner_keys_are_refused_logged_without_the_key_and_throttled(
        ctx: Context, caplog: pytest.LogCaptureFixture) -> None:
    await owner.require_owner(ctx, ctx.owner_key, '10.0.0.5')
    for _ in range(ctx.settings.wrong_code_limit):
        with pytest.raises(Forbidden):
            await owner.require_owner(ctx, 'guess-' + 'x' * 30, '10.0.0.5')
    with pytest.raises(TooManyRequests):
        await owner.require_owner(ctx, ctx.owner_key, '10.0.0.5')  # even the right key waits now
    await owner.require_owner(ctx, ctx.owner_key, '10.0.0.6')  # another address is not held up
    assert 'a wrong owner key' in caplog.text and 'guess-' not in caplog.text and ctx.owner_key not in caplog.text


async def test_a_download_token_proves_the_owner_for_a_few_minutes(ctx: Context) -> None:
    token = owner.download_token(ctx)
    assert owner.is_download_token(ctx, token) and ctx.owner_key not in token
    assert not owner.is_download_token(ctx, token, now=time.time() + owner.DOWNLOAD_TOKEN_SECONDS + 1)
    assert not owner.is_download_token(ctx, token[:-2] + 'AA')
    assert not owner.is_download_token(ctx, None) and not owner.is_download_token(ctx, 'nonsense')


async def test_with_creation_by_the_owner_only_others_are_refused(ctx: Context) -> None:
    ctx.settings.session_creation = 'owner'
    with pytest.raises(Forbidden, match='Only the owner of this server can start sessions'):
        await sessions.create_session(ctx, 'Mine', address='10.0.0.7')
    row, _ = await sessions.create_session(ctx, 'Lesson', address='10.0.0.7', by_owner=True)
    demo, _ = await sessions.create_session(ctx, 'Demo')  # the server's own (address None)
    assert {s.title for s in await sessions.open_sessions(ctx)} == {'Lesson', 'Demo'} and row.id and demo.id


async def store(ctx: Context, data: bytes):
    async with ctx.files.incoming(len(data)) as incoming:
        await incoming.write(data)
        return await incoming.store()


async def lesson(ctx: Context, title: str, *files: bytes) -> StudySession:
    """A session with two people, messages, a reaction, a read position, a question with a vote, a poll with an
    answer, and the given files."""
    row, key = await sessions.create_session(ctx, title)
    for name in ('Ana', 'Ben'):
        await sessions.join(ctx, row, name, browser_id=f'{title}-{name}')
    first, _ = await messages.post_message(ctx, row, 'Ana', f'hello {title}', browser_id=f'{title}-Ana')
    await messages.post_message(ctx, row, 'Ben', 'hi', browser_id=f'{title}-Ben')
    await messages.toggle_reaction(ctx, row, first.id, 'Ben', '👍', browser_id=f'{title}-Ben')
    await reads.mark_read(ctx, row, 'Ben', first.id)
    asked = await questions.ask(ctx, row, 'Ana', 'Why is the sky blue?', browser_id=f'{title}-Ana')
    await questions.vote(ctx, row, asked.id, 'Ben', browser_id=f'{title}-Ben')
    poll = await polls.create_poll(ctx, row, key, 'Ready?', ['yes', 'no'])
    await polls.vote(ctx, row, poll.id, 'Ben', [0], browser_id=f'{title}-Ben')
    for number, data in enumerate(files):
        await materials.share_file(ctx, row, 'Ana', f'file{number}.txt', await store(ctx, data), 'text/plain',
                                   browser_id=f'{title}-Ana')
    return row


async def row_counts(ctx: Context) -> dict[str, int]:
    """Rows in every table of the schema (those of issues to come too)."""
    async with ctx.db.read() as db:
        return {table.name: (await db.exec(select(func.count()).select_from(table))).one()  # type: ignore[call-overload]
                for table in SQLModel.metadata.sorted_tables}


def age(ctx: Context, data: bytes) -> Path:
    """Make a stored file older than an upload in progress could be."""
    path = ctx.files.path_of(hashlib.sha256(data).hexdigest())
    old = time.time() - deletion.UPLOAD_GRACE_SECONDS - 60
    os.utime(path, (old, old))
    return path


async def test_deleting_a_session_removes_its_rows_and_unshared_files_and_nothing_else(ctx: Context) -> None:
    doomed = await lesson(ctx, 'Monday', b'only monday', b'shared with tuesday')
    kept = await lesson(ctx, 'Tuesday', b'shared with tuesday', b'only tuesday')  # as many rows of each kind
    before = await row_counts(ctx)
    only_monday, shared, only_tuesday = (age(ctx, data) for data in (b'only monday', b'shared with tuesday',
                                                                    b'only tuesday'))
    await ctx.poll_counts.drain()  # the lessons' vote counts go out now, not during the deletion
    for coalescer in ctx.coalescers.values():
        await coalescer.drain()
    await ctx.hub.backend.delivered()
    told = []
    ctx.hub.subscribe(doomed.id, told.append)

    removed = await deletion.delete_session(ctx, doomed)
    await ctx.hub.backend.delivered()

    assert removed == 1
    after = await row_counts(ctx)
    assert {table: count * 2 for table, count in after.items()} == before  # exactly the half that was Monday's
    assert {table for table, count in after.items() if count} >= {'participant', 'message', 'reaction',
                                                                  'read_position', 'material', 'question',
                                                                  'question_vote', 'poll', 'poll_answer'}
    assert [row.title for row in await sessions.sessions_with_codes(ctx, [kept.code, doomed.code])] == ['Tuesday']
    assert not only_monday.exists() and shared.exists() and only_tuesday.exists()
    assert [type(event) for event in told] == [SessionDeleted]
    with pytest.raises(NotFound):
        await sessions.get_session(ctx, doomed.code)
    with pytest.raises(NotFound):
        await deletion.delete_session(ctx, doomed)


async def test_a_file_stored_just_now_is_spared_for_the_upload_that_may_record_it(ctx: Context) -> None:
    doomed = await lesson(ctx, 'Monday', b'uploaded again elsewhere right now')
    assert await deletion.delete_session(ctx, doomed) == 0
    assert ctx.files.path_of(hashlib.sha256(b'uploaded again elsewhere right now').hexdigest()).exists()


async def test_closing_records_when_and_reopening_clears_it(ctx: Context) -> None:
    row, key = await sessions.create_session(ctx, 'Physics')
    closed = await host.set_status(ctx, row, key, 'closed')
    assert closed.closed_at is not None
    assert (await host.set_status(ctx, row, key, 'locked')).closed_at is None


async def test_retention_deletes_sessions_closed_for_more_than_the_days(ctx: Context) -> None:
    old = await lesson(ctx, 'Old', b'old notes')
    recent, key = await sessions.create_session(ctx, 'Recent')
    still_open, _ = await sessions.create_session(ctx, 'Open')
    await host.set_status(ctx, recent, key, 'closed')
    async with ctx.db.write() as db:
        await db.exec(update(StudySession).where(col(StudySession.id) == old.id)  # type: ignore[call-overload]
                      .values(status='closed', closed_at=utcnow() - timedelta(days=31)))
    age(ctx, b'old notes')

    assert await deletion.delete_closed_sessions(ctx, 30) == 1
    assert {row.title for row in await overview.sessions(ctx)} == {'Recent', 'Open'}
    assert not ctx.files.path_of(hashlib.sha256(b'old notes').hexdigest()).exists()
    assert still_open.id


async def test_the_overview_has_every_session_with_its_figures(ctx: Context) -> None:
    ctx.settings.delete_closed_after_days = 7
    monday = await lesson(ctx, 'Monday', b'abc', b'defgh')
    empty, key = await sessions.create_session(ctx, 'Empty')
    await host.set_status(ctx, empty, key, 'closed')
    leave = ctx.presence.enter(monday.id, 'Ana')
    try:
        rows = {row.title: row for row in await overview.sessions(ctx)}
    finally:
        leave()
    figures = rows['Monday']
    assert (figures.status, figures.people_online, figures.people, figures.messages, figures.materials,
            figures.storage_bytes) == ('open', 1, 2, 3, 2, 8)  # two messages and the poll's card
    assert figures.last_active_at >= figures.created_at and figures.due_for_deletion_at is None
    closed = rows['Empty']
    assert (closed.people, closed.messages, closed.storage_bytes, closed.last_active_at) == (0, 0, 0,
                                                                                             closed.created_at)
    assert closed.closed_at and closed.due_for_deletion_at == closed.closed_at + timedelta(days=7)


async def test_the_server_facts(ctx: Context) -> None:
    await lesson(ctx, 'Monday', b'x' * 1000)
    status = await overview.status(ctx)
    assert status.sessions == 1 and status.uploads_bytes >= 1000 and status.disk_free_bytes > 0
    assert status.database_bytes and status.database_bytes > 0 and status.uptime_s >= 0 and status.version


async def test_read_positions_pending_for_a_deleted_session_do_not_stop_the_others(ctx: Context) -> None:
    doomed, kept = await lesson(ctx, 'Monday'), await lesson(ctx, 'Tuesday')
    for session in (doomed, kept):
        ben = await sessions.participant_named(ctx, session, 'Ben')
        ctx.reads.mark(session, ben.id, ben.name, 10_000)
    await deletion.delete_session(ctx, doomed)
    await ctx.reads.flush()
    async with ctx.db.read() as db:
        stored = (await db.exec(select(ReadPosition.session_id, ReadPosition.last_read_id))).all()
    assert list(stored) == [(kept.id, 10_000)]
