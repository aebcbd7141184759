"""The session's questions in its export, as `questions.md` and `questions.json`: every question that was not hidden,
open ones by votes then age, then answered ones, with their votes. Anonymous askers stay unnamed here too: the
export leaves the server, and the asker was promised that classmates would not see the name."""
import json

from db.models import StudySession
from db.schemas import QuestionPublic
from i18n import _, ngettext

from . import questions
from .context import Context


async def question_files(ctx: Context, session: StudySession) -> dict[str, str]:
    """File name in the zip -> its text; nothing when the session has no questions."""
    shown = [q.for_guests() for q in await questions.questions(ctx, session, host=True) if q.status != 'hidden']
    if not shown:
        return {}
    document = [q.model_dump(mode='json', exclude={'html'}) for q in shown]
    return {'questions.json': json.dumps(document, ensure_ascii=False, indent=2), 'questions.md': _as_markdown(shown)}


def _as_markdown(shown: list[QuestionPublic]) -> str:
    lines = ['# ' + _('Questions'), '']
    for question in shown:
        votes = ngettext('%(count)d vote', '%(count)d votes', question.votes, count=question.votes)
        status = {'open': _('open'), 'pending': _('awaiting approval'), 'answered': _('answered')}[question.status]
        author = question.author or _('Anonymous')
        lines += [f'**{author}** · {question.created_at.strftime("%Y-%m-%d %H:%M UTC")} · {votes} · {status}', '',
                  question.body, '']
    return '\n'.join(lines)
