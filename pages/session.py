"""The session page `/s/{code}`: pick a nickname, then chat and share files live with everyone in the session."""
from fastapi import Request
from nicegui import APIRouter, app, ui

from components.chat_list import ChatList
from components.composer import Composer
from components.invite import invite_dialog, join_url
from components.materials_panel import MaterialsPanel
from components.not_found import not_found
from components.page_header import page_header
from components.people_list import PeopleList
from components.search_dialog import SearchDialog
from components.typing_line import TypingLine
from db.models import Participant, StudySession
from db.schemas import display_code
from services import context, materials, messages, reads, sessions
from services.errors import NotFound, ServiceError

router = APIRouter()

READ_ONLY_REASONS = {
    'locked': 'The host has locked this session: it is read-only for now.',
    'closed': 'This session is closed: its history stays readable.',
}


@router.page('/s/{code}', title='StudyHall')
async def session_page(request: Request, code: str, name: str | None = None) -> None:
    try:
        session = await sessions.get_session(context.current(), code)
    except NotFound as e:
        not_found(e.message)
        return
    ui.page_title(f'{session.title} · StudyHall')
    nickname = name or app.storage.user.get('nickname')
    if nickname:
        try:
            participant = await sessions.join(context.current(), session, nickname)
        except ServiceError as e:
            ui.notify(e.message, type='warning')
        else:
            app.storage.user['nickname'] = participant.name
            await _session_view(session, participant, join_url(str(request.url), f'/s/{display_code(session.code)}'))
            return
    _nickname_form(session)


async def _session_view(session: StudySession, participant: Participant, invite_url: str) -> None:
    ctx = context.current()
    code = display_code(session.code)
    page_size = ctx.settings.history_page_size
    history = await messages.messages_before(ctx, session.id, None, page_size + 1)
    shared = await materials.list_materials(ctx, session)
    read_positions = await reads.read_positions(ctx, session.id)
    ui.context.client.on_delete(ctx.presence.enter(session.id, participant.name))
    online = ctx.presence.online(session.id)

    invite = invite_dialog(code, invite_url)
    with page_header(session.title):
        ui.button(code, icon='qr_code_2', on_click=invite.open) \
            .props('flat no-caps color=white aria-label="Invite others"').classes('sh-code shrink-0') \
            .tooltip('Invite others: code, link and QR').mark('join-code')
        PeopleList(session.id, online, me=participant.name, compact=True).classes('text-white shrink-0')
        ui.button(icon='search', on_click=lambda: search.open()) \
            .props('flat round dense color=white aria-label="Search this session"').tooltip('Search') \
            .mark('search')
        ui.chip(participant.name, icon='person').props('color=white text-color=primary') \
            .classes('min-w-0 gt-sm').mark('me')
        ui.button(icon='folder_open', on_click=lambda: drawer.toggle()) \
            .props('flat round dense color=white aria-label="Show or hide people and materials"') \
            .tooltip('People and materials')
    with ui.right_drawer(value=None).props('width=340 bordered').classes('p-4 gap-4') as drawer:
        ui.label('Here now').classes('text-lg font-medium')
        PeopleList(session.id, online, me=participant.name).mark('people')
        panel = MaterialsPanel(session.id, code, shared, author=participant.name)
    with ui.column().classes('sh-fill w-full max-w-4xl mx-auto gap-0 no-wrap') as main:
        chat = ChatList(session, history[-page_size:], participant=participant, has_older=len(history) > page_size,
                        reads=read_positions).classes('w-full flex-grow min-h-0').mark('chat')
        TypingLine(session.id, me=participant.name)
        composer = Composer(chat.send, max_chars=ctx.settings.max_message_chars,
                            draft=(app.storage.user, f'draft:{code}'),
                            read_only_reason=READ_ONLY_REASONS.get(session.status),
                            on_typing=lambda: ctx.presence.typing(session.id, participant.name))
        chat.on_reply = composer.reply_to
    search = SearchDialog(session, chat.jump_to)
    panel.accept_drops_on(main)


def _nickname_form(session: StudySession) -> None:
    async def join() -> None:
        try:
            participant = await sessions.join(context.current(), session, nickname.value or '')
        except ServiceError as e:
            ui.notify(e.message, type='warning')
            return
        app.storage.user['nickname'] = participant.name
        ui.navigate.reload()

    page_header(session.title)
    with ui.card().classes('mx-auto mt-16 w-full max-w-sm'):
        ui.label(f'Join “{session.title}”').classes('text-lg font-medium')
        ui.label('Choose the name the others will see.').classes('text-sm opacity-70')
        nickname = ui.input('Nickname', placeholder='e.g. Ana').props('outlined dense autofocus maxlength=40') \
            .classes('w-full').mark('nickname')
        nickname.on('keydown.enter', join)
        ui.button('Join session', icon='login', on_click=join).props('unelevated').mark('join-session')
