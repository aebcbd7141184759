"""The session page `/s/{code}`: pick a nickname, then chat and share files live with everyone in the session."""
from collections.abc import Callable
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import RedirectResponse
from nicegui import APIRouter, app, ui

from asgi.client_address import client_address
from components.activities import ActivityBar
from components.activities_dialog import ActivitiesDialog
from components.chat_list import ChatList
from components.composer import Composer
from components.hand_queue import HandQueue
from components.host_menu import HostMenu
from components.hub_notice import hub_notice
from components.invite import invite_dialog, join_url
from components.materials_panel import MaterialsPanel
from components.not_found import not_found
from components.owner_access import is_owner_browser
from components.page_header import PageHeader
from components.people_list import PeopleList
from components.questions_view import QuestionsBadge, QuestionsView
from components.removed_people import RemovedPeople
from components.search_dialog import SearchDialog
from components.session_gone import session_gone
from components.session_state import SessionState
from components.shortcuts_help import open_with_question_mark, set_question_mark, shortcuts_dialog
from components.sticky_socket import name_session_in_socket
from components.typing_line import TypingLine
from db.models import NAME_MAX, Participant, StudySession
from db.schemas import MessagePublic, SessionPublic, display_code
from i18n import N_, _
from realtime.events import Event, ParticipantChanged, SessionChanged, SessionDeleted
from realtime.page_presence import PagePresence
from services import context, hands, host, messages, owner, questions, sessions
from services.errors import ServiceError
from services.opening import Opening, opening

router = APIRouter()

READ_ONLY_REASONS = {
    'locked': N_('The host has locked this session: it is read-only for now.'),
    'closed': N_('This session is closed: its history stays readable.'),
}


@router.page('/s/{code}', title='StudyHall', response_timeout=15)  # a whole class may arrive at once
async def session_page(request: Request, code: str, name: str | None = None,
                       host_key: str | None = None) -> RedirectResponse | None:
    ctx = context.current()
    scaled_out = bool(ctx.settings.redis_url)  # one of several processes behind a proxy that routes by the code
    if scaled_out:
        name_session_in_socket(code)  # so this page's socket comes back to this process
    try:
        session = await sessions.find_session(ctx, code, client_address(request))
    except ServiceError as e:  # no such code, or too many wrong codes from this address
        not_found(e.message)
        return None
    if scaled_out and code != display_code(session.code):  # one URL per session, so the proxy sees one key
        query = {key: value for key, value in (('name', name), ('host_key', host_key)) if value}
        return RedirectResponse(f'/s/{display_code(session.code)}' + (f'?{urlencode(query)}' if query else ''))
    code = display_code(session.code)
    if host_key is not None:
        _remember_host_key(session, host_key)
        ui.navigate.to(f'/s/{code}')  # the key does not stay in the address bar
        return None
    ui.page_title(f'{session.title} · StudyHall')
    key = _host_key(session)
    nickname = name or app.storage.user.get('nickname')
    if nickname:
        try:
            participant = await sessions.join(ctx, session, nickname, browser_id=app.storage.browser['id'],
                                              host=key is not None)
        except ServiceError as e:
            _nickname_form(session, request, key, problem=e.message, nickname=nickname)
            return None
        if app.storage.user.get('nickname') != participant.name:  # every change is a write of this browser's file
            app.storage.user['nickname'] = participant.name
        _remember_joined(code)
        await SessionView(session, participant, key, join_url(str(request.url), f'/s/{code}')).build()
        return None
    _nickname_form(session, request, key)
    return None


