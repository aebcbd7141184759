import pytest

from services import messages, search, sessions
from services.context import Context


@pytest.fixture
async def session(ctx: Context):
    row, _ = await sessions.create_session(ctx, 'Biology')
    for author, body in [('Ana', 'Photosynthesis happens in the chloroplast'),
                         ('Ben', 'The **Calvin** cycle fixes carbon'),
                         ('Ana', 'Cellular respiration releases energy'),
                         ('Carl', '<b>chloroplasts</b> are green')]:
        await messages.post_message(ctx, row, author, body)
    await ctx.files.store_bytes(b'x')
    return row


def texts(results: search.SearchResults) -> list[str]:
    return [''.join(piece for piece, _ in hit.excerpt) for hit in results.messages]


async def test_words_find_messages_newest_first_with_the_match_marked(ctx: Context, session) -> None:
    results = await search.search(ctx, session, 'chloroplast')
    assert texts(results) == ['<b>chloroplasts</b> are green', 'Photosynthesis happens in the chloroplast']
    assert ('chloroplast', True) in results.messages[1].excerpt


async def test_every_word_must_match_and_the_last_may_be_a_prefix(ctx: Context, session) -> None:
    assert texts(await search.search(ctx, session, 'calvin cyc')) == ['The Calvin cycle fixes carbon']  # as read
    assert texts(await search.search(ctx, session, 'calvin respiration')) == []


@pytest.mark.parametrize('query', ['', '   ', '***', '"', 'NEAR(', '<script>', '$$'])
async def test_a_query_of_only_syntax_finds_nothing_and_breaks_nothing(ctx: Context, session, query) -> None:
    results = await search.search(ctx, session, query)
    assert results.messages == [] and results.materials == []


async def test_markdown_and_html_in_a_query_are_just_words(ctx: Context, session) -> None:
    assert texts(await search.search(ctx, session, '**Calvin**')) == ['The Calvin cycle fixes carbon']
    assert texts(await search.search(ctx, session, '<b>green</b>')) == ['<b>chloroplasts</b> are green']
    assert texts(await search.search(ctx, session, 'AND OR NOT "energy')) == []


async def test_a_search_with_no_hits(ctx: Context, session) -> None:
    assert texts(await search.search(ctx, session, 'mitochondria')) == []


async def test_deleted_messages_and_other_sessions_are_not_found(ctx: Context, session) -> None:
    other, _ = await sessions.create_session(ctx, 'Physics')
    await messages.post_message(ctx, other, 'Dan', 'energy is conserved')
    [hit] = (await search.search(ctx, session, 'energy')).messages
    await messages.delete_message(ctx, session, hit.id, 'Ana')
    assert texts(await search.search(ctx, session, 'energy')) == []


async def test_an_edited_message_is_found_by_its_new_words(ctx: Context, session) -> None:
    [hit] = (await search.search(ctx, session, 'respiration')).messages
    await messages.edit_message(ctx, session, hit.id, 'Ana', 'Fermentation needs no oxygen')
    assert texts(await search.search(ctx, session, 'respiration')) == []
    assert texts(await search.search(ctx, session, 'fermentation')) == ['Fermentation needs no oxygen']


async def test_material_names_are_found_too(ctx: Context, session) -> None:
    from services import materials
    await materials.share_file(ctx, session, 'Ana', 'Leaf_diagram (final).png', await ctx.files.store_bytes(b'p'))
    results = await search.search(ctx, session, 'diagram')
    assert [m.name for m in results.materials] == ['Leaf_diagram (final).png']
    assert (await search.search(ctx, session, '100%')).materials == []


def test_a_long_message_is_cut_around_the_match() -> None:
    body = 'filler ' * 100 + 'needle' + ' tail' * 100
    pieces = search.excerpt(body, ['needle'])
    text = ''.join(piece for piece, _ in pieces)
    assert text.startswith('…') and text.endswith('…')
    assert ('needle', True) in pieces
    assert len(text) <= search.EXCERPT_CHARS + 2
