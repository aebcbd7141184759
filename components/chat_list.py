"""The message list: one element per page; new messages reach it by the session's Socket.IO emit, not by updates."""
import asyncio
from collections.abc import Awaitable
from typing import Any

from nicegui import ui
from nicegui.events import GenericEventArguments

from db.models import Participant, StudySession
from db.schemas import EXCERPT_CHARS, MessagePublic, ReplyPreview, page_copy
from i18n import _
from i18n.client_texts import plural_forms
from services import context, host, messages
from services.errors import ServiceError
from services.opening import newest_message_id
from services.poll_cards import HOST, poll_note
from services.rendering import PLAIN_NOTE

from .shared_module import STUDYHALL_JS


class MessageFeed(ui.element, component='chat_list.js', esm=STUDYHALL_JS):
    """A session's messages, read only (the projector): the newest come with the page, new ones by the session's
    Socket.IO emit, what a page missed on (re)connect, older ones on request."""

    def __init__(self, session: StudySession, history_json: str, *, has_older: bool, large: bool = False,
                 pinned: ReplyPreview | None = None, host: bool = False, person: str | None = None) -> None:
        """`history_json`: the newest messages as a page copy (`Opening.history_json`); `large`: projector type
        size; `pinned`: the message pinned above the chat; `host`, `person`: whose page it is, for events that
        hide names from guests (realtime/audience.py)."""
        super().__init__()
        ctx = context.current()
        self.session = session
        self.cap = ctx.settings.client_message_cap
        self.page_size = ctx.settings.history_page_size
        # The history stands in the page as a JSON script beside the elements, not in a prop: NiceGUI escapes the
        # elements of a page character by character, a tenth of a page's cost when a whole class arrives at once.
        history_id = f'sh-history-{self.id}'
        ui.add_body_html(f'<script type="application/json" id="{history_id}">{_script_safe(history_json)}</script>')
        self._props.update({
            'sessionId': session.id,
            'history': history_id,
            'cap': self.cap,
            'hasOlder': has_older,
            'large': large,
            'readOnly': True,
            'pinned': pinned.model_dump() if pinned else None,
            'excerptChars': EXCERPT_CHARS,
            'texts': chat_texts(),
        })
        self.on('catch_up', self._catch_up)
        self.on('load_older', self._load_older)
        self.on('leave', self._let_go)
        self._leave_fanout = ctx.fanout.join(session.id, self.client.id, host=host, person=person)

    async def jump_to(self, message_id: int) -> None:
        await self._tell({'type': 'messages.jump', 'id': message_id})

    async def _catch_up(self, e: GenericEventArguments) -> None:
        """Everything after the last id the browser shows, or only the newest if it missed more than it keeps."""
        ctx = context.current()
        after = _as_id(e.args)
        newest = newest_message_id(ctx, self.session.id)
        if newest is not None and newest <= after:  # the common case as a page opens: no query for nothing new
            await self._send_messages({'type': 'messages.caught_up', 'reset': False}, [])
            return
        rows = await messages.messages_after(ctx, self.session.id, after, self.cap + 1)
        reset = len(rows) > self.cap
        if reset:
            rows = await messages.messages_before(ctx, self.session.id, None, self.page_size)
        await self._send_messages({'type': 'messages.caught_up', 'reset': reset}, rows)

    def _let_go(self) -> None:
        """The tab is closing, reloading or going elsewhere: its page (and its place among the people here) goes
        now, not after NiceGUI's reconnect grace. Once this handler has returned: it runs inside that page."""
        client = self.client
        asyncio.get_running_loop().call_soon(lambda: None if client.is_deleted else client.delete())

    async def _load_older(self, e: GenericEventArguments) -> None:
        ctx = context.current()
        rows = await messages.messages_before(ctx, self.session.id, _as_id(e.args), self.page_size + 1)
        has_more = len(rows) > self.page_size
        await self._send_messages({'type': 'messages.older', 'has_more': has_more}, rows[-self.page_size:])

    async def _send_messages(self, payload: dict, rows: list[MessagePublic]) -> None:
        payload['messages'] = page_copy(rows)
        await self._tell(payload)

    async def _tell(self, payload: dict) -> None:
        """Send something to this page only, on the same channel as the session's events."""
        payload['session_id'] = self.session.id
        await context.current().fanout.send_to_client(self.client.id, payload)

    def _handle_delete(self) -> None:
        self._leave_fanout()
        super()._handle_delete()


