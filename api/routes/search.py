"""Search a session's messages and file names."""
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from db.schemas import MaterialPublic
from services import search
from services.host import is_host

from ..deps import Ctx, HostKey, SessionByCode

router = APIRouter(prefix='/api', tags=['search'])


class MessageHitOut(BaseModel):
    id: int
    author: str
    created_at: datetime
    excerpt: str


class QuestionHitOut(BaseModel):
    id: int
    author: str | None
    status: str
    created_at: datetime
    excerpt: str


class SearchOut(BaseModel):
    messages: list[MessageHitOut]
    materials: list[MaterialPublic]
    questions: list[QuestionHitOut] = []


@router.get('/sessions/{code}/search')
async def search_session(session: SessionByCode, ctx: Ctx, host_key: HostKey,
                         q: Annotated[str, Query(max_length=200)] = '') -> SearchOut:
    """Messages (newest first, with a plain-text excerpt), materials whose names contain every word of `q`, and
    questions (anonymous askers unnamed, pending and hidden ones left out, unless with the host key)."""
    found = await search.search(ctx, session, q, host=is_host(session, host_key))
    hits = [MessageHitOut(id=hit.id, author=hit.author, created_at=hit.created_at,
                          excerpt=''.join(text for text, _ in hit.excerpt)) for hit in found.messages]
    asked = [QuestionHitOut(id=hit.id, author=hit.author, status=hit.status, created_at=hit.created_at,
                            excerpt=''.join(text for text, _ in hit.excerpt)) for hit in found.questions]
    return SearchOut(messages=hits, materials=found.materials, questions=asked)
