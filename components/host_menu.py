"""The host's controls for the whole session: rename, lock, close, passcode, export, host link."""
from collections.abc import Callable

from nicegui import ui

from db.models import StudySession
from db.schemas import display_code
from i18n import _
from services import context, host
from services.errors import ServiceError

from .confirm import confirm
from .invite import host_link_dialog

REMOVE = object()  # the passcode dialog's answer: no passcode any more


class HostMenu(ui.button):

    def __init__(self, session: StudySession, host_key: str, host_link: str, *,
                 on_activities: Callable[[], None] | None = None) -> None:
        """`on_activities`: opens the polls, timer and projector; a first item of the menu below 360 px only,
        where the header has no room for that button of its own."""
        super().__init__(icon='admin_panel_settings')
        self.session = session
        self.host_key = host_key
        self.host_link = host_link
        self._host_link_dialog: ui.dialog | None = None
        self.props('flat round dense color=white').classes('sh-host-menu').mark('host-menu')
        self.props.update({'aria-label': _('Host controls'), 'title': _('Host controls')})
        with self, ui.menu().props('auto-close'):
            if on_activities is not None:
                ui.menu_item(_('Polls, timer and projector…'), on_click=on_activities).props('role=menuitem') \
                    .classes('sh-narrow-only').mark('host-activities')
            ui.menu_item(_('Rename…'), on_click=self._rename).props('role=menuitem').mark('host-rename')
            with ui.menu_item(on_click=self._toggle_lock).props('role=menuitem').mark('host-lock') as self.lock_item:
                self.lock_label = ui.item_label()
            with ui.menu_item(on_click=self._toggle_close).props('role=menuitem').mark('host-close'):
                self.close_label = ui.item_label()
            ui.menu_item(_('Passcode…'), on_click=self.show_passcode).props('role=menuitem').mark('host-passcode')
            ui.menu_item(_('Export as zip'), on_click=self._export).props('role=menuitem').mark('host-export')
            ui.menu_item(_('Host link…'), on_click=self._show_host_link).props('role=menuitem').mark('host-link')
        self.refresh_labels()

    def refresh_labels(self) -> None:
        self.lock_label.set_text(_('Unlock (let everyone write)') if self.session.status == 'locked' else
                                 _('Lock (read-only for all but you)'))
        self.close_label.set_text(_('Reopen the session') if self.session.status == 'closed' else
                                  _('Close the session (archive)'))
        self.lock_item.set_visibility(self.session.status != 'closed')

    async def _act(self, action) -> bool:
        try:
            await action
        except ServiceError as e:
            ui.notify(e.message, type='warning')
            return False
        self.refresh_labels()
        return True

    async def _toggle_lock(self) -> None:
        status = 'open' if self.session.status == 'locked' else 'locked'
        await self._act(host.set_status(context.current(), self.session, self.host_key, status))

    async def _toggle_close(self) -> None:
        status = 'open' if self.session.status == 'closed' else 'closed'
        if status == 'closed' and not await confirm(
                _('Close “%(title)s”?', title=self.session.title),
                _('Nobody can write or share files any more; everyone can still read, and you can export it or '
                  'reopen it later.'), _('Close the session'), marker='confirm-close'):
            return
        await self._act(host.set_status(context.current(), self.session, self.host_key, status))

    async def _rename(self) -> None:
        title = await _ask(_('Rename the session'), _('Title'), self.session.title, 'host-title')
        if title is not None:
            await self._act(host.rename(context.current(), self.session, self.host_key, title))

    async def show_passcode(self) -> None:
        """The passcode as it is now (hidden until the eye is clicked: the screen may be on the projector), and a new
        one or none."""
        ctx = context.current()
        try:
            current, problem = await host.passcode_of(ctx, self.session, self.host_key), ''
        except ServiceError as e:
            current, problem = None, e.message
        with ui.context.client.layout, ui.dialog() as dialog, ui.card().classes('w-96 max-w-full').mark('passcode'):
            ui.label(_('Passcode to join')).classes('text-lg font-medium')
            ui.label(_('People who joined already stay in; new people need the passcode.')) \
                .classes('text-sm opacity-80')
            if current is not None:
                ui.input(_('Passcode now'), value=current, password=True, password_toggle_button=True) \
                    .props('outlined dense readonly').classes('w-full').mark('passcode-now')
            elif problem:
                ui.label(problem).classes('text-sm text-warning')
            else:
                ui.label(_('There is no passcode now: anyone with the code can join.')).classes('text-sm')
            field = ui.input(_('New passcode')).props('outlined dense autofocus maxlength=64').classes('w-full') \
                .mark('host-passcode-input')
            field.on('keydown.enter', lambda: dialog.submit(field.value))
            with ui.row().classes('w-full justify-end'):
                ui.button(_('Cancel'), on_click=lambda: dialog.submit(None)).props('flat')
                if current is not None or problem:
                    ui.button(_('Remove the passcode'), on_click=lambda: dialog.submit(REMOVE)) \
                        .props('flat color=negative').mark('passcode-remove')
                ui.button(_('Set'), on_click=lambda: dialog.submit(field.value)).props('unelevated') \
                    .mark('host-passcode-input-save')
        dialog.open()
        answer = await dialog
        dialog.delete()
        passcode = '' if answer is REMOVE else (answer or '').strip()
        if answer is None or (answer is not REMOVE and not passcode):
            return  # cancelled, or Set with nothing typed (Remove is the way to none)
        if await self._act(host.set_passcode(ctx, self.session, self.host_key, passcode)):
            ui.notify(_('Passcode set.') if passcode.strip() else _('No passcode any more.'), type='positive')

    def _export(self) -> None:
        code = display_code(self.session.code)
        # a download adds nothing to the browser history, and no other site sees it (Referrer-Policy: same-origin)
        ui.download.from_url(f'/api/sessions/{code}/export?host_key={self.host_key}')

    def _show_host_link(self) -> None:
        if self._host_link_dialog is None:
            self._host_link_dialog = host_link_dialog(self.host_link)
        self._host_link_dialog.open()


async def _ask(title: str, label: str, value: str, marker: str, note: str = '') -> str | None:
    with ui.dialog() as dialog, ui.card().classes('w-96 max-w-full'):
        ui.label(title).classes('text-lg font-medium')
        if note:
            ui.label(note).classes('text-sm opacity-80')
        field = ui.input(label, value=value).props('outlined dense autofocus').classes('w-full').mark(marker)
        field.on('keydown.enter', lambda: dialog.submit(field.value))
        with ui.row().classes('w-full justify-end'):
            ui.button(_('Cancel'), on_click=lambda: dialog.submit(None)).props('flat')
            ui.button(_('Save'), on_click=lambda: dialog.submit(field.value)).props('unelevated').mark(f'{marker}-save')
    result = await dialog
    dialog.delete()
    return result
