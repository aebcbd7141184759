"""Home: start a study session, join one by its code, find the ones this browser created or joined.

Other classes' sessions stay private: the open ones are listed to everybody only with `--list-open-sessions`; with
`--session-creation owner` only the owner's browser may start one (everybody else joins by code).
"""
from nicegui import APIRouter, app, ui

from asgi.client_address import client_address
from components.owner_access import is_owner_browser
from components.page_header import PageHeader
from db.models import DESCRIPTION_MAX, TITLE_MAX
from db.schemas import SessionPublic, display_code
from i18n import _
from services import context, sessions
from services.codes import normalize_code
from services.errors import ServiceError

router = APIRouter()


@router.page('/', title='StudyHall')
async def home_page() -> None:
    ctx = context.current()
    by_owner = is_owner_browser()
    PageHeader()
    with ui.column().classes('w-full max-w-3xl mx-auto gap-6 p-4'):
        if by_owner:
            ui.link(_('Your owner\'s page: every session on this server'), '/owner').mark('owner-page-link')
        _welcome()
        with ui.row().classes('w-full gap-6 items-stretch'):
            _join_card()  # first: most people arrive with a code
            if by_owner or ctx.settings.session_creation == 'anyone':
                _create_card()
        created = await sessions.sessions_with_codes(ctx, [entry['code'] for entry in _created_here()])
        _session_list(_('Created in this browser'), [SessionPublic.of(row) for row in created], 'mine')
        listed = {row.code for row in created}
        joined = [row for row in await sessions.sessions_with_codes(ctx, app.storage.user.get('joined', []))
                  if row.code not in listed]
        _session_list(_('Joined in this browser'), [SessionPublic.of(row) for row in joined], 'joined')
        if ctx.settings.list_open_sessions:
            listed |= {row.code for row in joined}
            others = [row for row in await sessions.open_sessions(ctx) if row.code not in listed]
            _session_list(_('Open sessions'), [SessionPublic.of(row) for row in others], 'open')


def _welcome() -> None:
    """What StudyHall is, in one glance: for a teacher who opens it for the first time."""
    with ui.column().classes('w-full gap-2 sh-welcome').mark('welcome'):
        ui.label(_('Study together, live, on your own network')).classes('text-2xl font-medium')
        ui.label(_('Start a session, show its code or QR code, and everyone who joins chats, asks questions and '
                   'shares files at once: on laptops and phones, with a projector view, without internet.')) \
            .classes('text-base opacity-80')
        with ui.row().classes('gap-x-6 gap-y-1 text-sm opacity-80'):
            for icon, text in (('forum', _('Live chat with maths and code')), ('folder_open', _('Shared files')),
                               ('live_help', _('Questions, polls and a timer')), ('tv', _('A projector view'))):
                with ui.row().classes('items-center gap-1 no-wrap'):
                    ui.icon(icon, size='xs', color='primary')
                    ui.label(text)


def _create_card() -> None:
    async def create() -> None:
        try:
            row, host_key = await sessions.create_session(context.current(), title.value, description.value,
                                                          address=ui.context.client.ip or '',
                                                          by_owner=is_owner_browser())
        except ServiceError as e:
            ui.notify(e.message, type='warning')
            return
        code = display_code(row.code)
        app.storage.user['created'] = [*_created_here(), {'code': code, 'host_key': host_key}]
        ui.navigate.to(f'/s/{code}')

    with ui.card().classes('flex-1 min-w-[280px]'):
        ui.label(_('Start a study session')).classes('text-lg font-medium')
        title = ui.input(_('Title'), placeholder=_('e.g. Algebra revision')) \
            .props(f'outlined dense maxlength={TITLE_MAX}').classes('w-full').mark('new-title')
        title.on('keydown.enter', create)
        description = ui.textarea(_('Description (optional)')) \
            .props(f'outlined dense autogrow maxlength={DESCRIPTION_MAX}').classes('w-full').mark('new-description')
        ui.button(_('Create session'), icon='add', on_click=create).props('unelevated').mark('create')


def _join_card() -> None:
    async def join() -> None:
        code = normalize_code(code_input.value or '')
        if code is None:
            ui.notify(_('A join code has six letters and digits, like %(example)s.', example='K7P-2QX'), type='warning')
            return
        try:
            await sessions.find_session(context.current(), code, client_address(ui.context.client.request))
        except ServiceError as e:
            ui.notify(e.message, type='warning')
            return
        ui.navigate.to(f'/s/{display_code(code)}')

    with ui.card().classes('flex-1 min-w-[280px]'):
        ui.label(_('Join with a code')).classes('text-lg font-medium')
        code_input = ui.input(_('Join code'), placeholder='K7P-2QX') \
            .props('outlined dense maxlength=9 input-class="uppercase tracking-widest"') \
            .classes('w-full').mark('join-code')
        code_input.on('keydown.enter', join)
        ui.button(_('Join'), icon='login', on_click=join).props('unelevated').mark('join')


def _session_list(heading: str, rows: list[SessionPublic], marker: str) -> None:
    if not rows:
        return
    ui.label(heading).classes('text-lg font-medium')
    with ui.list().props('bordered separator').classes('w-full rounded-borders').mark(marker):
        for row in rows:
            with ui.item().classes('w-full'):
                with ui.item_section():
                    ui.link(row.title, row.url).classes('sh-file-link font-medium').props('dir=auto')
                    if row.description:
                        ui.item_label(row.description).props('caption lines=2 dir=auto')
                with ui.item_section().props('side'):
                    ui.item_label(row.code).classes('font-mono')


def _created_here() -> list[dict]:
    return list(app.storage.user.get('created', []))
