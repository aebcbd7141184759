"""What a page shows as it opens: the newest messages, files, read positions, muted names and the pinned message."""
from services import host, materials, messages, sessions
from services.context import Context
from services.opening import opening


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
    await ctx.reads.flush(ctx)
    session = await host.pin(ctx, session, key, posted[0].id)

    shown = await opening(ctx, session)

    assert [m.body for m in shown.history] == [f'm{i}' for i in range(2, size + 2)]
    assert shown.has_older and shown.history[-1].reactions == {'🎉': ['Ben']}
    assert [m.name for m in shown.materials] == ['notes.pdf']
    assert (shown.reads, shown.muted) == ({'P0': posted[-3].id}, ['Cleo'])
    assert (shown.pinned.id, shown.pinned.excerpt) == (posted[0].id, 'm0')


async def _stored(ctx: Context, data: bytes):
    async with ctx.files.incoming(1_000_000) as incoming:
        await incoming.write(data)
        return await incoming.store()
