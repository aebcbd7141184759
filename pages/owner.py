"""The owner's page `/owner`: every session on the server (open one as host, hand out its host link, close, reopen,
delete for good) and the server's facts, with the backup download.

The owner link printed at start-up (`/owner?key=...`) makes a browser the owner's; the key then leaves the address
bar, as a host link's does.
"""
from datetime import datetime

from fastapi import Request
from nicegui import APIRouter, ui

from asgi.client_address import client_address
from components.confirm import confirm
from components.copy_link import CopyLink
from components.invite import join_url, qr_image
from components.owner_access import is_owner_browser, remember_owner_key
from components.page_header import PageHeader
from i18n import _, ngettext
from i18n.formatting import format_utc
from services import context, deletion, host, overview, owner, sessions
from services.errors import ServiceError
from services.overview import SessionFigures
from services.text import human_size

router = APIRouter()

STATUS_COLORS = {'open': 'positive', 'locked': 'deep-orange-10', 'closed': 'grey-8'}  # white text at 4.5:1 or more


@router.page('/owner', title='StudyHall · owner')
async def owner_page(request: Request, key: str | None = None) -> None:
    ctx = context.current()
    if key is not None:
        try:
            await owner.require_owner(ctx, key, client_address(request), 'opening the owner link')
        except ServiceError as e:
            _refused(e.message)
            return
        remember_owner_key(key)
        ui.navigate.to('/owner')  # the key does not stay in the address bar
        return
    if not is_owner_browser():
        _refused(_('This page is for the owner of this server. Open the owner link that StudyHall printed in its '
                   'terminal when it started.'))
        return
    await OwnerView(str(request.url)).build()


def _refused(message: str) -> None:
    PageHeader(_('Owner'))
    with ui.card().classes('mx-auto mt-16 max-w-sm items-center').mark('owner-refused'):
        ui.icon('lock', size='xl', color='grey')
        ui.label(message).classes('text-center')
        ui.link(_('Back to the start page'), '/')


