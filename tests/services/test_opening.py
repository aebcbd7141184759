"""What a page shows as it opens: the newest messages, files, read positions, muted names and the pinned message."""
from realtime.events import Typing
from services import host, materials, messages, sessions
from services.context import Context
from services.opening import newest_message_id, opening


async def test_an_empty_session_opens_with_nothing(ctx: Context) -> None:
    session, _ = await sessions.create_session(ctx, 'Empty')
    shown = await opening(ctx, session)
    assert (shown.history, shown.has_older, shown.materials, shown.reads, shown.muted, shown.pinned) == \
        ([], False, [], {}, [], None)


async def test_a_busy_session_opens_on_its_newest_page_with_everything_else(ctx: Context) -> None:
    session, key = await sessions.create_session(ctx, 'Busy')
    size = ctx.settings.history_page_size
    # one message per person: flood control stops one person sending a page of messages at once
    posted = [(await messages.post_message(ctx, session, f'P{i}', f'm{i}'))[0] for i in range(size + 2)]
    await messages.toggle_reaction(ctx, session, posted[-1].id, 'Ben', '🎉')
    blob = await _stored(ctx, b'%PDF-1.4 notes')
    await materials.share_file(ctx, session, 'Ben', 'notes.pdf', blob)
    await sessions.join(ctx, session, 'Cleo', browser_id='b-cleo')
    await host.moderate(ctx, session, key, 'Cleo', muted=True)
    ctx.reads.mark(session, (await sessions.participant_named(ctx, session, 'P0')).id, 'P0', posted[-3].id)
    await ctx.reads.flush()
    session = await host.pin(ctx, session, key, posted[0].id)

    shown = await opening(ctx, session)

    assert [m.body for m in shown.history] == [f'm{i}' for i in range(2, size + 2)]
    assert shown.has_older and shown.history[-1].reactions == {'🎉': ['Ben']}
    assert [m.name for m in shown.materials] == ['notes.pdf']
    assert (shown.reads, shown.muted) == ({'P0': posted[-3].id}, ['Cleo'])
    assert (shown.pinned.id, shown.pinned.excerpt) == (posted[0].id, 'm0')


async def test_pages_opening_one_after_another_share_one_read_until_the_session_changes(ctx: Context) -> None:
    session, _ = await sessions.create_session(ctx, 'Class')
    first, _ = await messages.post_message(ctx, session, 'Ana', 'Good morning')
    await ctx.hub.backend.delivered()
    shown = await opening(ctx, session)
    await ctx.hub.publish(session.id, Typing(session_id=session.id, name='Ben'))  # changes nothing stored
    assert await opening(ctx, session) is shown

    await messages.post_message(ctx, session, 'Ben', 'Hello')
    after_post = await opening(ctx, session)
    assert [m.body for m in after_post.history] == ['Good morning', 'Hello']
    await messages.edit_message(ctx, session, first.id, 'Ana', 'Good morning, all', None)
    assert [m.body for m in (await opening(ctx, session)).history] == ['Good morning, all', 'Hello']
    assert [m.body for m in shown.history] == ['Good morning']  # what earlier pages were given stays as it was


async def test_nothing_read_is_reused_while_live_updates_are_delayed_or_after_they_resume(ctx: Context) -> None:
    session, _ = await sessions.create_session(ctx, 'Class')
    before = await opening(ctx, session)
    ctx.hub.status.live = False  # what the Redis backend does when it loses Redis
    during = await opening(ctx, session)
    assert during is not before and await opening(ctx, session) is not during
    ctx.hub.status.live, ctx.hub.status.resumed = True, ctx.hub.status.resumed + 1
    after = await opening(ctx, session)
    assert after is not before and after is not during
    assert await opening(ctx, session) is after


async def test_the_newest_message_is_known_without_reading_only_while_the_shared_opening_is_current(
        ctx: Context) -> None:
    session, _ = await sessions.create_session(ctx, 'Class')
    assert newest_message_id(ctx, session.id) is None  # nothing read yet
    await opening(ctx, session)
    assert newest_message_id(ctx, session.id) == 0
    posted, _ = await messages.post_message(ctx, session, 'Ana', 'Hello')
    assert newest_message_id(ctx, session.id) is None  # the database knows more than the opening
    await ctx.hub.backend.delivered()
    await opening(ctx, session)
    assert newest_message_id(ctx, session.id) == posted.id


async def _stored(ctx: Context, data: bytes):
    async with ctx.files.incoming(1_000_000) as incoming:
        await incoming.write(data)
        return await incoming.store()
