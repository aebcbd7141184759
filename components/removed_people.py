"""The host's list of the people they removed, each with "Let back in"; it follows removals from every host page."""
from nicegui import ui

from db.models import StudySession
from i18n import _
from realtime.events import Event, ParticipantChanged
from services import context, host
from services.errors import ServiceError


class RemovedPeople(ui.column):

    def __init__(self, session: StudySession, host_key: str, names: list[str]) -> None:
        super().__init__()
        self.classes('w-full gap-1').mark('removed-people')
        self.session = session
        self.host_key = host_key
        self._rows: dict[str, ui.row] = {}
        with self:
            ui.label(_('Removed')).classes('text-sm font-medium opacity-80')
            self.help = ui.label(_('Their browsers cannot join again, under any name.')).classes('text-xs opacity-70')
        for name in names:
            self._add(name)
        self.set_visibility(bool(self._rows))
        self._unsubscribe = context.current().hub.subscribe(session.id, self._on_event, only=(ParticipantChanged,))

    def _on_event(self, event: Event) -> None:
        if not isinstance(event, ParticipantChanged) or self.is_deleted:
            return
        if event.removed:
            self._add(event.name)
        elif row := self._rows.pop(event.name, None):
            row.delete()
        self.set_visibility(bool(self._rows))

    def _add(self, name: str) -> None:
        if name in self._rows:
            return
        with self, ui.row().classes('w-full items-center no-wrap gap-2') as row:
            ui.label(name).classes('flex-grow min-w-0 truncate')
            back = ui.button(_('Let back in'), on_click=lambda: self._let_back_in(name)) \
                .props('outline rounded dense no-caps color=primary').classes('px-2').mark('let-back-in')
            back.props['aria-label'] = _('Let %(name)s back in', name=name)
        self._rows[name] = row

    async def _let_back_in(self, name: str) -> None:
        try:
            await host.moderate(context.current(), self.session, self.host_key, name, removed=False)
        except ServiceError as error:
            ui.notify(error.message, type='warning')

    def _handle_delete(self) -> None:
        self._unsubscribe()
        super()._handle_delete()