class SessionView:
    """The session as a participant sees it: the header, people and materials in a drawer, the chat and the message
    box; it follows what the host changes."""

    def __init__(self, session: StudySession, participant: Participant, host_key: str | None,
                 invite_url: str) -> None:
        self.session = session
        self.participant = participant
        self.host_key = host_key
        self.invite_url = invite_url
        self.code = display_code(session.code)
        self.host_menu: HostMenu | None = None
        self._dialogs: dict[str, ui.dialog] = {}

    async def build(self) -> None:
        ctx = context.current()
        shown = await opening(ctx, self.session)
        client = ui.context.client
        self.presence = PagePresence(ctx.presence, ctx.fanout, client, self.session.id, self.participant.name)
        online = sorted({*ctx.presence.online(self.session.id), self.participant.name}, key=str.casefold)
        self.hands = await hands.hands(ctx, self.session.id)
        drawer_toggle = self._header(online)
        # open on wide screens, closed on phones, decided by the browser alone: with value=None NiceGUI would ask every
        # page for the drawer's state on connect (a round trip per page, and an error logged when the page closes first)
        with ui.right_drawer(value=False).props('show-if-above width=340 bordered').classes('p-4 gap-4') as drawer:
            self.hand_queue = HandQueue(self.session, self.hands, shape='panel', participant=self.participant,
                                        host_key=self.host_key).mark('hands')
            ui.label(_('Here now')).classes('text-lg font-medium')
            PeopleList(self.session, online, me=self.participant.name, muted=shown.muted, host_key=self.host_key,
                       hands=self.hands).mark('people')
            if self.host_key:
                RemovedPeople(self.session, self.host_key,
                              await host.removed_people(ctx, self.session, self.host_key))
            materials = MaterialsPanel(self.session, shown.materials, author=self.participant.name,
                                       host_key=self.host_key)
            ui.switch(_('Announce new messages to screen readers'), value=_announces(),
                      on_change=lambda e: self._announce(e.value)).props('dense').classes('text-sm').mark('announce')
            with ui.row(wrap=False).classes('items-center gap-2'):
                ui.switch(_('“?” opens the keyboard shortcuts'), value=_question_mark(),
                          on_change=lambda e: self._question_mark(e.value)).props('dense').classes('text-sm') \
                    .mark('question-mark')
                ui.button(icon='keyboard', on_click=self._open_shortcuts).props('flat round dense') \
                    .props.update({'aria-label': _('Keyboard shortcuts'), 'title': _('Keyboard shortcuts')})
        with ui.column().classes('sh-fill w-full max-w-4xl mx-auto gap-0 no-wrap') as self.main:
            ActivityBar(self.session, self.participant, self.host_key).classes('w-full').mark('activity-bar')
            await self._chat_and_questions(shown)
        drawer_toggle.on('click', js_handler=f'() => getElement({drawer.id}).toggle()')
        materials.accept_drops_on(self.main)
        open_with_question_mark(self._open_shortcuts, enabled=_question_mark())
        client.on_delete(ctx.hub.subscribe(self.session.id, self._follow,
                                           only=(SessionChanged, ParticipantChanged, SessionDeleted)))

    def _header(self, online: list[str]) -> ui.button:
        """The header's controls; returns the button that shows and hides the drawer."""
        code = self.code
        # (hints are `title`s, not tooltip elements: each element adds to the cost of a whole class arriving at once)
        with PageHeader(self.session.title) as self.header:
            if self.host_key:  # made first, for the passcode chip; moved to its place below
                self.host_menu = HostMenu(self.session, self.host_key,
                                          join_url(self.invite_url, f'/s/{code}?host_key={self.host_key}'),
                                          on_activities=lambda: self._open('activities', self._activities_dialog))
            with self.header.beside_title:
                self.state = SessionState(SessionPublic.of(self.session),
                                          on_passcode=self.host_menu.show_passcode if self.host_menu else None)
            ui.button(code, icon='qr_code_2', on_click=lambda: self._open('invite', self._invite_dialog)) \
                .props('flat no-caps color=white').classes('sh-code sh-join-code shrink-0').mark('join-code') \
                .props.update({'aria-label': _('Invite others'), 'title': _('Invite others: code, link and QR')})
            PeopleList(self.session, online, me=self.participant.name, compact=True).classes('text-white shrink-0')
            self.hand_button = HandQueue(self.session, self.hands, shape='button', participant=self.participant,
                                         disabled=_cannot_raise(self.session, self.participant)).mark('raise-hand')
            ui.button(icon='search', on_click=lambda: self._open('search', self._search_dialog)) \
                .props('flat round dense color=white').mark('search') \
                .props.update({'aria-label': _('Search this session'), 'title': _('Search')})
            if self.host_menu:
                # (below 360 px the host menu holds it: the header keeps one line at 320 px)
                activities = _('Polls, timer and projector')
                ui.button(icon='poll', on_click=lambda: self._open('activities', self._activities_dialog)) \
                    .props('flat round dense color=white').classes('sh-wide-only').mark('activities') \
                    .props.update({'aria-label': activities, 'title': activities})
                self.host_menu.move(self.header)
            ui.chip(self.participant.name, icon='person').props('color=white text-color=primary dir=auto') \
                .classes('min-w-0 gt-sm').mark('me')
            toggle = ui.button(icon='folder_open').props('flat round dense color=white')
            toggle.props.update({'aria-label': _('Show or hide people and materials'),
                                 'title': _('People and materials')})
            return toggle

    async def _chat_and_questions(self, shown: Opening) -> None:
        """Chat and Questions, one shown at a time (tabs above them)."""
        view = await questions.view(context.current(), self.session, host=self.host_key is not None,
                                    participant=self.participant)
        with ui.tabs().props('dense no-caps align=left inline-label narrow-indicator') \
                .classes('sh-q-tabs w-full shrink-0') as self.tabs:
            chat_tab = ui.tab('chat', label=_('Chat'), icon='chat').mark('tab-chat')
            with ui.tab('questions', label=_('Questions'), icon='live_help').mark('tab-questions') \
                    as self.questions_tab:
                QuestionsBadge(self.session.id)
        self.tabs.set_value(chat_tab)
        with ui.column().classes('w-full flex-grow min-h-0 gap-0 no-wrap') as chat_panel:
            self._chat(shown)
        with ui.column().classes('w-full flex-grow min-h-0 gap-0 no-wrap') as questions_panel:
            self.questions = QuestionsView(self.session, view, participant=self.participant, host_key=self.host_key,
                                           read_only_reason=_why_read_only(self.session, self.participant)) \
                .classes('w-full flex-grow min-h-0').mark('questions')
        questions_panel.set_visibility(False)

        def show(tab: object) -> None:
            chat_panel.set_visibility(tab == 'chat')
            questions_panel.set_visibility(tab == 'questions')
        self.tabs.on_value_change(lambda e: show(e.value))

    def _chat(self, shown: Opening) -> None:
        ctx = context.current()
        session, participant = self.session, self.participant
        if ctx.settings.redis_url:
            hub_notice(ctx.hub.status)
        self.chat = ChatList(session, shown.history_json, participant=participant, has_older=shown.has_older,
                             reads=shown.reads, host_key=self.host_key, pinned=shown.pinned, announce=_announces()) \
            .classes('w-full flex-grow min-h-0').mark('chat')
        TypingLine(session.id, me=participant.name)
        self.composer = Composer(self._post, session_id=session.id, me_key=participant.name_key,
                                 max_chars=ctx.settings.max_message_chars,
                                 read_only_reason=_why_read_only(session, participant),
                                 on_typing=lambda: ctx.presence.typing(session.id, participant.name)) \
            .mark('composer')

    async def _post(self, body: str, client_msg_id: str, reply_to_id: int | None) -> tuple[MessagePublic, bool]:
        return await messages.post_message(context.current(), self.session, self.participant.name, body,
                                           client_msg_id, reply_to_id, self.participant.browser_id)

    def _open_shortcuts(self) -> None:
        self._open('shortcuts', shortcuts_dialog)

    def _question_mark(self, value: bool) -> None:
        app.storage.user['question_mark'] = value
        set_question_mark(value)

    def _announce(self, value: bool) -> None:
        app.storage.user['announce'] = value
        self.chat.set_announce(value)

    def _invite_dialog(self) -> ui.dialog:
        return invite_dialog(self.code, self.invite_url)

    def _activities_dialog(self) -> ui.dialog:
        assert self.host_key is not None, 'only host pages have the button'
        return ActivitiesDialog(self.session, self.host_key)

    def _search_dialog(self) -> ui.dialog:
        return SearchDialog(self.session, self.chat.jump_to, host=self.host_key is not None,
                            show_questions=self._show_questions)

    def _show_questions(self) -> None:
        self.tabs.set_value(self.questions_tab)

    def _open(self, name: str, make: Callable[[], ui.dialog]) -> None:
        """Dialogs few people open are made on the first click, not with every page."""
        if name not in self._dialogs:
            with self.main:
                self._dialogs[name] = make()
        self._dialogs[name].open()

    def _follow(self, event: Event) -> None:
        """What the host changes reaches this page at once: title, read-only state, muting, removal; and the owner's
        deletion of the session."""
        if isinstance(event, ParticipantChanged) and event.name != self.participant.name:
            return
        if isinstance(event, SessionDeleted):
            session_gone(self.main.client)
            return
        with self.main:
            if isinstance(event, SessionChanged):
                self._session_changed(event)
            elif isinstance(event, ParticipantChanged):
                self._me_changed(event)
            self.composer.set_read_only(_why_read_only(self.session, self.participant))
            self.questions.set_read_only(_why_read_only(self.session, self.participant))
            self.hand_button.set_disabled(_cannot_raise(self.session, self.participant))

    def _session_changed(self, event: SessionChanged) -> None:
        self.session.title, self.session.status = event.session.title, event.session.status
        self.header.set_title(self.session.title)
        ui.page_title(f'{self.session.title} · StudyHall')
        self.state.show(event.session)
        if self.host_menu:
            self.host_menu.refresh_labels()

    def _me_changed(self, event: ParticipantChanged) -> None:
        self.participant.muted, self.participant.removed = event.muted, event.removed
        self.presence.set_removed(event.removed)  # a removed person is not "here now" for anyone, at once
        if event.removed:
            ui.notify(_('The host removed you from this session.'), type='negative', timeout=0,
                      close_button=_('Close'))


