"""The export carries every poll with its options and counts (named: who chose what) and a CSV of quiz results."""
import csv
import io
import json
import zipfile

from services import export, polls, sessions


async def test_the_export_has_the_polls_and_a_grade_book_csv(ctx) -> None:
    session, key = await sessions.create_session(ctx, 'Graded')
    named = await polls.create_poll(ctx, session, key, '2 + 2?', ['3', '4'], correct=[1])
    secret = await polls.create_poll(ctx, session, key, 'Lost?', ['yes', 'no'], anonymous=True)
    await polls.create_poll(ctx, session, key, 'Not launched', ['a', 'b'], draft=True)
    for name, choice in (('Ana', 1), ('Ben', 0), ('=cmd()', 1)):
        await polls.vote(ctx, session, named.id, name, [choice])
        await polls.vote(ctx, session, secret.id, name, [choice])
    await polls.change_poll(ctx, session, key, named.id, status='closed')
    path = await export.export_session(ctx, session)
    with zipfile.ZipFile(path) as archive:
        shown = json.loads(archive.read('polls.json'))
        markdown = archive.read('polls.md').decode()
        rows = list(csv.reader(io.StringIO(archive.read('quiz-results.csv').decode())))
    path.unlink()
    assert [poll['question'] for poll in shown] == ['2 + 2?', 'Lost?']
    assert shown[0]['chosen_by'] == {'Ana': [1], 'Ben': [0], '=cmd()': [1]}
    assert shown[1]['chosen_by'] is None and [o['votes'] for o in shown[1]['options']] == [1, 2]
    assert '- 4 ✓: 2 (67 %)' in markdown and 'Ben: 3' in markdown and 'nobody knows who chose what' in markdown
    assert rows[0] == ['name', 'correct', 'answer seconds', '2 + 2?']
    assert sorted((row[0], row[1], row[3]) for row in rows[1:]) == [  # (ties go by answer time)
        ("'=cmd()", '1', '4 (right)'), ('Ana', '1', '4 (right)'), ('Ben', '0', '3 (wrong)')]
