"""The owner's page `/owner`: every session on the server (open one as host, hand out its host link, close, reopen,
delete for good) and the server's facts, with the backup download.

The owner link printed at start-up (`/owner?key=...`) makes a browser the owner's; the key then leaves the address
bar, as a host link's does.
"""
import asyncio
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
from services.overview import ServerStatus, SessionFigures
from services.text import human_size

router = APIRouter()

REFRESH_SECONDS = 5.0  # how often the owner's page re-reads its figures ...
DISK_SECONDS = 30.0  # ... and the uploads folder's size (a walk of every file)
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
    """The page keeps itself current on a gentle timer (REFRESH_SECONDS): the figures change in place, and a session
    created or deleted elsewhere comes or goes, without rebuilding what stays."""

    def __init__(self, page_url: str) -> None:
        self.page_url = page_url
        self.facts: dict[str, ui.label] = {}
        self.cards: dict[str, SessionCard] = {}
        self._updating = asyncio.Lock()  # one read at a time: a tick's older figures never overwrite a click's newer

    async def build(self) -> None:
        PageHeader(_('Owner'))
        with ui.column().classes('w-full max-w-4xl mx-auto gap-4 p-4'):
            self._facts_card(context.current().db.is_sqlite)
            with ui.row().classes('w-full items-center'):
                ui.label(_('Sessions')).classes('text-lg font-medium')
                ui.space()
                ui.button(_('Refresh'), icon='refresh', on_click=lambda: self.update(disk_max_age=0), color=None) \
                    .props('flat dense').classes('sh-owner-action').mark('refresh')
            self.empty = ui.label(_('No sessions yet.')).classes('opacity-70').mark('no-sessions')
            self.session_list = ui.column().classes('w-full gap-3').mark('owner-sessions')
        await self.update(disk_max_age=0)
        ui.timer(REFRESH_SECONDS, self.update)

    async def update(self, disk_max_age: float = DISK_SECONDS) -> None:
        ctx = context.current()
        async with self._updating:
            self._show_facts(await overview.status(ctx, disk_max_age=disk_max_age))
            self._show_sessions(await overview.sessions(ctx))

    def _facts_card(self, is_sqlite: bool) -> None:
        with ui.card().classes('w-full').mark('server-facts'):
            ui.label(_('This server')).classes('text-lg font-medium')
            with ui.element('div').classes('w-full grid grid-cols-2 sm:grid-cols-4 gap-3'):
                for name, label in (('uploads', _('Uploads storage')), ('disk', _('Free disk')),
                                    ('database', _('Database')), ('online', _('People here now')),
                                    ('sessions', _('Sessions')), ('version', _('Version')),
                                    ('uptime', _('Running for'))):
                    with ui.column().classes('gap-0'):
                        ui.label(label).classes('text-xs opacity-70')
                        self.facts[name] = ui.label().classes('font-medium').mark(f'fact-{name}')
            with ui.row().classes('items-center gap-2'):
                if is_sqlite:
                    ui.button(_('Download a backup'), icon='download', on_click=self.backup) \
                        .props('unelevated').mark('backup')
                    ui.label(_('One zip of the database and every shared file, consistent while people keep '
                               'working.')).classes('text-sm opacity-70')
                else:
                    ui.label(_('PostgreSQL: back the database up with pg_dump and copy the uploads folder.')) \
                        .classes('text-sm opacity-70')

    def _show_facts(self, status: ServerStatus) -> None:
        database = human_size(status.database_bytes) if status.database_bytes is not None else '–'
        for name, value in (('uploads', human_size(status.uploads_bytes)), ('disk', human_size(status.disk_free_bytes)),
                            ('database', database), ('online', str(status.people_online)),
                            ('sessions', str(status.sessions)), ('version', status.version),
                            ('uptime', _duration(status.uptime_s))):
            self.facts[name].set_text(value)

    def _show_sessions(self, rows: list[SessionFigures]) -> None:
        """Cards in the order of the rows (most recently active first): kept and updated, added, or removed."""
        for code in set(self.cards) - {row.code for row in rows}:
            self.session_list.remove(self.cards.pop(code).card)
        for index, row in enumerate(rows):
            card = self.cards.get(row.code)
            if card is None:
                with self.session_list:
                    card = self.cards[row.code] = SessionCard(self, row)
            card.show(row)
            if self.session_list.default_slot.children.index(card.card) != index:
                card.card.move(self.session_list, target_index=index)
        self.empty.set_visibility(not rows)

    def backup(self) -> None:
        ui.download.from_url(f'/api/owner/backup?token={owner.download_token(context.current())}')

    async def host_link(self, code: str) -> None:
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

    async def set_status(self, code: str, status: str) -> None:
        ctx = context.current()
        try:
            session = await sessions.get_session(ctx, code)
            await host.set_status(ctx, session, owner.host_key_for(ctx, session), status)
        except ServiceError as e:
            ui.notify(e.message, type='warning')
        await self.update()

    async def delete(self, row: SessionFigures) -> None:
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
        await self.update(disk_max_age=0)


