"""The message box: Enter sends, Shift+Enter starts a new line; nothing typed is lost on a failed send."""
import uuid
from collections.abc import Awaitable, Callable

from nicegui import ui

from services.errors import ServiceError

Send = Callable[[str, str], Awaitable[None]]


class Composer(ui.row):

    def __init__(self, send: Send, *, max_chars: int) -> None:
        super().__init__(wrap=False)
        self.classes('w-full items-end gap-2')
        self._send = send
        self._sending = False
        with self:
            self.textarea = ui.textarea(placeholder='Write a message… (Enter sends, Shift+Enter: new line)') \
                .props(f'outlined dense autogrow maxlength={max_chars} aria-label="Message"') \
                .classes('flex-grow').mark('composer')
            self.textarea.on('keydown.enter.exact.prevent', self.send)
            ui.button(icon='send', on_click=self.send) \
                .props('round unelevated color=primary aria-label="Send message"').mark('send')

    async def send(self) -> None:
        body = (self.textarea.value or '').strip()
        if not body or self._sending:
            return
        self._sending = True
        try:
            # one id per attempt: the server stores a retried post once
            await self._send(body, uuid.uuid4().hex)
            self.textarea.value = ''
        except ServiceError as e:
            ui.notify(e.message, type='negative')
        finally:
            self._sending = False
