"""The message list: one element per page; new messages reach it by the session's Socket.IO emit, not by updates."""
from nicegui import ui
from nicegui.events import GenericEventArguments

from db.schemas import MessagePublic
from services import context, messages


class ChatList(ui.element, component='chat_list.js'):

    def __init__(self, session_id: int, history: list[MessagePublic], *, me: str, has_older: bool,
                 large: bool = False) -> None:
        """`large`: projector type size."""
        super().__init__()
        ctx = context.current()
        self.session_id = session_id
        self.cap = ctx.settings.client_message_cap
        self.page_size = ctx.settings.history_page_size
        self._props['sessionId'] = session_id
        self._props['messages'] = [message.model_dump(mode='json') for message in history]
        self._props['me'] = me
        self._props['cap'] = self.cap
        self._props['hasOlder'] = has_older
        self._props['large'] = large
        self.on('catch_up', self._catch_up)
        self.on('load_older', self._load_older)
        self._leave = ctx.fanout.join(session_id, self.client.id)
        # the browser copies the initial messages into its own state; the server need not keep them
        self.client.on_connect(self._forget_initial_messages)

    def _forget_initial_messages(self) -> None:
        self._props['messages'] = []

    async def _catch_up(self, e: GenericEventArguments) -> None:
        """Everything after the last id the browser shows, or only the newest if it missed more than it keeps."""
        ctx = context.current()
        rows = await messages.messages_after(ctx, self.session_id, _as_id(e.args), self.cap + 1)
        reset = len(rows) > self.cap
        if reset:
            rows = await messages.messages_before(ctx, self.session_id, None, self.page_size)
        await self._send({'type': 'messages.caught_up', 'messages': rows, 'reset': reset})

    async def _load_older(self, e: GenericEventArguments) -> None:
        ctx = context.current()
        rows = await messages.messages_before(ctx, self.session_id, _as_id(e.args), self.page_size + 1)
        has_more = len(rows) > self.page_size
        await self._send({'type': 'messages.older', 'messages': rows[-self.page_size:], 'has_more': has_more})

    async def _send(self, payload: dict) -> None:
        payload['session_id'] = self.session_id
        payload['messages'] = [message.model_dump(mode='json') for message in payload['messages']]
        await context.current().fanout.send_to_client(self.client.id, payload)

    def _handle_delete(self) -> None:
        self._leave()
        super()._handle_delete()


def _as_id(value: object) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0
