"""Search a session's messages and material names; results carry highlighted excerpts."""
import re
from dataclasses import dataclass, field
from datetime import datetime

from db import queries, question_queries
from db.models import Message, StudySession
from db.schemas import EXCERPT_CHARS, MaterialPublic

from .context import Context
from .excerpts import excerpt_html, pieces_of
from .poll_cards import author_name, neutral

WORD = re.compile(r'\w+')
MAX_WORDS = 8


@dataclass(frozen=True)
class MessageHit:
    id: int
    author: str
    created_at: datetime
    excerpt: list[tuple[str, bool]]  # pieces of plain text, and whether each is a match
    html: str = ''  # the excerpt as people read it: safe inline HTML, formulas as math, matches in <mark>


@dataclass(frozen=True)
class QuestionHit:
    id: int
    author: str | None  # None: an anonymous question, unless the host searched
    status: str
    created_at: datetime
    excerpt: list[tuple[str, bool]]
    html: str = ''


@dataclass(frozen=True)
class SearchResults:
    messages: list[MessageHit]
    materials: list[MaterialPublic]
    questions: list[QuestionHit] = field(default_factory=list)


async def search(ctx: Context, session: StudySession, query: str, limit: int = 30, *,
                 host: bool = False) -> SearchResults:
    """Every word of the query must match; Markdown, HTML or search syntax in it are just characters. Questions
    awaiting approval or hidden are found by the host only, and only the host sees who asked an anonymous one."""
    words = [word.lower() for word in WORD.findall(query or '')][:MAX_WORDS]
    if not words:
        return SearchResults([], [])
    async with ctx.db.read() as db:
        rows = await queries.search_messages(db, session.id, words, limit)
        files = await queries.search_materials(db, session.id, words, limit)
        statuses = ('open', 'pending', 'answered', 'hidden') if host else ('open', 'answered')
        asked = await question_queries.search_questions(db, session.id, words, statuses, limit)
    hits = [MessageHit(row.id, author, row.created_at, excerpt(_readable(html), words),
                       excerpt_html(html, EXCERPT_CHARS, words)) for row in rows for author, html in [_as_read(row)]]
    questions = [QuestionHit(row.id, row.author if host or not row.anonymous else None, row.status, row.created_at,
                             excerpt(_readable(row.html), words), excerpt_html(row.html, EXCERPT_CHARS, words))
                 for row in asked]
    return SearchResults(hits, [MaterialPublic.of(row, session.code) for row in files], questions)


def _as_read(row: Message) -> tuple[str, str]:
    """A message's author and HTML as the searcher reads them (a poll's card: its host in their language)."""
    if row.poll_id is None:
        return row.author, row.html
    author, _body, html = neutral(row.author, row.body, row.html)
    return author_name(author), html


def _readable(html: str) -> str:
    """The whole text as a person reads it (no Markdown syntax; formulas as their characters)."""
    return ''.join(piece.text for piece in pieces_of(html))


def excerpt(body: str, words: list[str]) -> list[tuple[str, bool]]:
    """About EXCERPT_CHARS of the body around the first match, split into plain and matching pieces."""
    text = ' '.join(body.split())
    pattern = re.compile('|'.join(re.escape(word) for word in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    first = pattern.search(text)
    start = max(0, (first.start() if first else 0) - EXCERPT_CHARS // 3)
    end = start + EXCERPT_CHARS
    window = ('…' if start else '') + text[start:end] + ('…' if end < len(text) else '')
    pieces, position = [], 0
    for match in pattern.finditer(window):
        if match.start() > position:
            pieces.append((window[position:match.start()], False))
        pieces.append((match.group(), True))
        position = match.end()
    if position < len(window):
        pieces.append((window[position:], False))
    return pieces
