"""Events a session's hub channel carries: small typed objects, serialised once per delivery."""
from functools import cached_property
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, Field, TypeAdapter

from db.schemas import HandPublic, MaterialPublic, MessagePublic, QuestionPublic, ReplyPreview, SessionPublic, page_copy

from .audience import Audience, Person


class BaseEvent(BaseModel):
    session_id: int
    to_pages: ClassVar[bool] = True  # the socket fan-out sends it to the browsers of the session
    to_processes: ClassVar[bool] = True  # with Redis, the other processes deliver it too
    stored: ClassVar[bool] = True  # it reports a change to what the database holds (typing and presence do not)

    @cached_property
    def payload(self) -> dict[str, Any]:
        """The JSON-ready form, computed once however many clients receive it."""
        return self.model_dump(mode='json')

    @property
    def page_payload(self) -> dict[str, Any]:
        """What the browsers of the session get: the same, unless a kind of event says otherwise."""
        return self.payload

    def deliveries(self) -> list[tuple[Audience, dict[str, Any]]]:
        """Which pages get which payload, one emit each: by default every page gets `page_payload`. An event that
        hides names from guests sends guests and hosts payloads of their own."""
        return [('everyone', self.page_payload)]


class MessagePosted(BaseEvent):
    type: Literal['message.posted'] = 'message.posted'
    message: MessagePublic

    @cached_property
    def page_payload(self) -> dict[str, Any]:
        """The new message as pages hold messages, without its session id and empty defaults: a sixth fewer bytes
        to every page with every message."""
        return {'type': self.type, 'session_id': self.session_id, 'message': page_copy([self.message])[0]}


class MessageUpdated(BaseEvent):
    """An edit, a deletion or a change of reactions: the message as it is now."""
    type: Literal['message.updated'] = 'message.updated'
    message: MessagePublic


class MaterialShared(BaseEvent):
    type: Literal['material.shared'] = 'material.shared'
    material: MaterialPublic


class MaterialRemoved(BaseEvent):
    type: Literal['material.removed'] = 'material.removed'
    material_id: int


class SessionChanged(BaseEvent):
    """The host renamed, locked, unlocked or closed the session, set a passcode, or pinned a message."""
    type: Literal['session.changed'] = 'session.changed'
    session: SessionPublic
    pinned: ReplyPreview | None = None


class SessionDeleted(BaseEvent):
    """The owner deleted the session for good: its open pages say so and leave (their Python views get it)."""
    type: Literal['session.deleted'] = 'session.deleted'
    to_pages: ClassVar[bool] = False


class ParticipantChanged(BaseEvent):
    """The host muted, unmuted or removed someone."""
    type: Literal['participant.changed'] = 'participant.changed'
    name: str
    muted: bool
    removed: bool


class ReadPositions(BaseEvent):
    """How far people have read now (by name), collected over a short interval."""
    type: Literal['reads.moved'] = 'reads.moved'
    positions: dict[str, int]


class PresenceChanged(BaseEvent):
    """Who has the session open now, in any process (each process works it out for its own pages)."""
    type: Literal['presence.changed'] = 'presence.changed'
    to_processes: ClassVar[bool] = False
    stored: ClassVar[bool] = False
    online: list[str]


class PresenceAnnounced(BaseEvent):
    """Between processes: who has the session open in the process `origin`; `ask`: the others answer with theirs."""
    type: Literal['presence.announced'] = 'presence.announced'
    to_pages: ClassVar[bool] = False
    stored: ClassVar[bool] = False
    origin: str
    online: list[str]
    ask: bool = False


class Typing(BaseEvent):
    type: Literal['typing'] = 'typing'
    stored: ClassVar[bool] = False
    name: str


class PollChanged(BaseEvent):
    """A poll was made, launched, closed or revealed: the host's view to hosts, the guests' view (None for a draft)
    to guests."""
    type: Literal['poll.changed'] = 'poll.changed'
    poll_id: int
    host: dict[str, Any]
    guest: dict[str, Any] | None = None

    def deliveries(self) -> list[tuple[Audience, dict[str, Any]]]:
        base = {'type': self.type, 'session_id': self.session_id}
        sent: list[tuple[Audience, dict[str, Any]]] = [('hosts', {**base, 'poll': self.host})]
        if self.guest is not None:
            sent.append(('guests', {**base, 'poll': self.guest}))
        return sent


class PollCounts(BaseEvent):
    """A poll's counts now, read from its answers (coalesced: a few per second however fast answers come). Guests
    get them while the results are visible; who chose what (named polls only) goes to hosts only."""
    type: Literal['poll.counts'] = 'poll.counts'
    poll_id: int
    votes: list[int]
    voters: int
    visible: bool
    chosen_by: dict[str, list[int]] | None = None

    def deliveries(self) -> list[tuple[Audience, dict[str, Any]]]:
        counts = {'type': self.type, 'session_id': self.session_id, 'poll_id': self.poll_id, 'votes': self.votes,
                  'voters': self.voters}
        sent: list[tuple[Audience, dict[str, Any]]] = [('hosts', {**counts, 'chosen_by': self.chosen_by})]
        if self.visible:
            sent.append(('guests', counts))
        return sent


