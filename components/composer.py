"""The message box: Enter sends, Shift+Enter starts a new line; nothing typed is lost on a failed send."""
import asyncio
import uuid
from collections.abc import Awaitable, Callable

from nicegui import background_tasks, ui
from nicegui.events import GenericEventArguments

from services.errors import ServiceError

Send = Callable[[str, str, int | None], Awaitable[None]]
COUNTER_FROM = 0.8  # the character counter shows from this share of the limit on
# Enter hands the text and a new message id to the server, and tells the message list to show it as "sending"
# at once (it needs no round trip for that). The id makes a retried post count once. On a touch screen there is
# no Shift key, so Enter makes a new line there and the button sends.
ENTER_JS = '''(e) => {
  if (e.isComposing || window.matchMedia("(pointer: coarse)").matches) return;
  e.preventDefault();
  if (!e.target.value.trim()) return;
  const id = window.crypto?.randomUUID?.() || Date.now().toString(36) + Math.random().toString(36).slice(2);
  const detail = {client_msg_id: id, body: e.target.value.trim()};
  window.dispatchEvent(new CustomEvent("studyhall:sending", {detail}));
  emit(id, e.target.value);
}'''


class Composer(ui.column):

    def __init__(self, send: Send, *, max_chars: int, draft: tuple[dict, str] | None = None,
                 read_only_reason: str | None = None, on_typing: Callable[[], None] | None = None) -> None:
        """`draft`: a (dictionary, key) pair the unsent text is kept in, e.g. the browser's user storage."""
        super().__init__()
        self.classes('w-full gap-0')
        self._send = send
        self._in_order = asyncio.Lock()
        self._reply_to: int | None = None
        self.reply_banner: ui.row | None = None  # made on the first reply: few pages ever show it
        with self:
            with ui.row(wrap=False).classes('w-full items-end gap-2'):
                self._placeholder = 'Write a message… (Enter sends, Shift+Enter: new line)'
                self.textarea = ui.textarea(placeholder=self._placeholder) \
                    .props(f'outlined dense autogrow maxlength={max_chars} aria-label="Message"') \
                    .classes('flex-grow').mark('composer')
                self.textarea.on('keydown.enter.exact', self._enter, js_handler=ENTER_JS)
                self.button = ui.button(icon='send', on_click=self._button) \
                    .props('round unelevated color=primary aria-label="Send message"').mark('send')
            ui.label().classes('text-xs opacity-70 self-end pr-14').mark('counter') \
                .bind_text_from(self.textarea, 'value', backward=lambda text: _count(text, max_chars))
        if draft is not None:
            self._keep_draft(*draft)
        if on_typing is not None:
            self.textarea.on_value_change(lambda e: on_typing() if e.value else None)
        self.set_read_only(read_only_reason)

    def _keep_draft(self, store: dict, key: str) -> None:
        """Written on every change rather than bound: NiceGUI would poll a bound dictionary ten times a second."""
        self.textarea.value = store.get(key) or ''

        def keep(e) -> None:
            store[key] = e.value
        self.textarea.on_value_change(keep)

    def set_read_only(self, reason: str | None) -> None:
        """Disable the box with the reason as its placeholder (None enables it again)."""
        self.textarea.props['placeholder'] = reason or self._placeholder
        self.textarea.set_enabled(reason is None)
        self.button.set_enabled(reason is None)

    def reply_to(self, message: dict) -> None:
        """Answer `message` ({id, author, excerpt}) with the next message sent."""
        self._reply_to = message.get('id')
        banner = self.reply_banner or self._make_reply_banner()
        self.reply_label.text = f'Replying to {message.get("author", "")}: {message.get("excerpt", "")}'
        banner.visible = True
        self.textarea.run_method('focus')

    def cancel_reply(self) -> None:
        self._reply_to = None
        if self.reply_banner is not None:
            self.reply_banner.visible = False

    def _make_reply_banner(self) -> ui.row:
        with self, ui.row(wrap=False).classes('sh-replying w-full items-center gap-2') as self.reply_banner:
            ui.icon('reply').classes('opacity-70')
            self.reply_label = ui.label().classes('truncate min-w-0 flex-grow text-sm').mark('replying-to')
            ui.button(icon='close', on_click=self.cancel_reply) \
                .props('flat round dense size=sm aria-label="Cancel the reply"')
        self.reply_banner.move(self, target_index=0)  # above the message box
        return self.reply_banner

    def _enter(self, e: GenericEventArguments) -> None:
        client_msg_id, body = e.args if isinstance(e.args, list) and len(e.args) == 2 else (uuid.uuid4().hex, '')
        self._submit(str(body), str(client_msg_id))

    def _button(self) -> None:
        self._submit(self.textarea.value or '', uuid.uuid4().hex)

    def _submit(self, body: str, client_msg_id: str) -> None:
        """Synchronous, so it runs in the order the events arrived; the posting itself goes on in the background."""
        body = body.strip()
        if not body:
            return
        self.textarea.value = ''
        reply_to = self._reply_to
        self.cancel_reply()
        background_tasks.create(self._deliver(body, client_msg_id, reply_to), name='send message', context=self)

    async def _deliver(self, body: str, client_msg_id: str, reply_to: int | None) -> None:
        async with self._in_order:
            try:
                await self._send(body, client_msg_id, reply_to)
            except ServiceError as e:
                ui.notify(e.message, type='negative')
                if not self.textarea.value:
                    self.textarea.value = body  # give the text back so nothing typed is lost


def _count(text: str | None, limit: int) -> str:
    length = len(text or '')
    return f'{length:,} / {limit:,}' if length >= COUNTER_FROM * limit else ''
