"""The message box: Enter sends, Shift+Enter starts a new line; nothing typed is lost on a failed send."""
import asyncio
import uuid
from collections.abc import Awaitable, Callable

from nicegui import background_tasks, ui

from services.errors import ServiceError

Send = Callable[[str, str], Awaitable[None]]
COUNTER_FROM = 0.8  # the character counter shows from this share of the limit on


class Composer(ui.column):

    def __init__(self, send: Send, *, max_chars: int, draft: tuple[dict, str] | None = None,
                 read_only_reason: str | None = None) -> None:
        """`draft`: a (dictionary, key) pair the unsent text is kept in, e.g. the browser's user storage."""
        super().__init__()
        self.classes('w-full gap-0')
        self._send = send
        self._in_order = asyncio.Lock()
        with self, ui.row(wrap=False).classes('w-full items-end gap-2'):
            placeholder = read_only_reason or 'Write a message… (Enter sends, Shift+Enter: new line)'
            self.textarea = ui.textarea(placeholder=placeholder) \
                .props(f'outlined dense autogrow maxlength={max_chars} aria-label="Message"') \
                .classes('flex-grow').mark('composer')
            self.textarea.on('keydown.enter.exact.prevent', self.send)
            self.button = ui.button(icon='send', on_click=self.send) \
                .props('round unelevated color=primary aria-label="Send message"').mark('send')
        with self:
            ui.label().classes('text-xs opacity-70 self-end pr-14').mark('counter') \
                .bind_text_from(self.textarea, 'value', backward=lambda text: _count(text, max_chars))
        if draft is not None:
            self.textarea.bind_value(*draft)
        if read_only_reason:
            self.textarea.disable()
            self.button.disable()

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


def _count(text: str | None, limit: int) -> str:
    length = len(text or '')
    return f'{length:,} / {limit:,}' if length >= COUNTER_FROM * limit else ''