def _question_mark() -> bool:
    """Whether `?` opens the shortcut list in this browser (on unless switched off: a one-key shortcut can get in the
    way of speech input)."""
    return bool(app.storage.user.get('question_mark', True))


def _announces() -> bool:
    """Whether this browser's person wants new messages announced (screen readers; on unless switched off)."""
    return bool(app.storage.user.get('announce', True))


def _why_read_only(session: StudySession, participant: Participant) -> str | None:
    if participant.removed:
        return _('The host removed you from this session.')
    if participant.muted:
        return _('The host has muted you: you can read along.')
    if session.status == 'locked' and participant.is_host:
        return None
    reason = READ_ONLY_REASONS.get(session.status)
    return _(reason) if reason else None


def _cannot_raise(session: StudySession, participant: Participant) -> bool:
    """A muted person may ask to speak, and anyone in a locked session; not a removed person, nor in a closed one."""
    return participant.removed or session.status == 'closed'


def _nickname_form(session: StudySession, request: Request, host_key: str | None, *, problem: str = '',
                   nickname: str = '') -> None:
    needs_passcode = session.passcode_hash is not None and host_key is None
    address = client_address(request)

    async def join() -> None:
        try:
            participant = await sessions.join(context.current(), session, name.value or '',
                                              browser_id=app.storage.browser['id'], host=host_key is not None,
                                              passcode=passcode.value if passcode else None, address=address)
        except ServiceError as e:
            ui.notify(e.message, type='warning')
            return
        app.storage.user['nickname'] = participant.name
        ui.navigate.to(f'/s/{display_code(session.code)}')

    PageHeader(session.title)
    with ui.card().classes('mx-auto mt-16 w-full max-w-sm'):
        ui.label(_('Join “%(title)s”', title=session.title)).classes('text-lg font-medium').props('dir=auto')
        ui.label(_('Choose the name the others will see.')).classes('text-sm opacity-70')
        if problem:
            ui.label(problem).classes('text-sm text-negative').mark('join-problem')
        name = ui.input(_('Nickname'), value=nickname, placeholder=_('e.g. Ana')) \
            .props(f'outlined dense autofocus maxlength={NAME_MAX}').classes('w-full').mark('nickname')
        name.on('keydown.enter', join)
        passcode = None
        if needs_passcode:
            passcode = ui.input(_('Passcode'), password=True).props('outlined dense maxlength=64') \
                .classes('w-full').mark('passcode')
            passcode.on('keydown.enter', join)
        ui.button(_('Join session'), icon='login', on_click=join).props('unelevated').mark('join-session')


def _host_key(session: StudySession) -> str | None:
    """The host key this browser holds for the session, if it is the right one; the owner's browser is host in every
    session, with the host key the owner gives it."""
    code = display_code(session.code)
    keys = [entry.get('host_key') for entry in app.storage.user.get('created', []) if entry.get('code') == code]
    kept = next((key for key in keys if host.is_host(session, key)), None)
    if kept is None and is_owner_browser():
        return owner.host_key_for(context.current(), session)
    return kept


JOINED_KEPT = 50


def _remember_joined(code: str) -> None:
    """The home page lists the sessions this browser joined (the newest few dozen); written only when new."""
    joined = list(app.storage.user.get('joined', []))
    if code not in joined:
        app.storage.user['joined'] = [*joined, code][-JOINED_KEPT:]


def _remember_host_key(session: StudySession, host_key: str) -> None:
    """A host link (`?host_key=`) makes this browser the host's; a wrong key is logged and changes nothing."""
    try:
        host.require_host(session, host_key, 'opening a host link')
    except ServiceError:
        return
    code = display_code(session.code)
    app.storage.user['created'] = [entry for entry in app.storage.user.get('created', [])
                                   if entry.get('code') != code] + [{'code': code, 'host_key': host_key}]