class SessionCard:
    """One session on the owner's page; `show(row)` writes its newest figures into the elements it has."""

    def __init__(self, view: OwnerView, row: SessionFigures) -> None:
        self.row = row
        code = row.code
        with ui.card().classes('w-full gap-1').mark(f'owner-session-{code}') as self.card:
            with ui.row().classes('w-full items-center no-wrap gap-2'):
                self.title = ui.link(row.title, f'/s/{code}') \
                    .classes('sh-file-link font-medium text-base truncate min-w-0')
                ui.space()
                ui.label(code).classes('font-mono text-sm shrink-0')
                self.badge = ui.badge().classes('shrink-0')
            with ui.element('div').classes('sh-figures text-sm flex flex-wrap gap-x-1').mark('figures'):
                self.figures = [ui.label() for _ in range(4)]  # each kept whole on a narrow screen
            self.dates = ui.label().classes('text-xs opacity-70')
            self.due = ui.label().classes('text-xs text-deep-orange-10').mark('due')
            with ui.row().classes('gap-1 flex-wrap'):
                _action(_('Open as host'), 'open_in_new', lambda: ui.navigate.to(f'/s/{code}')).mark('open-as-host')
                _action(_('Host link'), 'key', lambda: view.host_link(code)).mark('show-host-link')
                self.reopen = _action(_('Reopen'), 'lock_open', lambda: view.set_status(code, 'open')).mark('reopen')
                self.close = _action(_('Close'), 'archive', lambda: view.set_status(code, 'closed')).mark('close')
                _action(_('Delete…'), 'delete_forever', lambda: view.delete(self.row), danger=True).mark('delete')

    def show(self, row: SessionFigures) -> None:
        self.row = row
        self.title.set_text(row.title)
        self.badge.set_text(_status_text(row.status))
        self.badge.props(f'color={STATUS_COLORS.get(row.status, "grey")}')
        for label, text in zip(self.figures, _figures(row), strict=True):
            label.set_text(text)
        self.dates.set_text(_('Created %(created)s · last active %(active)s', created=_when(row.created_at),
                              active=_when(row.last_active_at)))
        if row.due_for_deletion_at:
            self.due.set_text(_('Closed: deleted automatically on %(day)s', day=_when(row.due_for_deletion_at)))
        self.due.set_visibility(row.due_for_deletion_at is not None)
        self.reopen.set_visibility(row.status == 'closed')
        self.close.set_visibility(row.status != 'closed')


def _action(text: str, icon: str, on_click, *, danger: bool = False) -> ui.button:
    """A flat button in a colour of our own, readable on the light and the dark background."""
    return ui.button(text, icon=icon, on_click=on_click, color=None) \
        .props('flat dense no-caps').classes('sh-owner-danger' if danger else 'sh-owner-action')


def _figures(row: SessionFigures) -> list[str]:
    return [ngettext('%(count)d here now', '%(count)d here now', row.people_online, count=row.people_online),
            ngettext('%(count)d person in all', '%(count)d people in all', row.people, count=row.people),
            ngettext('%(count)d message', '%(count)d messages', row.messages, count=row.messages),
            ngettext('%(count)d file (%(size)s)', '%(count)d files (%(size)s)', row.materials, count=row.materials,
                     size=human_size(row.storage_bytes))]


def _status_text(status: str) -> str:
    return {'open': _('open'), 'locked': _('locked'), 'closed': _('closed')}.get(status, status)


def _when(moment: datetime) -> str:
    """A date that a narrow screen does not break in two."""
    return format_utc(moment).replace(' ', '\u00a0')


def _duration(seconds: int) -> str:
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    if days:
        return _('%(days)d d %(hours)d h', days=days, hours=hours)
    return _('%(hours)d h %(minutes)d min', hours=hours, minutes=rest // 60)
