"""Events a session's hub channel carries: small typed objects, serialised once per delivery."""
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, TypeAdapter

from db.schemas import MaterialPublic, MessagePublic, ReplyPreview, SessionPublic


class BaseEvent(BaseModel):
    session_id: int

    @cached_property
    def payload(self) -> dict[str, Any]:
        """The JSON-ready form, computed once however many clients receive it."""
        return self.model_dump(mode='json')


class MessagePosted(BaseEvent):
    type: Literal['message.posted'] = 'message.posted'
    message: MessagePublic


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
    """Who has the session open now."""
    type: Literal['presence.changed'] = 'presence.changed'
    online: list[str]


class Typing(BaseEvent):
    type: Literal['typing'] = 'typing'
    name: str


class HubResynced(BaseEvent):
    """Live updates of this session may have been missed (the hub lost Redis): pages re-read what they show."""
    type: Literal['hub.resynced'] = 'hub.resynced'


Event = Annotated[MessagePosted | MessageUpdated | MaterialShared | MaterialRemoved | SessionChanged
                  | ParticipantChanged | ReadPositions | PresenceChanged | Typing | HubResynced,
                  Field(discriminator='type')]
_event_adapter: TypeAdapter[Event] = TypeAdapter(Event)


def parse_event(data: dict[str, Any] | str | bytes) -> Event:
    if isinstance(data, dict):
        return _event_adapter.validate_python(data)
    return _event_adapter.validate_json(data)
