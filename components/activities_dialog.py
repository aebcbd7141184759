"""The host's activities, in one dialog (desktop and phone): prepare and launch polls and quizzes, run the shared
timer, and direct what the projector shows. Plain NiceGUI elements: only host pages have them."""
from nicegui import ui

from db.activity_schemas import PollPublic
from db.models import POLL_OPTION_MAX, POLL_QUESTION_MAX, TIMER_LABEL_MAX, StudySession
from i18n import _, ngettext
from services import context, polls, stage, timer
from services.errors import ServiceError

PRESET_MINUTES = (1, 3, 5, 10, 25)
STAGE_CHOICES = (('chat', 'forum'), ('poll', 'poll'), ('scoreboard', 'emoji_events'), ('timer', 'timer'),
                 ('join', 'qr_code_2'), ('questions', 'help'), ('hands', 'back_hand'))


def stage_label(show: str) -> str:
    return {'chat': _('Chat'), 'poll': _('Poll'), 'scoreboard': _('Scoreboard'), 'timer': _('Timer'),
            'join': _('Join card'), 'questions': _('Questions'), 'hands': _('Raised hands')}[show]


class ActivitiesDialog(ui.dialog):

    def __init__(self, session: StudySession, host_key: str) -> None:
        super().__init__()
        self.session = session
        self.host_key = host_key
        self.options: list[ui.input] = []
        self.correct: list[ui.checkbox] = []
        with self, ui.card().classes('sh-activities w-full max-w-2xl p-0 gap-0').mark('activities-dialog'):
            with ui.row().classes('w-full items-center px-4 pt-3 no-wrap'):
                ui.label(_('Class activities')).classes('text-lg font-medium flex-grow')
                ui.button(icon='close', on_click=self.close).props('flat round dense') \
                    .props.update({'aria-label': _('Close')})
            with ui.tabs().classes('w-full').props('dense align=left no-caps') as tabs:
                poll_tab = ui.tab(_('Polls'), icon='poll').mark('tab-polls')
                ui.tab(_('Timer'), icon='timer').mark('tab-timer')
                ui.tab(_('Projector'), icon='tv').mark('tab-projector')
            with ui.tab_panels(tabs, value=poll_tab).classes('w-full'):
                with ui.tab_panel(_('Polls')).classes('gap-3'):
                    self._poll_form()
                    self.poll_list = ui.column().classes('w-full gap-2')
                with ui.tab_panel(_('Timer')).classes('gap-3'):
                    self._timer_panel()
                with ui.tab_panel(_('Projector')).classes('gap-3'):
                    self._stage_panel()
        self.on('show', self.refresh)

    async def refresh(self) -> None:
        ctx = context.current()
        shown = await polls.polls_for(ctx, self.session, polls.Viewer(host=True))
        self.poll_list.clear()
        with self.poll_list:
            if shown:
                ui.label(_('Polls of this session')).classes('text-sm font-medium opacity-70')
            for poll in reversed(shown):
                self._poll_row(poll)
        now = await stage.current(ctx, self.session)
        self.stage_toggle.set_value(now.show)
        self.public_board.set_value(now.scoreboard_public)

    # polls

    def _poll_form(self) -> None:
        self.question = ui.input(_('Question'), placeholder=_('e.g. Which exercise first?')) \
            .props(f'outlined dense maxlength={POLL_QUESTION_MAX}').classes('w-full').mark('poll-question')
        self.option_box = ui.column().classes('w-full gap-1')
        for _index in range(2):
            self._add_option()
        with ui.row().classes('items-center gap-1 flex-wrap'):
            self.add_button = ui.button(_('Add option'), icon='add', on_click=self._add_option) \
                .props('flat dense no-caps').mark('poll-add-option')
            self.multiple = ui.checkbox(_('Several answers')).mark('poll-multiple')
            self.anonymous = ui.checkbox(_('Anonymous')).mark('poll-anonymous')
            self.hidden = ui.checkbox(_('Hide results until I reveal them')).mark('poll-hidden')
        with ui.row().classes('items-center gap-2 flex-wrap'):
            self.quiz = ui.switch(_('Quiz: tick the correct answers'), on_change=self._show_correct).mark('poll-quiz')
            self.seconds = ui.number(_('Time limit (s)'), min=polls.SECONDS_MIN, max=polls.SECONDS_MAX, step=5) \
                .props('outlined dense clearable').classes('w-36').mark('poll-seconds')
            self.seconds.bind_visibility_from(self.quiz, 'value')
        with ui.row().classes('gap-2'):
            ui.button(_('Launch now'), icon='send', on_click=lambda: self._create(draft=False)) \
                .props('unelevated no-caps').mark('poll-launch')
            ui.button(_('Save as draft'), icon='save', on_click=lambda: self._create(draft=True)) \
                .props('outline no-caps').mark('poll-draft')

    def _add_option(self) -> None:
        if len(self.options) >= polls.OPTIONS_MAX:
            return
        number = len(self.options) + 1
        with self.option_box, ui.row().classes('w-full items-center no-wrap gap-1'):
            correct = ui.checkbox().props('dense').mark(f'poll-correct-{number}')
            correct.props.update({'aria-label': _('Correct answer %(n)d', n=number)})
            correct.set_visibility(bool(getattr(self, 'quiz', None) and self.quiz.value))
            option = ui.input(_('Option %(n)d', n=number)).props(f'outlined dense maxlength={POLL_OPTION_MAX}') \
                .classes('flex-grow').mark(f'poll-option-{number}')
        self.options.append(option)
        self.correct.append(correct)

    def _show_correct(self) -> None:
        for box in self.correct:
            box.set_visibility(self.quiz.value)

    async def _create(self, *, draft: bool) -> None:
        texts = [option.value or '' for option in self.options]
        correct = [i for i, box in enumerate(self.correct) if box.value and texts[i].strip()] \
            if self.quiz.value else None
        kept = [i for i, text in enumerate(texts) if text.strip()]
        correct = [kept.index(i) for i in correct] if correct is not None else None  # as numbered once blanks go
        seconds = int(self.seconds.value) if self.quiz.value and self.seconds.value else None
        if self.quiz.value and not correct:
            ui.notify(_('Tick the correct answer of the quiz.'), type='warning')
            return
        try:
            await polls.create_poll(context.current(), self.session, self.host_key, self.question.value or '', texts,
                                    multiple=self.multiple.value, anonymous=self.anonymous.value,
                                    results='hidden' if self.hidden.value else 'live', correct=correct,
                                    seconds=seconds, draft=draft)
        except ServiceError as error:
            ui.notify(error.message, type='warning')
            return
        ui.notify(_('Draft saved.') if draft else _('The poll is on every page now.'), type='positive')
        self._reset_form()
        await self.refresh()
        if not draft:
            self.close()

    def _reset_form(self) -> None:
        self.question.value = ''
        for option in self.options:
            option.value = ''
        for box in self.correct:
            box.value = False

    def _poll_row(self, poll: PollPublic) -> None:
        state = {'draft': _('Draft'), 'open': _('Open'), 'closed': _('Closed')}[poll.status]
        with ui.row().classes('sh-poll-row w-full items-center no-wrap gap-2').mark(f'poll-row-{poll.id}'):
            ui.icon('quiz' if poll.quiz else 'poll').classes('opacity-70')
            with ui.column().classes('flex-grow min-w-0 gap-0'):
                ui.label(poll.question).classes('font-medium ellipsis w-full')
                ui.label(f'{state} · ' + ngettext('%(count)d answered', '%(count)d answered', poll.voters or 0,
                                                         count=poll.voters or 0)).classes('text-xs opacity-70')
            if poll.status == 'draft':
                ui.button(_('Launch'), icon='send', on_click=lambda p=poll: self._change(p.id, status='open')) \
                    .props('unelevated dense no-caps').mark('poll-row-launch')
            elif poll.status == 'open':
                ui.button(_('Close'), on_click=lambda p=poll: self._change(p.id, status='closed')) \
                    .props('outline dense no-caps').mark('poll-row-close')
            if poll.status != 'draft' and not poll.results_visible:
                ui.button(_('Reveal'), on_click=lambda p=poll: self._change(p.id, results_visible=True)) \
                    .props('outline dense no-caps').mark('poll-row-reveal')
            if poll.status != 'draft':
                ui.button(icon='tv', on_click=lambda p=poll: self._project(p.id)).props('flat dense round') \
                    .props.update({'aria-label': _('Show on projector'), 'title': _('Show on projector')})

    async def _change(self, poll_id: int, **changes) -> None:
        try:
            await polls.change_poll(context.current(), self.session, self.host_key, poll_id, **changes)
        except ServiceError as error:
            ui.notify(error.message, type='warning')
        await self.refresh()
        if changes.get('status') == 'open':
            self.close()

    async def _project(self, poll_id: int) -> None:
        await self._stage('poll', poll_id=poll_id)

    # timer

    def _timer_panel(self) -> None:
        self.timer_label = ui.input(_('Label'), placeholder=_('e.g. Exercise 3')) \
            .props(f'outlined dense maxlength={TIMER_LABEL_MAX}').classes('w-full').mark('timer-label')
        with ui.row().classes('gap-2 flex-wrap'):
            for minutes in PRESET_MINUTES:
                ui.button(_('%(n)d min', n=minutes), on_click=lambda m=minutes: self._start(m * 60)) \
                    .props('outline no-caps').mark(f'timer-{minutes}')
        with ui.row().classes('items-center gap-2 flex-wrap'):
            self.custom = ui.number(_('Minutes'), value=15, min=0.1, max=1440, step=1) \
                .props('outlined dense').classes('w-28').mark('timer-custom')
            ui.button(_('Start'), icon='play_arrow', on_click=lambda: self._start(int((self.custom.value or 0) * 60))) \
                .props('unelevated no-caps').mark('timer-start')
        ui.label(_('Pomodoro')).classes('text-sm font-medium opacity-70')
        with ui.row().classes('items-center gap-2 flex-wrap'):
            self.work = ui.number(_('Work (min)'), value=25, min=1, max=240).props('outlined dense').classes('w-28')
            self.rest = ui.number(_('Break (min)'), value=5, min=1, max=120).props('outlined dense').classes('w-28')
            self.rounds = ui.number(_('Rounds'), value=4, min=1, max=timer.ROUNDS_MAX).props('outlined dense') \
                .classes('w-24')
            ui.button(_('Start Pomodoro'), icon='autorenew', on_click=self._pomodoro) \
                .props('unelevated no-caps').mark('timer-pomodoro')
        with ui.row().classes('gap-2 flex-wrap'):
            ui.button(_('Pause'), icon='pause', on_click=lambda: self._timer('pause')).props('outline no-caps') \
                .mark('timer-pause')
            ui.button(_('Resume'), icon='play_arrow', on_click=lambda: self._timer('resume')).props('outline no-caps') \
                .mark('timer-resume')
            ui.button(_('+1 min'), icon='more_time', on_click=lambda: self._timer('add')).props('outline no-caps') \
                .mark('timer-add')
            ui.button(_('Stop'), icon='stop', on_click=self._stop).props('outline no-caps color=negative') \
                .mark('timer-stop')

    async def _start(self, seconds: int) -> None:
        await self._timer_call(timer.set_timer(context.current(), self.session, self.host_key, seconds,
                                               self.timer_label.value or ''))

    async def _pomodoro(self) -> None:
        cycle = {'work': int((self.work.value or 0) * 60), 'break': int((self.rest.value or 0) * 60),
                 'rounds': int(self.rounds.value or 0)}
        await self._timer_call(timer.set_timer(context.current(), self.session, self.host_key, None,
                                               self.timer_label.value or '', cycle))

    async def _timer(self, action: str) -> None:
        await self._timer_call(timer.change_timer(context.current(), self.session, self.host_key, action))

    async def _stop(self) -> None:
        await self._timer_call(timer.stop_timer(context.current(), self.session, self.host_key))

    async def _timer_call(self, call) -> None:
        try:
            await call
        except ServiceError as error:
            ui.notify(error.message, type='warning')

    # projector

    def _stage_panel(self) -> None:
        ui.label(_('What the projector shows now:')).classes('text-sm opacity-70')
        offered = stage.available()
        self.stage_toggle = ui.toggle({show: stage_label(show) for show, _icon in STAGE_CHOICES if show in offered},
                                      value='chat', on_change=self._stage_chosen).props('no-caps') \
            .classes('flex-wrap').mark('stage-choice')
        later = [stage_label(show) for show, _icon in STAGE_CHOICES if show not in offered]
        if later:
            ui.label(_('Not available yet: %(shows)s.', shows=', '.join(later))).classes('text-xs opacity-60')
        self.public_board = ui.switch(_('Everybody sees the quiz scoreboard'), on_change=self._board_public) \
            .mark('stage-public-board')

    async def _stage_chosen(self, e) -> None:
        now = await stage.current(context.current(), self.session)
        if e.value and e.value != now.show:
            await self._stage(e.value)

    async def _board_public(self, e) -> None:
        now = await stage.current(context.current(), self.session)
        if bool(e.value) != now.scoreboard_public:
            await self._stage(now.show, scoreboard_public=bool(e.value))

    async def _stage(self, show: str, **extra) -> None:
        try:
            shown = await stage.set_stage(context.current(), self.session, self.host_key, show, **extra)
        except ServiceError as error:
            ui.notify(error.message, type='warning')
            return
        self.stage_toggle.set_value(shown.show)
        self.public_board.set_value(shown.scoreboard_public)
        ui.notify(_('The projector shows: %(show)s', show=stage_label(shown.show)))
