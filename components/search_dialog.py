"""Search a session's messages and files; a message result jumps to it in the chat."""
from collections.abc import Awaitable, Callable

from nicegui import ui

from db.models import StudySession
from i18n import _
from i18n.formatting import format_when
from services import context, search

Jump = Callable[[int], Awaitable[None]]


class SearchDialog(ui.dialog):

    def __init__(self, session: StudySession, jump: Jump, *, host: bool = False,
                 show_questions: Callable[[], None] | None = None) -> None:
        """`host`: the host's page (finds questions awaiting approval or hidden, and who asked anonymous ones);
        `show_questions`: what a question result does (shows the Questions view)."""
        super().__init__()
        self.session = session
        self.jump = jump
        self.host = host
        self.show_questions = show_questions
        self._jump_after_hiding: int | None = None
        self.on('hide', self._hidden)
        with self, ui.card().classes('w-[640px] max-w-full gap-2'):
            with ui.row(wrap=False).classes('w-full items-center gap-2'):
                self.query = ui.input(placeholder=_('Search messages and files')) \
                    .props('outlined dense autofocus clearable').classes('flex-grow').mark('search-input')
                self.query.props['aria-label'] = _('Search')
                self.query.on('keydown.enter', self.run)
                ui.button(icon='search', on_click=self.run).props('flat round').props['aria-label'] = _('Search now')
            self.results = ui.list().classes('w-full gap-1 max-h-[60vh] overflow-y-auto').mark('search-results')

    async def run(self) -> None:
        found = await search.search(context.current(), self.session, self.query.value or '', host=self.host)
        self.results.clear()  # a new search replaces the previous results
        with self.results:
            if not found.messages and not found.materials and not found.questions:
                ui.item(_('Nothing found.')).classes('opacity-70')
            for hit in found.messages:
                item = ui.item(on_click=lambda message_id=hit.id: self._open(message_id)).classes('w-full rounded')
                with item, ui.item_section():
                    ui.item_label(f'{hit.author} · {format_when(hit.created_at)}').props('caption dir=auto')
                    ui.html(hit.html).classes('sh-excerpt').props('dir=auto')
            for material in found.materials:
                with ui.item().props(f'href="{material.url}" target=_blank').classes('w-full rounded'):
                    with ui.item_section().props('avatar'):
                        ui.icon('attach_file')
                    with ui.item_section():
                        ui.item_label(material.name).props('dir=auto')
                        ui.item_label(_('shared by %(name)s', name=material.author)).props('caption')

            for question in found.questions:
                with ui.item(on_click=self._open_questions).classes('w-full rounded').mark('search-question'):
                    with ui.item_section().props('avatar'):
                        ui.icon('live_help')
                    with ui.item_section():
                        who = question.author or _('Anonymous')
                        ui.item_label(_('Question by %(name)s · %(when)s', name=who,
                                        when=format_when(question.created_at))).props('caption dir=auto')
                        ui.html(question.html).classes('sh-excerpt').props('dir=auto')

    def _open_questions(self) -> None:
        self.close()
        if self.show_questions:
            self.show_questions()

    def _open(self, message_id: int) -> None:
        """Jumps once the dialog is gone: closing gives the focus back to the Search button, the jump takes it on to
        the message found (the keyboard goes on from there)."""
        self._jump_after_hiding = message_id
        self.close()

    async def _hidden(self) -> None:
        message_id, self._jump_after_hiding = self._jump_after_hiding, None
        if message_id is not None:
            await self.jump(message_id)