class PollMine(BaseEvent):
    """A person answered a named poll: their other pages (tabs, devices) show their choice too. (An anonymous poll's
    answer is told only to the page that gave it: no event names its person.)"""
    type: Literal['poll.mine'] = 'poll.mine'
    poll_id: int
    person_key: str
    choices: list[int]

    def deliveries(self) -> list[tuple[Audience, dict[str, Any]]]:
        return [(Person(self.person_key), {'type': self.type, 'session_id': self.session_id, 'poll_id': self.poll_id,
                                           'choices': self.choices})]


class ScoreboardChanged(BaseEvent):
    """The quiz scoreboard now: to hosts, and to guests when the host shows it to everybody."""
    type: Literal['scoreboard.changed'] = 'scoreboard.changed'
    rows: list[dict[str, Any]]
    public: bool

    def deliveries(self) -> list[tuple[Audience, dict[str, Any]]]:
        payload = {'type': self.type, 'session_id': self.session_id, 'rows': self.rows, 'public': self.public}
        hidden = {**payload, 'rows': []}
        return [('hosts', payload), ('guests', payload if self.public else hidden)]


class TimerChanged(BaseEvent):
    """The shared timer was set, paused, resumed, lengthened or stopped (None): pages count down from it."""
    type: Literal['timer.changed'] = 'timer.changed'
    timer: dict[str, Any] | None


class StageChanged(BaseEvent):
    """The host chose what the projector shows."""
    type: Literal['stage.changed'] = 'stage.changed'
    stage: dict[str, Any]


class QuestionChanged(BaseEvent):
    """A question asked, approved, answered, highlighted or hidden: the question as it is now. Guests never get the
    name of an anonymous asker; a question awaiting approval reaches only the hosts and the asker's pages; a hidden
    one leaves the guests' pages."""
    type: Literal['question.changed'] = 'question.changed'
    question: QuestionPublic
    asker_key: str | None = None  # the asker's name key: their pages see their question while it awaits approval

    def deliveries(self) -> list[tuple[Audience, dict[str, Any]]]:
        question = self.question
        for_hosts: dict[str, Any] = {'type': self.type, 'session_id': self.session_id,
                                     'question': question.model_dump(mode='json')}
        if question.status == 'hidden':
            return [('hosts', for_hosts), ('guests', {'type': 'question.removed', 'session_id': self.session_id,
                                                      'id': question.id})]
        for_guests = {**for_hosts, 'question': question.for_guests().model_dump(mode='json')}
        if question.status == 'pending':
            deliveries: list[tuple[Audience, dict[str, Any]]] = [('hosts', for_hosts)]
            return [*deliveries, (Person(self.asker_key), for_guests)] if self.asker_key else deliveries
        return [('hosts', for_hosts), ('guests', for_guests)]


class QuestionVotes(BaseEvent):
    """The votes of the questions that changed, as the rows count them now, collected over a short interval."""
    type: Literal['question.votes'] = 'question.votes'
    votes: dict[int, int]


class HandsChanged(BaseEvent):
    """The queue of raised hands as it is now, first raised first, collected over a short interval. Pages get it
    compact, `[[name, raised_at as ms since the epoch], ...]` (the place is the order): a class raising its hands at
    once costs each page a few small updates."""
    type: Literal['hands.changed'] = 'hands.changed'
    hands: list[HandPublic]

    @cached_property
    def page_payload(self) -> dict[str, Any]:
        return {'type': self.type, 'session_id': self.session_id,
                'hands': [[hand.name, round(hand.raised_at.timestamp() * 1000)] for hand in self.hands]}


class HandTurn(BaseEvent):
    """The host called on the first hand: that person's pages say it is their turn."""
    type: Literal['hand.turn'] = 'hand.turn'
    name: str
    name_key: str

    def deliveries(self) -> list[tuple[Audience, dict[str, Any]]]:
        return [(Person(self.name_key), {'type': self.type, 'session_id': self.session_id, 'name': self.name})]


class HubResynced(BaseEvent):
    """Live updates of this session may have been missed (the hub lost Redis): pages re-read what they show."""
    type: Literal['hub.resynced'] = 'hub.resynced'


Event = Annotated[MessagePosted | MessageUpdated | MaterialShared | MaterialRemoved | SessionChanged
                  | SessionDeleted | ParticipantChanged | ReadPositions | PresenceChanged | PresenceAnnounced | Typing
                  | HubResynced | PollChanged | PollCounts | PollMine | ScoreboardChanged | TimerChanged | StageChanged
                  | QuestionChanged | QuestionVotes | HandsChanged | HandTurn,
                  Field(discriminator='type')]
_event_adapter: TypeAdapter[Event] = TypeAdapter(Event)


def parse_event(data: dict[str, Any] | str | bytes) -> Event:
    if isinstance(data, dict):
        return _event_adapter.validate_python(data)
    return _event_adapter.validate_json(data)
