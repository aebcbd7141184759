"""Questions are in search (as their viewer may see them) and in the export, with anonymous askers unnamed."""
import json
import zipfile

from services import export, questions, search, sessions


async def test_search_finds_questions_and_hides_what_guests_may_not_see(ctx) -> None:
    session, key = await sessions.create_session(ctx, 'Searched')
    await questions.ask(ctx, session, 'Ana', 'Is photosynthesis on the test?', anonymous=True)
    hidden = await questions.ask(ctx, session, 'Ben', 'photosynthesis is boring')
    await questions.change(ctx, session, key, hidden.id, status='hidden')
    guest = await search.search(ctx, session, 'photosynth')
    assert [(hit.author, hit.status) for hit in guest.questions] == [(None, 'open')]
    assert any(matched and text.lower().startswith('photosynth') for text, matched in guest.questions[0].excerpt)
    as_host = await search.search(ctx, session, 'photosynthesis', host=True)
    assert sorted((hit.author, hit.status) for hit in as_host.questions) == [('Ana', 'open'), ('Ben', 'hidden')]


async def test_the_export_has_the_questions_with_anonymous_askers_unnamed(ctx) -> None:
    session, key = await sessions.create_session(ctx, 'Exported')
    secret = await questions.ask(ctx, session, 'Zoë', 'Can I retake it?', anonymous=True)
    named = await questions.ask(ctx, session, 'Ben', 'When is the deadline?')
    gone = await questions.ask(ctx, session, 'Cy', 'spam')
    await questions.vote(ctx, session, named.id, 'Ana')
    await questions.change(ctx, session, key, secret.id, status='answered')
    await questions.change(ctx, session, key, gone.id, status='hidden')
    path = await export.export_session(ctx, session)
    with zipfile.ZipFile(path) as archive:
        shown = json.loads(archive.read('questions.json'))
        markdown = archive.read('questions.md').decode()
    path.unlink()
    assert [(q['body'], q['author'], q['votes'], q['status']) for q in shown] == [
        ('When is the deadline?', 'Ben', 1, 'open'), ('Can I retake it?', None, 0, 'answered')]
    assert 'Zoë' not in markdown and 'spam' not in markdown
    assert '**Anonymous**' in markdown and '1 vote · open' in markdown


async def test_a_session_without_questions_exports_no_question_files(ctx) -> None:
    session, _ = await sessions.create_session(ctx, 'Quiet')
    path = await export.export_session(ctx, session)
    with zipfile.ZipFile(path) as archive:
        assert 'questions.json' not in archive.namelist()
    path.unlink()
