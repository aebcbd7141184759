"""The projector view `/s/{code}/present`: large type, live messages and new materials, the invitation always shown."""
from fastapi import Request
from nicegui import APIRouter, ui

from components.chat_list import MessageFeed
from components.invite import invite_card, join_url
from components.materials_panel import MaterialsPanel
from components.not_found import not_found
from components.page_header import PageHeader
from components.session_gone import follow_deletion
from db.schemas import display_code
from services import context, sessions
from services.errors import NotFound
from services.opening import opening

router = APIRouter()


@router.page('/s/{code}/present', title='StudyHall')
async def present_page(request: Request, code: str) -> None:
    ctx = context.current()
    try:
        session = await sessions.get_session(ctx, code)
    except NotFound as e:
        not_found(e.message)
        return
    code = display_code(session.code)
    ui.page_title(f'{session.title} · projector · StudyHall')
    shown = await opening(ctx, session)

    PageHeader(session.title)
    with ui.row(wrap=False).classes('sh-present sh-fill w-full gap-6 no-wrap'):
        MessageFeed(session, shown.history_json, has_older=False, large=True) \
            .classes('flex-grow min-w-0 h-full').mark('chat')
        with ui.column().classes('sh-present-side w-[360px] shrink-0 h-full no-wrap gap-4 overflow-y-auto p-1'):
            invite_card(code, join_url(str(request.url), f'/s/{code}'), large=True).classes('w-full')
            MaterialsPanel(session, shown.materials, author=None)
    follow_deletion(session.id)
