"""The projector view `/s/{code}/present`: a stage the host directs from their page (phone included). It shows the
chat in large type (with the invitation, questions, hands and materials beside it), the highlighted question and the
top questions, the raised hands, a poll with its live chart, the quiz scoreboard, the timer across the screen, or the
join card; a change of the stage is one event, and the projector needs no mouse or keyboard after it is opened."""
from typing import Any

from fastapi import Request
from nicegui import APIRouter, ui

from components.activities import StageView
from components.chat_list import MessageFeed
from components.hand_queue import hands_board
from components.invite import invite_card, join_url
from components.materials_panel import MaterialsPanel
from components.not_found import not_found
from components.page_header import PageHeader
from components.questions_board import QuestionsBoard
from components.session_gone import follow_deletion
from db.schemas import display_code
from i18n import _
from realtime.events import Event, SessionChanged, StageChanged
from services import context, sessions, stage
from services.errors import NotFound
from services.opening import opening

router = APIRouter()
ON_STAGE = ('poll', 'scoreboard', 'timer')  # what the stage view draws; the chat and the join card are elements here


@router.page('/s/{code}/present', title='StudyHall')
async def present_page(request: Request, code: str) -> None:
    ctx = context.current()
    try:
        session = await sessions.get_session(ctx, code)
    except NotFound as e:
        not_found(e.message)
        return
    code = display_code(session.code)
    ui.page_title(_('%(title)s · projector · StudyHall', title=session.title))
    shown = await opening(ctx, session)
    url = join_url(str(request.url), f'/s/{code}')

    header = PageHeader(session.title)
    with ui.element('div').classes('sh-fill w-full'):
        with ui.row(wrap=False).classes('sh-present w-full h-full gap-6 no-wrap') as chat:
            feed = MessageFeed(session, shown.history_json, has_older=False, large=True, pinned=shown.pinned) \
                .classes('flex-grow min-w-0 h-full').mark('chat')
            # (a column that scrolls when it overflows, so a keyboard reaches it too)
            with ui.column().classes('sh-present-side w-[360px] shrink-0 h-full no-wrap gap-4 overflow-y-auto p-1') \
                    .props('tabindex=0') as side:
                invite = invite_card(code, url, large=True).classes('w-full')
                closed = ui.card().classes('w-full items-center p-6').mark('closed-card')
                with closed:
                    ui.icon('archive', size='xl').classes('opacity-70')
                    ui.label(_('This session is closed.')).classes('text-2xl font-medium text-center')
                    ui.label(_('Nobody can join or write any more; its history stays readable.')) \
                        .classes('text-lg text-center opacity-80')
                questions_board = (await QuestionsBoard.create(session)).classes('w-full').mark('questions-board')
                hands = (await hands_board(session)).classes('w-full').mark('hands-board')
                materials = MaterialsPanel(session, shown.materials, author=None)
        stage_view = StageView(session).classes('w-full h-full').mark('stage')

    in_side = {'join': invite, 'questions': questions_board, 'hands': hands}
    now: dict[str, Any] = {'show': 'chat', 'closed': session.status == 'closed'}

    def follow(show: str) -> None:
        """The join card, the questions and the hands are the chat's side column: on the stage, the one shown is
        alone in the middle of the screen."""
        alone = in_side.get(show)
        chat.set_visibility(show not in ON_STAGE)
        feed.set_visibility(alone is None)
        materials.set_visibility(alone is None)
        now['show'] = show
        for element in in_side.values():
            element.set_visibility((alone is None or element is alone) and not (element is invite and now['closed']))
        closed.set_visibility(now['closed'] and (alone is None or alone is invite))
        side.classes(**({'add': 'sh-stage-join', 'remove': 'w-[360px]'} if alone is not None
                        else {'add': 'w-[360px]', 'remove': 'sh-stage-join'}))
        stage_view.set_visibility(show in ON_STAGE)

    def follow_session(title: str, status: str) -> None:
        """What the session page follows, the projector follows: the title, and no invitation once it is closed."""
        header.set_title(title)
        ui.page_title(_('%(title)s · projector · StudyHall', title=title))
        now['closed'] = status == 'closed'
        follow(now['show'])

    def changed(event: Event) -> None:
        with chat:
            if isinstance(event, StageChanged):
                follow(str(event.stage.get('show', 'chat')))
            elif isinstance(event, SessionChanged):
                follow_session(event.session.title, event.session.status)

    follow((await stage.current(ctx, session)).show)
    ui.context.client.on_delete(ctx.hub.subscribe(session.id, changed, only=(StageChanged, SessionChanged)))
    follow_deletion(session.id)
