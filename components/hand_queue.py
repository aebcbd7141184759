"""Raised hands on a page: the raise button in the header (with its shortcut and the "your turn" notice), the queue
in the side panel (the host calls on the next and lowers all), and the projector's large queue. All three live on
the session's hand events; a person who leaves the session (no page of theirs open any more) lowers their hand."""
import asyncio
import time
from typing import Literal

from nicegui import background_tasks, ui
from nicegui.events import GenericEventArguments

from db.models import Participant, StudySession
from db.schemas import HandPublic
from i18n import N_, _
from realtime.events import HandsChanged
from realtime.page_presence import DROPPED_GRACE
from services import context, hands
from services.errors import ServiceError

from .shared_module import STUDYHALL_JS

Shape = Literal['button', 'panel', 'projector']
LEFT_AFTER = DROPPED_GRACE + 5.0  # seconds after a page closed: the person has not come back (a reload comes back)
TEXTS = {
    'raise': N_('Raise your hand'),
    'lower': N_('Lower your hand'),
    'turn': N_('It is your turn: the host calls on you.'),
    'dismiss': N_('OK'),
    'title': N_('Raised hands'),
    'none': N_('No hand is up.'),
    'you': N_('you'),
    'waiting': N_('waiting for'),
    'just_now': N_('just now'),
    'minutes': N_('%(minutes)d min'),
    'lower_one': N_('Lower the hand'),
    'next': N_('Next'),
    'lower_all': N_('Lower all'),
    'sound_on': N_('Signal new hands with a sound'),
    'sound_off': N_('No sound for new hands'),
}


class HandQueue(ui.element, component='hand_queue.js', esm=STUDYHALL_JS):

    def __init__(self, session: StudySession, queue: list[HandPublic], *, shape: Shape,
                 participant: Participant | None = None, host_key: str | None = None,
                 disabled: bool = False) -> None:
        """`queue`: the hands up now (services.hands.hands); `participant`: whose page it is (None: the projector);
        `host_key` (kept on the server): this page calls on the next and lowers any hand."""
        super().__init__()
        self.session = session
        self.participant = participant
        self.host_key = host_key
        self._props.update({
            'sessionId': session.id,
            'hands': [hand.model_dump(mode='json') for hand in queue],
            'me': participant.name if participant else '',
            'shape': shape,
            'isHost': host_key is not None and shape == 'panel',
            'disabled': disabled,
            'serverNow': int(time.time() * 1000),
            'texts': {key: _(text) for key, text in TEXTS.items()},
        })
        self._version = context.current().hub.version(session.id)
        if shape != 'button':
            self.on('sync', self._sync)
        if participant is not None:
            for event, handler in (('raise', self._raise), ('lower', self._lower), ('next', self._next),
                                   ('lower_all', self._lower_all)):
                self.on(event, handler)
        if shape == 'button' and participant is not None:
            self.client.on_delete(self._closed)

    def set_disabled(self, disabled: bool) -> None:
        if self._props['disabled'] != disabled:
            self._props['disabled'] = disabled
            self.update()

    async def _sync(self, e: GenericEventArguments) -> None:
        """On a (re)connect: the queue as it is now, unless this is the page's first connect and nothing changed in
        the session since the page was made (the common case when a class arrives: no query)."""
        ctx = context.current()
        if e.args == 1 and ctx.hub.version(self.session.id) == self._version:
            return
        queue = HandsChanged(session_id=self.session.id, hands=await hands.hands(ctx, self.session.id))
        await ctx.fanout.send_to_client(self.client.id, queue.page_payload)

    async def _raise(self) -> None:
        assert self.participant is not None
        await self._attempt(hands.raise_hand(context.current(), self.session, self.participant.name,
                                             self.participant.browser_id))

    async def _lower(self, e: GenericEventArguments) -> None:
        assert self.participant is not None
        name = e.args if isinstance(e.args, str) and e.args else self.participant.name
        await self._attempt(hands.lower_hand(context.current(), self.session, name, requester=self.participant.name,
                                             host_key=self.host_key, browser_id=self.participant.browser_id))

    async def _next(self) -> None:
        await self._attempt(hands.next_hand(context.current(), self.session, self.host_key))

    async def _lower_all(self) -> None:
        await self._attempt(hands.lower_all(context.current(), self.session, self.host_key))

    async def _attempt(self, action) -> None:
        try:
            await action
        except ServiceError as error:
            ui.notify(error.message, type='warning')

    def _closed(self) -> None:
        background_tasks.create(self._lower_if_gone(), name='lower the hand of who left')

    async def _lower_if_gone(self) -> None:
        """The page closed: if its person has no page of the session open a little later, their hand goes down."""
        assert self.participant is not None
        await asyncio.sleep(LEFT_AFTER)
        ctx = context.current()
        if self.participant.name not in ctx.presence.online(self.session.id):
            await hands.lower_if_raised(ctx, self.session.id, self.participant.id)


async def hands_board(session: StudySession) -> HandQueue:
    """The projector's large queue of raised hands, live; self-contained (it reads the queue itself)."""
    return HandQueue(session, await hands.hands(context.current(), session.id), shape='projector')
