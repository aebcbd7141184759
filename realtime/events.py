"""Events a session's hub channel carries: small typed objects, serialised once per delivery."""
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, TypeAdapter

from db.schemas import MaterialPublic, MessagePublic


class BaseEvent(BaseModel):
    session_id: int

    @cached_property
    def payload(self) -> dict[str, Any]:
        """The JSON-ready form, computed once however many clients receive it."""
        return self.model_dump(mode='json')


class MessagePosted(BaseEvent):
    type: Literal['message.posted'] = 'message.posted'
    message: MessagePublic


class MaterialShared(BaseEvent):
    type: Literal['material.shared'] = 'material.shared'
    material: MaterialPublic


class HubResynced(BaseEvent):
    """Live updates of this session may have been missed (the hub lost Redis): pages re-read what they show."""
    type: Literal['hub.resynced'] = 'hub.resynced'


Event = Annotated[MessagePosted | MaterialShared | HubResynced, Field(discriminator='type')]
_event_adapter: TypeAdapter[Event] = TypeAdapter(Event)


def parse_event(data: dict[str, Any] | str | bytes) -> Event:
    if isinstance(data, dict):
        return _event_adapter.validate_python(data)
    return _event_adapter.validate_json(data)
