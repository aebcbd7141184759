"""The Questions view of a session page, and the unread count on its tab: questions reach it by the session's
Socket.IO emit (a guest payload without anonymous askers' names, a host payload with them), never by updates."""
from typing import Any

from nicegui import ui
from nicegui.events import GenericEventArguments

from db.models import Participant, StudySession
from i18n import N_, _
from i18n.client_texts import plural_forms
from services import context, host, questions
from services.errors import ServiceError
from services.rendering import PLAIN_NOTE

from .shared_module import STUDYHALL_JS

TEXTS = {
    'placeholder': N_('Ask a question…'),
    'ask': N_('Ask'),
    'ask_label': N_('Your question'),
    'anonymous': N_('Ask anonymously'),
    'anonymous_note': N_('Classmates see “Anonymous”; the host still sees your name.'),
    'anonymous_name': N_('Anonymous'),
    'anonymous_tag': N_('anonymous to classmates'),
    'open': N_('Open questions'),
    'pending': N_('Waiting for the host’s approval'),
    'waiting_note': N_('Only you and the host see it until the host approves it.'),
    'answered': N_('Answered'),
    'hidden': N_('Hidden'),
    'empty': N_('No questions yet. Ask the first one!'),
    'now': N_('Being answered now'),
    'vote': N_('Vote for this question'),
    'unvote': N_('Take your vote back'),
    'yours': N_('you asked'),
    'held': N_('order held while you read'),
    'highlight': N_('Highlight: being answered now'),
    'unhighlight': N_('Stop highlighting'),
    'answer': N_('Mark as answered'),
    'reopen': N_('Open again'),
    'hide': N_('Hide'),
    'unhide': N_('Show again'),
    'approve': N_('Approve'),
    'moderate': N_('Approve new questions before everyone sees them'),
}


def texts() -> dict[str, object]:
    """What questions_view.js (and the projector's questions_board.js) show, in the page's language."""
    return {**{key: _(text) for key, text in TEXTS.items()}, 'plain_note': _(PLAIN_NOTE),
            'votes': plural_forms('{count} vote', '{count} votes')}


class QuestionsView(ui.element, component='questions_view.js', esm=STUDYHALL_JS):

    def __init__(self, session: StudySession, view: questions.QuestionsView, *, participant: Participant,
                 host_key: str | None, read_only_reason: str | None = None) -> None:
        """`view`: the questions as this page may show them (services.questions.view); `host_key` (kept on the
        server): this page answers, highlights, hides and approves."""
        super().__init__()
        ctx = context.current()
        self.session = session
        self.participant = participant
        self.host_key = host_key
        self._version = ctx.hub.version(session.id)
        self._props.update({
            'sessionId': session.id,
            'questions': [question.model_dump(mode='json') for question in view.questions],
            'voted': sorted(view.voted),
            'mine': sorted(view.mine),
            'isHost': host_key is not None,
            'moderated': session.questions_moderated,
            'maxChars': ctx.settings.max_message_chars,
            'readOnly': read_only_reason or '',
            'texts': texts(),
        })
        for event, handler in (('ask', self._ask), ('vote', self._vote), ('set_question', self._change),
                               ('moderate', self._moderate), ('connected', self._connected)):
            self.on(event, handler)

    def set_read_only(self, reason: str | None) -> None:
        if self._props['readOnly'] != (reason or ''):
            self._props['readOnly'] = reason or ''
            self.update()

    async def _ask(self, e: GenericEventArguments) -> None:
        args = _as_dict(e.args)
        try:
            question = await questions.ask(context.current(), self.session, self.participant.name,
                                           str(args.get('body') or ''), anonymous=bool(args.get('anonymous')),
                                           browser_id=self.participant.browser_id)
        except ServiceError as error:
            await self._tell({'type': 'questions.refused'})
            ui.notify(error.message, type='warning')
            return
        await self._tell({'type': 'questions.asked', 'id': question.id})

    async def _vote(self, e: GenericEventArguments) -> None:
        args = _as_dict(e.args)
        question_id, voted = _as_id(args.get('id')), bool(args.get('voted'))
        try:
            await questions.vote(context.current(), self.session, question_id, self.participant.name, voted=voted,
                                 browser_id=self.participant.browser_id, count=False)
        except ServiceError as error:
            await self._tell({'type': 'questions.vote_refused', 'id': question_id, 'voted': not voted})
            ui.notify(error.message, type='warning')

    async def _change(self, e: GenericEventArguments) -> None:
        args = _as_dict(e.args)
        status = args.get('status')
        highlighted = args.get('highlighted')
        try:
            await questions.change(context.current(), self.session, self.host_key, _as_id(args.get('id')),
                                   status=status if isinstance(status, str) else None,
                                   highlighted=highlighted if isinstance(highlighted, bool) else None)
        except ServiceError as error:
            ui.notify(error.message, type='warning')

    async def _moderate(self, e: GenericEventArguments) -> None:
        try:
            await host.change_session(context.current(), self.session, self.host_key,
                                      questions_moderated=bool(e.args))
        except ServiceError as error:
            ui.notify(error.message, type='warning')

    async def _connected(self, e: GenericEventArguments) -> None:
        """On every (re)connect: the list again, if anything may have changed since it was sent (a page's first
        connect after nothing happened, the common case when a class arrives, costs no query)."""
        ctx = context.current()
        first = e.args == 1
        if first and ctx.hub.version(self.session.id) == self._version:
            return
        view = await questions.view(ctx, self.session, host=self.host_key is not None, participant=self.participant)
        await self._tell({'type': 'questions.reset', 'questions': [q.model_dump(mode='json') for q in view.questions],
                          'voted': sorted(view.voted), 'mine': sorted(view.mine)})

    async def _tell(self, payload: dict[str, Any]) -> None:
        payload['session_id'] = self.session.id
        await context.current().fanout.send_to_client(self.client.id, payload)


class QuestionsBadge(ui.element, component='questions_badge.js', esm=STUDYHALL_JS):
    """The number of questions this person has not seen yet, for the Questions tab."""

    def __init__(self, session_id: int) -> None:
        super().__init__()
        self._props.update({'sessionId': session_id,
                            'unread': plural_forms('{count} new question', '{count} new questions')})


def _as_id(value: object) -> int:
    try:
        return max(0, int(value))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 0


def _as_dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}