class ChatList(MessageFeed):
    """A participant's chat: the feed, this browser's messages not stored yet (its outbox, which the composer sends),
    and what they do with the messages (read, react, edit, delete); the host also pins and removes any message."""

    def __init__(self, session: StudySession, history_json: str, *, participant: Participant, has_older: bool,
                 reads: dict[str, int] | None = None, host_key: str | None = None,
                 pinned: ReplyPreview | None = None, announce: bool = True) -> None:
        """`reads`: how far each participant has read; `host_key` (kept on the server) lets this page pin and
        delete any message; `announce`: new messages of others are announced to screen readers."""
        super().__init__(session, history_json, has_older=has_older, pinned=pinned, host=host_key is not None,
                         person=participant.name_key)
        self.participant = participant
        self.host_key = host_key
        self._props.update({
            'me': participant.name,
            'meKey': participant.name_key,
            'reads': reads or {},
            'lastRead': (reads or {}).get(participant.name, 0),
            'reactions': list(messages.REACTIONS),
            'readOnly': False,
            'isHost': host_key is not None,
            'announceNew': announce,
        })
        for event, handler in (('read', self._read), ('react', self._react), ('edit', self._edit),
                               ('delete', self._delete), ('pin', self._pin), ('remove', self._remove)):
            self.on(event, handler)

    def set_announce(self, value: bool) -> None:
        self._props['announceNew'] = value
        self.update()

    def _read(self, e: GenericEventArguments) -> None:
        context.current().reads.mark(self.session, self.participant.id, self.participant.name, _as_id(e.args))

    async def _react(self, e: GenericEventArguments) -> None:
        args = _as_dict(e.args)
        await self._attempt(messages.toggle_reaction(context.current(), self.session, _as_id(args.get('id')),
                                                     self.participant.name, str(args.get('emoji', '')),
                                                     self.participant.browser_id))

    async def _edit(self, e: GenericEventArguments) -> None:
        args = _as_dict(e.args)
        await self._attempt(messages.edit_message(context.current(), self.session, _as_id(args.get('id')),
                                                  self.participant.name, str(args.get('body', '')),
                                                  self.participant.browser_id))

    async def _delete(self, e: GenericEventArguments) -> None:
        await self._attempt(messages.delete_message(context.current(), self.session, _as_id(e.args),
                                                    self.participant.name, self.participant.browser_id))

    async def _pin(self, e: GenericEventArguments) -> None:
        await self._attempt(host.pin(context.current(), self.session, self.host_key, _as_id(e.args) or None))

    async def _remove(self, e: GenericEventArguments) -> None:
        await self._attempt(messages.remove_message(context.current(), self.session, _as_id(e.args), self.host_key))

    async def _attempt(self, action: Awaitable) -> None:
        try:
            await action
        except ServiceError as error:
            ui.notify(error.message, type='warning')


def chat_texts() -> dict[str, object]:
    """What chat_list.js shows, in the page's language (`{name}`s are filled in there)."""
    return {
        'pinnedBy': _('Pinned message by {name}: show it'), 'messageDeleted': _('message deleted'),
        'unpin': _('Unpin'), 'messages': _('Messages'), 'loading': _('Loading…'),
        'loadEarlier': _('Load earlier messages'), 'start': _('This is the start of the session.'),
        'empty': _('No messages yet. Say hello!'), 'newMessages': _('New messages'),
        'replyingTo': _('Replying to {name}: show the message'), 'editYours': _('Edit your message'),
        'cancel': _('Cancel'), 'save': _('Save'), 'savingNeedsConnection': _('Saving needs a connection'),
        'edited': _('(edited)'), 'editedAt': _('edited {time}'), 'sent': _('Sent'),
        'seenBy': plural_forms('Seen by {count}', 'Seen by {count}'),
        'reactWith': _('React with {emoji}'), 'reply': _('Reply'), 'edit': _('Edit'),
        'pin': _('Pin for everyone'), 'delete': _('Delete'), 'notSent': _('Not sent: {reason}'),
        'sendAgain': _('Send again'), 'discard': _('Discard'), 'waiting': _('Waiting to send'),
        'notSentYet': _('Not sent yet: {reason} Trying again…'), 'sending': _('Sending…'),
        'unseen': plural_forms('{count} new message ↓', '{count} new messages ↓'),
        'confirmDiscard': _('Discard this message? It has not been sent.'),
        'confirmDelete': _('Delete this message for everyone?'),
        'announce': plural_forms('New message from {name}', '{count} new messages, the newest from {name}'),
        'messageActions': _('Actions for the message of {name}'),
        'messageBy': _('Message by {name}, {time}'),
        'plainNote': _(PLAIN_NOTE),
        'host': _(HOST), 'pollNote': poll_note(),
    }


def _script_safe(json_text: str) -> str:
    """JSON that cannot end or comment out the `<script>` it stands in: `<`, `>` and `&` as JSON's own escapes."""
    return json_text.replace('<', '\\u003c').replace('>', '\\u003e').replace('&', '\\u0026')


def _as_id(value: Any) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return 0


def _as_dict(value: object) -> dict:
    return value if isinstance(value, dict) else {}
