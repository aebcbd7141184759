"""The session page `/s/{code}`: pick a nickname, then chat and share files live with everyone in the session."""
from urllib.parse import urlencode

from fastapi.responses import RedirectResponse
from nicegui import APIRouter, app, ui

from components.chat_list import ChatList
from components.composer import Composer
from components.hub_notice import hub_notice
from components.materials_panel import MaterialsPanel
from components.page_header import page_header
from components.sticky_socket import name_session_in_socket
from db.models import StudySession
from db.schemas import display_code
from services import context, materials, messages, sessions
from services.errors import NotFound, ServiceError

router = APIRouter()


@router.page('/s/{code}', title='StudyHall')
async def session_page(code: str, name: str | None = None) -> RedirectResponse | None:
    ctx = context.current()
    scaled_out = bool(ctx.settings.redis_url)  # one of several processes behind a proxy that routes by the code
    if scaled_out:
        name_session_in_socket(code)  # so this page's socket comes back to this process
    try:
        session = await sessions.get_session(ctx, code)
    except NotFound as e:
        _not_found(e.message)
        return
    if scaled_out and code != display_code(session.code):  # one URL per session, so the proxy sees one key
        query = f'?{urlencode({"name": name})}' if name else ''
        return RedirectResponse(f'/s/{display_code(session.code)}{query}')
    ui.page_title(f'{session.title} · StudyHall')
    nickname = name or app.storage.user.get('nickname')
    if nickname:
        try:
            await _enter(session, nickname)
            return
        except ServiceError as e:
            ui.notify(e.message, type='warning')
    _nickname_form(session)


async def _enter(session: StudySession, nickname: str) -> None:
    """Join as `nickname` and build the session view."""
    ctx = context.current()
    participant = await sessions.join(ctx, session, nickname)
    app.storage.user['nickname'] = participant.name
    page_size = ctx.settings.history_page_size
    history = await messages.messages_before(ctx, session.id, None, page_size + 1)
    shared = await materials.list_materials(ctx, session)
    code = display_code(session.code)

    header = page_header(session.title)
    with header:
        ui.space()
        ui.chip(code, icon='key').props('outline color=white text-color=white').mark('join-code') \
            .classes('shrink-0').tooltip('Join code')
        ui.chip(participant.name, icon='person').props('color=white text-color=primary').mark('me') \
            .classes('min-w-0')
        ui.button(icon='folder', on_click=lambda: drawer.toggle()) \
            .props('flat round color=white aria-label="Show materials"')
    with ui.right_drawer(value=None).props('width=340 bordered').classes('p-4') as drawer:
        MaterialsPanel(session.id, code, shared, author=participant.name)
    with ui.column().classes('sh-session-main w-full max-w-4xl mx-auto gap-2 no-wrap'):
        if ctx.settings.redis_url:
            hub_notice(ctx.hub.status)
        ChatList(session.id, history[-page_size:], me=participant.name, has_older=len(history) > page_size) \
            .classes('w-full flex-grow min-h-0').mark('chat')

        async def send(body: str, client_msg_id: str) -> None:
            await messages.post_message(ctx, session, participant.name, body, client_msg_id)
        Composer(send, max_chars=ctx.settings.max_message_chars)


def _nickname_form(session: StudySession) -> None:
    async def join() -> None:
        try:
            await sessions.join(context.current(), session, nickname.value or '')
        except ServiceError as e:
            ui.notify(e.message, type='warning')
            return
        app.storage.user['nickname'] = sessions.clean_nickname(nickname.value)
        ui.navigate.reload()

    page_header(session.title)
    with ui.card().classes('mx-auto mt-16 w-full max-w-sm'):
        ui.label(f'Join “{session.title}”').classes('text-lg font-medium')
        ui.label('Choose the name the others will see.').classes('text-sm text-grey-7')
        nickname = ui.input('Nickname', placeholder='e.g. Ana').props('outlined dense autofocus maxlength=40') \
            .classes('w-full').mark('nickname')
        nickname.on('keydown.enter', join)
        ui.button('Join session', icon='login', on_click=join).props('unelevated').mark('join-session')


def _not_found(message: str) -> None:
    page_header()
    ui.status_code(404)
    with ui.card().classes('mx-auto mt-16 max-w-sm items-center'):
        ui.icon('search_off', size='xl', color='grey')
        ui.label(message).classes('text-center')
        ui.link('Back to the start page', '/')