class OwnerView:

    def __init__(self, page_url: str) -> None:
        self.page_url = page_url

    async def build(self) -> None:
        PageHeader(_('Owner'))
        with ui.column().classes('w-full max-w-4xl mx-auto gap-4 p-4'):
            await self.facts()
            with ui.row().classes('w-full items-center'):
                ui.label(_('Sessions')).classes('text-lg font-medium')
                ui.space()
                ui.button(_('Refresh'), icon='refresh', on_click=self.refresh, color=None) \
                    .props('flat dense').classes('sh-owner-action').mark('refresh')
            await self.session_list()

    def refresh(self) -> None:
        self.facts.refresh()
        self.session_list.refresh()

    @ui.refreshable_method
    async def facts(self) -> None:
        ctx = context.current()
        status = await overview.status(ctx)
        with ui.card().classes('w-full').mark('server-facts'):
            ui.label(_('This server')).classes('text-lg font-medium')
            with ui.element('div').classes('w-full grid grid-cols-2 sm:grid-cols-4 gap-3'):
                _fact(_('Uploads storage'), human_size(status.uploads_bytes))
                _fact(_('Free disk'), human_size(status.disk_free_bytes))
                _fact(_('Database'), human_size(status.database_bytes) if status.database_bytes is not None else '–')
                _fact(_('People here now'), str(status.people_online))
                _fact(_('Sessions'), str(status.sessions))
                _fact(_('Version'), status.version)
                _fact(_('Running for'), _duration(status.uptime_s))
            with ui.row().classes('items-center gap-2'):
                if ctx.db.is_sqlite:
                    ui.button(_('Download a backup'), icon='download', on_click=self.backup) \
                        .props('unelevated').mark('backup')
                    ui.label(_('One zip of the database and every shared file, consistent while people keep '
                               'working.')).classes('text-sm opacity-70')
                else:
                    ui.label(_('PostgreSQL: back the database up with pg_dump and copy the uploads folder.')) \
                        .classes('text-sm opacity-70')

    def backup(self) -> None:
        ui.download.from_url(f'/api/owner/backup?token={owner.download_token(context.current())}')

    @ui.refreshable_method
    async def session_list(self) -> None:
        rows = await overview.sessions(context.current())
        if not rows:
            ui.label(_('No sessions yet.')).classes('opacity-70').mark('no-sessions')
            return
        with ui.column().classes('w-full gap-3').mark('owner-sessions'):
            for row in rows:
                self._session_card(row)

    def _session_card(self, row: SessionFigures) -> None:
        with ui.card().classes('w-full gap-1').mark(f'owner-session-{row.code}'):
            with ui.row().classes('w-full items-center no-wrap gap-2'):
                ui.link(row.title, f'/s/{row.code}').classes('sh-file-link font-medium text-base truncate min-w-0')
                ui.space()
                ui.label(row.code).classes('font-mono text-sm shrink-0')
                ui.badge(_status_text(row.status), color=STATUS_COLORS.get(row.status, 'grey')).classes('shrink-0')
            ui.label(' · '.join(_figures(row))).classes('text-sm')
            ui.label(_('Created %(created)s · last active %(active)s', created=_when(row.created_at),
                       active=_when(row.last_active_at))).classes('text-xs opacity-70')
            if row.due_for_deletion_at:
                ui.label(_('Closed: deleted automatically on %(day)s', day=_when(row.due_for_deletion_at))) \
                    .classes('text-xs text-deep-orange-10').mark('due')
            with ui.row().classes('gap-1 flex-wrap'):
                _action(_('Open as host'), 'open_in_new', lambda: ui.navigate.to(f'/s/{row.code}')).mark('open-as-host')
                _action(_('Host link'), 'key', lambda: self._host_link(row.code)).mark('show-host-link')
                if row.status == 'closed':
                    _action(_('Reopen'), 'lock_open', lambda: self._set_status(row.code, 'open')).mark('reopen')
                else:
                    _action(_('Close'), 'archive', lambda: self._set_status(row.code, 'closed')).mark('close')
                _action(_('Delete…'), 'delete_forever', lambda: self._delete(row), danger=True).mark('delete')

    async def _host_link(self, code: str) -> None:
        ctx = context.current()
        session = await sessions.get_session(ctx, code)
        link = join_url(self.page_url, f'/s/{code}?host_key={owner.host_key_for(ctx, session)}')
        with ui.dialog() as dialog, ui.card().classes('items-center gap-2 max-w-lg').mark('owner-host-link'):
            ui.label(_('Host link of %(code)s', code=code)).classes('text-lg font-medium')
            ui.label(_('Whoever opens it is host of this session only, on any device: give it to a host who lost '
                       'theirs. Keep it private.')).classes('text-sm opacity-80 text-center')
            qr_image(link)
            CopyLink(link, label=_('Copy the host link')).mark('host-link-value')
            ui.button(_('Close'), on_click=dialog.close).props('unelevated')
        dialog.open()

    async def _set_status(self, code: str, status: str) -> None:
        ctx = context.current()
        try:
            session = await sessions.get_session(ctx, code)
            await host.set_status(ctx, session, owner.host_key_for(ctx, session), status)
        except ServiceError as e:
            ui.notify(e.message, type='warning')
        self.session_list.refresh()

    async def _delete(self, row: SessionFigures) -> None:
        messages = ngettext('%(count)d message', '%(count)d messages', row.messages, count=row.messages)
        files = ngettext('%(count)d file', '%(count)d files', row.materials, count=row.materials)
        if not await confirm(_('Delete “%(title)s” for good?', title=row.title),
                             _('Its %(messages)s and %(files)s go, with everything else of it, and its open pages '
                               'are told. This cannot be undone.', messages=messages, files=files),
                             _('Delete for good'), marker='confirm-delete'):
            return
        ctx = context.current()
        try:
            await deletion.delete_session(ctx, await sessions.get_session(ctx, row.code))
        except ServiceError as e:
            ui.notify(e.message, type='warning')
        else:
            ui.notify(_('“%(title)s” is deleted.', title=row.title), type='positive')
        self.refresh()


def _action(text: str, icon: str, on_click, *, danger: bool = False) -> ui.button:
    """A flat button in a colour of our own, readable on the light and the dark background."""
    return ui.button(text, icon=icon, on_click=on_click, color=None) \
        .props('flat dense no-caps').classes('sh-owner-danger' if danger else 'sh-owner-action')


def _fact(label: str, value: str) -> None:
    with ui.column().classes('gap-0'):
        ui.label(label).classes('text-xs opacity-70')
        ui.label(value).classes('font-medium')


def _figures(row: SessionFigures) -> list[str]:
    return [ngettext('%(count)d here now', '%(count)d here now', row.people_online, count=row.people_online),
            ngettext('%(count)d person in all', '%(count)d people in all', row.people, count=row.people),
            ngettext('%(count)d message', '%(count)d messages', row.messages, count=row.messages),
            ngettext('%(count)d file (%(size)s)', '%(count)d files (%(size)s)', row.materials, count=row.materials,
                     size=human_size(row.storage_bytes))]


def _status_text(status: str) -> str:
    return {'open': _('open'), 'locked': _('locked'), 'closed': _('closed')}.get(status, status)


def _when(moment: datetime) -> str:
    return format_utc(moment)


def _duration(seconds: int) -> str:
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    if days:
        return _('%(days)d d %(hours)d h', days=days, hours=hours)
    return _('%(hours)d h %(minutes)d min', hours=hours, minutes=rest // 60)
