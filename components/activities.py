"""The live side of polls, the timer and the stage on a page: one element per page follows the session's activity
events (by the session's Socket.IO emit, like the chat), asks on every (re)connect for everything as it is now with
the server's clock, and carries the page's answers and the host's actions to the services."""
import time
from pathlib import Path
from typing import Any

from nicegui import app, ui
from nicegui.events import GenericEventArguments

from db.models import Participant, StudySession
from i18n import _
from i18n.client_texts import plural_forms
from services import context, polls, stage, timer
from services.errors import ServiceError

from .shared_module import STUDYHALL_JS

CHIME_URL = '/_studyhall/chime.wav'
CHIME_FILE = Path(__file__).with_name('sounds') / 'chime.wav'
ui.echart  # noqa: B018  (registers NiceGUI's bundled ECharts, which the poll cards import where they draw a chart)


def serve_chime() -> None:
    app.add_static_file(local_file=CHIME_FILE, url_path=CHIME_URL)


def texts() -> dict[str, object]:
    """What the activity components show, translated here (`{name}`: filled in by the browser)."""
    return {
        'poll': _('Poll'), 'quiz': _('Quiz'), 'anonymous': _('anonymous'), 'draft': _('Draft'), 'open': _('Open'),
        'closed': _('Closed'), 'time_left': _('{time} left'), 'choose_one': _('Tap one answer.'),
        'choose_several': _('Tap every answer that fits.'), 'correct_option': _('correct answer'),
        'results_hidden': _('Results are hidden until the host reveals them.'),
        'answered': plural_forms('{count} answered', '{count} answered'),
        'answered_of_here': plural_forms('{count} answered of {online} here', '{count} answered of {online} here'),
        'you_can_change': _('You can change your answer until the poll closes.'),
        'you_were_right': _('You were right.'), 'not_right': _('Not right: the answer was {answer}.'),
        'reveal_results': _('Reveal results'), 'hide_results': _('Hide results'), 'close_poll': _('Close poll'),
        'on_projector': _('Show on projector'), 'who_chose_what': _('Who chose what'),
        'times_up': _('Time is up'), 'paused': _('paused'), 'break': _('Break'),
        'work_round': _('Work {round}/{rounds}'), 'sound_on': _('Turn the timer sound on'),
        'sound_off': _('Turn the timer sound off'), 'scoreboard': _('Scoreboard'),
        'score': plural_forms('{count} right · {seconds} s', '{count} right · {seconds} s'),
        'no_scores': _('No quiz answers yet.'),
        'show_chart': _('Chart'), 'hide_chart': _('Hide chart'),
        'stage_empty': _('Nothing to show yet.'), 'no_timer': _('No timer is running.'),
    }


class LiveActivities(ui.element):
    """What the activity bar and the projector's stage share: the sync on connect and the page's viewer."""

    def __init__(self, session: StudySession, *, host_key: str | None = None,
                 participant: Participant | None = None) -> None:
        super().__init__()
        self.session = session
        self.host_key = host_key
        self.participant = participant
        self._props.update({'sessionId': session.id, 'texts': texts(), 'isHost': host_key is not None,
                            'chime': CHIME_URL})
        self.on('sync', self._sync)

    async def _sync(self, e: GenericEventArguments) -> None:
        received = time.time() * 1000  # the server's clock as the ask arrives, and below as the answer leaves (NTP)
        ctx = context.current()
        sent_at = _number(_as_dict(e.args).get('sent_at'))
        viewer = polls.viewer_of(self.session, self.host_key, self.participant)
        shown = await polls.polls_for(ctx, self.session, viewer)
        now_stage = await stage.current(ctx, self.session)
        board = await polls.score_rows(ctx, self.session) if viewer.host or now_stage.scoreboard_public else None
        clock = await timer.current(ctx, self.session)
        await self._tell({
            'type': 'activities.synced', 'sent_at': sent_at, 'server_received': received,
            'server_now': time.time() * 1000,
            'polls': [poll.model_dump(mode='json') for poll in shown],
            'timer': clock.model_dump(mode='json') if clock else None,
            'stage': now_stage.model_dump(mode='json'),
            'scoreboard': [row.model_dump() for row in board] if board is not None else None,
        })

    async def _tell(self, payload: dict[str, Any]) -> None:
        payload['session_id'] = self.session.id
        await context.current().fanout.send_to_client(self.client.id, payload)


class ActivityBar(LiveActivities, component='activity_bar.js', esm=STUDYHALL_JS):
    """On the session page: the timer strip and the scoreboard; it answers polls for the page's person and does
    the host's poll actions."""

    def __init__(self, session: StudySession, participant: Participant, host_key: str | None = None) -> None:
        super().__init__(session, host_key=host_key, participant=participant)
        self.person = participant
        self.on('vote', self._vote)
        self.on('poll_action', self._poll_action)

    async def _vote(self, e: GenericEventArguments) -> None:
        args = _as_dict(e.args)
        poll_id, choices = int(_number(args.get('poll_id'))), args.get('choices') or []
        ctx = context.current()
        mine: list[int] | None
        try:
            answered = await polls.answer(ctx, self.session, poll_id, self.person, choices)
            if answered.announced and self.host_key is None:
                return  # this page is among the person's pages, which were told
            mine = answered.choices
        except ServiceError as error:
            ui.notify(error.message, type='warning')
            mine = await self._mine(poll_id)
        await self._tell({'type': 'poll.mine', 'poll_id': poll_id, 'choices': mine})

    async def _mine(self, poll_id: int) -> list[int] | None:
        try:
            viewer = polls.viewer_of(self.session, self.host_key, self.participant)
            return (await polls.get_poll(context.current(), self.session, poll_id, viewer)).mine
        except ServiceError:
            return None

    async def _poll_action(self, e: GenericEventArguments) -> None:
        args = _as_dict(e.args)
        poll_id, action = int(_number(args.get('poll_id'))), args.get('action')
        ctx = context.current()
        try:
            if action == 'close':
                await polls.change_poll(ctx, self.session, self.host_key, poll_id, status='closed')
            elif action == 'reveal':
                await polls.change_poll(ctx, self.session, self.host_key, poll_id,
                                        results_visible=bool(args.get('value')))
            elif action == 'project':
                await stage.set_stage(ctx, self.session, self.host_key, 'poll', poll_id=poll_id)
                ui.notify(_('The projector shows this poll now.'))
        except ServiceError as error:
            ui.notify(error.message, type='warning')


def _as_dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}


def _number(value: object) -> float:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0.0


class StageView(LiveActivities, component='stage_view.js', esm=STUDYHALL_JS):
    """On the projector: the poll, the scoreboard or the timer, as the host's stage says."""
