"""The message box: Enter sends, Shift+Enter starts a new line; nothing typed or sent is lost on a bad connection.

The text is the browser's (composer.js keeps it there with every keystroke); a message whose Enter was pressed waits
in the browser's outbox until this element has posted it, one after another in the order typed, with the id the
browser gave it: a message sent again (its answer was lost) is stored once. The answer goes to this page only.
"""
import asyncio
import logging
from collections.abc import Awaitable, Callable

from nicegui import ui
from nicegui.events import GenericEventArguments

from db.schemas import MessagePublic, page_copy
from i18n import N_, _
from services import context
from services.errors import ServiceError, TooManyRequests

from .shared_module import STUDYHALL_JS

Post = Callable[[str, str, int | None], Awaitable[tuple[MessagePublic, bool]]]
PLACEHOLDER = N_('Write a message… (Enter sends, Shift+Enter: new line)')
TOUCH_PLACEHOLDER = N_('Write a message…')  # on a touch screen Enter makes a new line: the button sends
log = logging.getLogger(__name__)


class Composer(ui.element, component='composer.js', esm=STUDYHALL_JS):

    def __init__(self, post: Post, *, session_id: int, me_key: str, max_chars: int,
                 read_only_reason: str | None = None, on_typing: Callable[[], None] | None = None) -> None:
        """`post(body, client_msg_id, reply_to_id)` stores a message once and returns it and whether it is new;
        `me_key`: the name key of the person writing (the browser keeps drafts and outbox per session and name)."""
        super().__init__()
        self.session_id = session_id
        self._post = post
        self._in_order = asyncio.Lock()
        self._props.update({'sessionId': session_id, 'meKey': me_key, 'maxChars': max_chars,
                            'placeholder': _(PLACEHOLDER),
                            'touchPlaceholder': _(TOUCH_PLACEHOLDER), 'readOnly': read_only_reason or '', 'texts': {
                                'offline': _('No connection — your messages will be sent when it is back'),
                                'replyingTo': _('Replying to {author}: {excerpt}'),
                                'cancelReply': _('Cancel the reply'), 'message': _('Message'),
                                'send': _('Send message'),
                            }})
        self.on('send', self._send)
        if on_typing is not None:
            self.on('typing', on_typing)

    def set_read_only(self, reason: str | None) -> None:
        """Disable the box with the reason as its placeholder (None enables it again); the draft stays."""
        if self._props['readOnly'] != (reason or ''):
            self._props['readOnly'] = reason or ''
            self.update()

    async def _send(self, e: GenericEventArguments) -> None:
        """One message of the outbox; they arrive in the order typed and are posted in that order."""
        args = e.args if isinstance(e.args, dict) else {}
        client_msg_id, body, reply_to = str(args.get('client_msg_id') or ''), args.get('body'), args.get('reply_to')
        if not client_msg_id:
            return  # the outbox always sends one: nothing to answer to
        async with self._in_order:
            try:
                message, is_new = await self._post(body if isinstance(body, str) else '', client_msg_id,
                                                   reply_to if isinstance(reply_to, int) else None)
            except TooManyRequests as error:
                await self._tell({'type': 'message.refused', 'client_msg_id': client_msg_id, 'reason': error.message,
                                  'retry_after': error.retry_after})
            except ServiceError as error:
                await self._tell({'type': 'message.refused', 'client_msg_id': client_msg_id, 'reason': error.message})
            except Exception:
                log.exception('posting a message failed')
                await self._tell({'type': 'message.failed', 'client_msg_id': client_msg_id,
                                  'reason': _('the server could not store it yet')})
            else:
                if not is_new:  # stored before (the answer was lost): everybody has it, only this page does not know
                    await self._tell({'type': 'message.stored', 'message': page_copy([message])[0]})

    async def _tell(self, payload: dict) -> None:
        payload['session_id'] = self.session_id
        await context.current().fanout.send_to_client(self.client.id, payload)
