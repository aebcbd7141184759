"""The session's polls in its export: each poll with its options and counts (and, for a named poll, who chose what)
as `polls.json` and `polls.md`, and the quiz results per person as `quiz-results.csv` for the teacher's grade book.
Anonymous polls give their counts only; their answers carry no names to give."""
import csv
import io
import json

from db.activity_schemas import PollPublic
from db.models import StudySession
from i18n import _, ngettext

from . import polls
from .context import Context


async def poll_files(ctx: Context, session: StudySession) -> dict[str, str]:
    """File name in the zip -> its text; nothing when the session has no polls."""
    shown = [poll for poll in await polls.polls_for(ctx, session, polls.Viewer(host=True)) if poll.status != 'draft']
    if not shown:
        return {}
    board = await polls.score_rows(ctx, session)
    return {'polls.json': _as_json(shown), 'polls.md': _as_markdown(shown),
            'quiz-results.csv': _quiz_csv(shown, [(row.name, row.correct, row.answer_seconds) for row in board])}


def _as_json(shown: list[PollPublic]) -> str:
    return json.dumps([poll.model_dump(mode='json', exclude={'mine'}) for poll in shown], ensure_ascii=False, indent=2)


def _as_markdown(shown: list[PollPublic]) -> str:
    lines: list[str] = []
    for poll in shown:
        kind = _('Quiz') if poll.quiz else _('Poll')
        lines += [f'## {kind}: {poll.question}', '']
        total = sum(option.votes or 0 for option in poll.options)
        for index, option in enumerate(poll.options):
            right = ' ✓' if poll.correct and index in poll.correct else ''
            share = round(100 * (option.votes or 0) / total) if total else 0
            lines.append(f'- {option.text}{right}: {option.votes or 0} ({share} %)')
        lines += ['', ngettext('%(count)d answered.', '%(count)d answered.', poll.voters or 0, count=poll.voters or 0)
                  + (' ' + _('Anonymous: nobody knows who chose what.') if poll.anonymous else ''), '']
        if poll.chosen_by:
            lines += [f'- {name}: {", ".join(poll.options[i].text for i in choices)}'
                      for name, choices in poll.chosen_by.items()] + ['']
    return '\n'.join(lines)


def _quiz_csv(shown: list[PollPublic], board: list[tuple[str, int, float]]) -> str:
    """One row per person who answered a named quiz: right answers, total answer time, and each quiz's answer."""
    quizzes = [poll for poll in shown if poll.quiz and not poll.anonymous]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_('name'), _('correct'), _('answer seconds')] + [quiz.question for quiz in quizzes])
    for name, correct, seconds in board:
        cells = []
        for quiz in quizzes:
            choices = (quiz.chosen_by or {}).get(name)
            if choices is None:
                cells.append('')
                continue
            verdict = _('right') if sorted(choices) == sorted(quiz.correct or []) else _('wrong')
            cells.append(f'{", ".join(quiz.options[i].text for i in choices)} ({verdict})')
        writer.writerow([_csv_safe(name), correct, seconds] + [_csv_safe(cell) for cell in cells])
    return out.getvalue()


def _csv_safe(text: str) -> str:
    """A cell a spreadsheet would run as a formula (=, +, -, @) starts with an apostrophe instead."""
    return f"'{text}" if text[:1] in ('=', '+', '-', '@', '\t', '\r') else text
