"""Messages: post (idempotent by `client_msg_id`), list, edit, delete, react."""
from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

from db.schemas import MessagePublic
from services import messages

from ..deps import BrowserId, Ctx, HostKey, SessionByCode

router = APIRouter(prefix='/api', tags=['messages'])


class MessageCreate(BaseModel):
    author: str
    body: str
    client_msg_id: str | None = None
    reply_to_id: int | None = None


class MessageEdit(BaseModel):
    author: str
    body: str


class ReactionToggle(BaseModel):
    author: str
    emoji: str


@router.post('/sessions/{code}/messages', status_code=201, responses={200: {'description': 'a retried post'}})
async def post_message(data: MessageCreate, session: SessionByCode, ctx: Ctx, browser: BrowserId,
                       response: Response) -> MessagePublic:
    """As `author`: a name nobody took yet, or one this browser took (409 for a name somebody else took)."""
    message, is_new = await messages.post_message(ctx, session, data.author, data.body, data.client_msg_id,
                                                  data.reply_to_id, browser)
    if not is_new:
        response.status_code = 200
    return message


@router.get('/sessions/{code}/messages')
async def list_messages(session: SessionByCode, ctx: Ctx, after_id: Annotated[int, Query(ge=0)] = 0,
                        limit: Annotated[int, Query(ge=1, le=500)] = 100) -> list[MessagePublic]:
    """Messages with `id > after_id`, in ascending id order."""
    return await messages.messages_after(ctx, session.id, after_id, limit)


@router.patch('/sessions/{code}/messages/{message_id}')
async def edit_message(message_id: int, data: MessageEdit, session: SessionByCode, ctx: Ctx,
                       browser: BrowserId) -> MessagePublic:
    """Only the author edits (403 for anybody else)."""
    return await messages.edit_message(ctx, session, message_id, data.author, data.body, browser)


@router.delete('/sessions/{code}/messages/{message_id}')
async def delete_message(message_id: int, session: SessionByCode, ctx: Ctx, browser: BrowserId, host_key: HostKey,
                         author: str = '') -> MessagePublic:
    """The author deletes their message (`?author=`), the host any message (`X-Host-Key`); a stub stays."""
    if host_key is not None:
        return await messages.remove_message(ctx, session, message_id, host_key)
    return await messages.delete_message(ctx, session, message_id, author, browser)


@router.post('/sessions/{code}/messages/{message_id}/reactions')
async def toggle_reaction(message_id: int, data: ReactionToggle, session: SessionByCode, ctx: Ctx,
                          browser: BrowserId) -> MessagePublic:
    """The same reaction by the same person again takes it back."""
    return await messages.toggle_reaction(ctx, session, message_id, data.author, data.emoji, browser)
