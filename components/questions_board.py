"""The projector's questions: the highlighted one, large, and the top open questions with their votes. It reads
what it shows itself and follows the session's events as a guest (anonymous askers stay unnamed), so any page may
place it: `await QuestionsBoard.create(session)`."""
from nicegui import ui

from db.models import StudySession
from db.schemas import QuestionPublic
from i18n import N_, _
from services import context, questions

from .questions_view import texts as view_texts
from .shared_module import STUDYHALL_JS

TOP = 5
TEXTS = {'top': N_('Top questions'), 'empty': N_('No open questions.')}


class QuestionsBoard(ui.element, component='questions_board.js', esm=STUDYHALL_JS):

    def __init__(self, session: StudySession, shown: list[QuestionPublic], *, limit: int = TOP) -> None:
        """`shown`: the questions as guests see them (services.questions.questions with host=False)."""
        super().__init__()
        ctx = context.current()
        self.session = session
        self._props.update({'sessionId': session.id, 'limit': limit,
                            'questions': [q.model_dump(mode='json') for q in shown if q.status == 'open'],
                            'texts': {**view_texts(), **{key: _(text) for key, text in TEXTS.items()}}})
        self.on('connected', self._refresh)
        self._leave_fanout = ctx.fanout.join(session.id, self.client.id)  # as a guest: no anonymous names

    @classmethod
    async def create(cls, session: StudySession, *, limit: int = TOP) -> 'QuestionsBoard':
        return cls(session, await questions.questions(context.current(), session, host=False), limit=limit)

    async def _refresh(self) -> None:
        ctx = context.current()
        shown = await questions.questions(ctx, self.session, host=False)
        await ctx.fanout.send_to_client(self.client.id, {
            'type': 'questions.reset', 'session_id': self.session.id,
            'questions': [q.model_dump(mode='json') for q in shown if q.status == 'open']})

    def _handle_delete(self) -> None:
        self._leave_fanout()
        super()._handle_delete()
