"""The message box: Enter sends, Shift+Enter starts a new line; nothing typed is lost on a failed send."""
import asyncio
import uuid
from collections.abc import Awaitable, Callable

from nicegui import background_tasks, ui

from services.errors import ServiceError

Send = Callable[[str, str], Awaitable[None]]


class Composer(ui.row):

    def __init__(self, send: Send, *, max_chars: int) -> None:
        super().__init__(wrap=False)
        self.classes('w-full items-end gap-2')
        self._send = send
        self._in_order = asyncio.Lock()
        with self:
            self.textarea = ui.textarea(placeholder='Write a message… (Enter sends, Shift+Enter: new line)') \
                .props(f'outlined dense autogrow maxlength={max_chars} aria-label="Message"') \
                .classes('flex-grow').mark('composer')
            self.textarea.on('keydown.enter.exact.prevent', self.send)
            ui.button(icon='send', on_click=self.send) \
                .props('round unelevated color=primary aria-label="Send message"').mark('send')

    def send(self) -> None:
        """Take the text at the moment Enter arrives (a synchronous handler runs in the order of the events)."""
        body = (self.textarea.value or '').strip()
        if not body:
            return
        self.textarea.value = ''
        background_tasks.create(self._deliver(body), name='send message', context=self)

    async def _deliver(self, body: str) -> None:
        async with self._in_order:
            try:
                await self._send(body, uuid.uuid4().hex)  # one id per message: a retry is stored once
            except ServiceError as e:
                ui.notify(e.message, type='negative')
                if not self.textarea.value:
                    self.textarea.value = body  # give the text back so nothing typed is lost
