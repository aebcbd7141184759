"""Search a session's messages and file names."""
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from db.schemas import MaterialPublic
from services import search

from ..deps import Ctx, SessionByCode

router = APIRouter(prefix='/api', tags=['search'])


class MessageHitOut(BaseModel):
    id: int
    author: str
    created_at: datetime
    excerpt: str


class SearchOut(BaseModel):
    messages: list[MessageHitOut]
    materials: list[MaterialPublic]


@router.get('/sessions/{code}/search')
async def search_session(session: SessionByCode, ctx: Ctx,
                         q: Annotated[str, Query(max_length=200)] = '') -> SearchOut:
    """Messages (newest first, with a plain-text excerpt) and materials whose names contain every word of `q`."""
    found = await search.search(ctx, session, q)
    hits = [MessageHitOut(id=hit.id, author=hit.author, created_at=hit.created_at,
                          excerpt=''.join(text for text, _ in hit.excerpt)) for hit in found.messages]
    return SearchOut(messages=hits, materials=found.materials)
