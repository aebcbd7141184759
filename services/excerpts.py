"""Excerpts of a message where a person reads one (reply quotes, the pinned banner, search results): readable text,
never Markdown syntax, with math kept as math. Made from the message's stored HTML (already rendered and sanitised):
text and inline code stay, links become their text, blocks become spaces, and formulas stay MathML (shown inline).
The browser makes the same from a message it has (components/studyhall/excerpt.js)."""
import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

from .rendering import sanitize

BLOCKS = {'p', 'br', 'hr', 'li', 'ul', 'ol', 'div', 'pre', 'blockquote', 'tr', 'td', 'th', 'table',
          'h1', 'h2', 'h3', 'h4', 'h5', 'h6'}
# the note that a message is shown as typed, the words before a poll card's question: not part of what was written
SKIPPED_CLASSES = {'sh-plain-note', 'sh-poll-note'}
SPACE = re.compile(r'\s+')


@dataclass
class Piece:
    kind: str  # 'text', 'code' or 'math'
    text: str  # what it reads as (for math, its characters, which count towards the length)
    html: str = ''  # math only: its sanitised MathML


def excerpt_html(html: str, limit: int, words: list[str] | None = None) -> str:
    """Safe inline HTML of about `limit` characters; with `words`, it starts near the first match, and matches in
    the text are in `<mark>`."""
    pieces = _window(pieces_of(html), limit, words)
    pattern = _pattern(words)
    out = []
    for piece in pieces:
        if piece.kind == 'math':
            out.append(piece.html)
        elif piece.kind == 'code':
            out.append(f'<code>{_marked(piece.text, pattern)}</code>')
        else:
            out.append(_marked(piece.text, pattern))
    return ''.join(out)


def excerpt_text(html: str, limit: int) -> str:
    """The same excerpt as plain text (formulas as their characters), for labels and the API."""
    return ''.join(piece.text for piece in _window(pieces_of(html), limit, None))


def pieces_of(html: str) -> list[Piece]:
    parser = _Pieces()
    parser.feed(html or '')
    parser.close()
    pieces = [piece for piece in parser.pieces if piece.text]
    if pieces and pieces[0].kind == 'text':
        pieces[0].text = pieces[0].text.lstrip()
    if pieces and pieces[-1].kind != 'math':
        pieces[-1].text = pieces[-1].text.rstrip()
    return [piece for piece in pieces if piece.text]


def _window(pieces: list[Piece], limit: int, words: list[str] | None) -> list[Piece]:
    """The pieces from near the first match (or the start), cut to `limit` characters with '…' where cut."""
    start = 0
    pattern = _pattern(words)
    if pattern:
        text = ''.join(piece.text for piece in pieces)
        first = pattern.search(text)
        start = max(0, (first.start() if first else 0) - limit // 3)
    shown: list[Piece] = []
    position, used = 0, 0
    if start:
        shown.append(Piece('text', '…'))
        used = 1
    for piece in pieces:
        begin, position = position, position + len(piece.text)
        if position <= start:
            continue
        if begin < start:  # the window starts inside this piece
            if piece.kind == 'math':
                continue
            piece = Piece(piece.kind, piece.text[start - begin:].lstrip())
        room = limit - used
        if len(piece.text) > room:  # cut here: the '…' takes one character of the room
            if piece.kind != 'math' and room > 1:
                shown.append(Piece(piece.kind, piece.text[:room - 1].rstrip()))
            elif room < 1 and shown:
                last = shown.pop()
                if last.kind != 'math' and len(last.text) > 1:
                    shown.append(Piece(last.kind, last.text[:-1]))
            shown.append(Piece('text', '…'))
            break
        shown.append(piece)
        used += len(piece.text)
    return shown


def _pattern(words: list[str] | None) -> re.Pattern | None:
    if not words:
        return None
    return re.compile('|'.join(re.escape(word) for word in sorted(words, key=len, reverse=True)), re.IGNORECASE)


def _marked(text: str, pattern: re.Pattern | None) -> str:
    if pattern is None:
        return escape(text)
    out, position = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[position:match.start()]))
        out.append(f'<mark>{escape(match.group())}</mark>')
        position = match.end()
    out.append(escape(text[position:]))
    return ''.join(out)


class _Pieces(HTMLParser):
    """Walks the sanitised HTML of a message into text, code and math pieces."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[Piece] = []
        self.math: list[str] | None = None  # the markup of the formula being read
        self.math_text: list[str] = []
        self.depth = 0  # of <math> elements
        self.code = 0
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skip:
            self.skip += 1
            return
        if tag == 'math' and self.math is None:
            self.math, self.math_text = [], []
        if self.math is not None:
            if tag == 'math':
                self.depth += 1
                attrs = [(name, value) for name, value in attrs if name != 'display'] + [('display', 'inline')]
            self.math.append(f'<{tag}' + ''.join(f' {name}="{escape(value or "")}"' for name, value in attrs) + '>')
            return
        if tag == 'span' and SKIPPED_CLASSES & set((dict(attrs).get('class') or '').split()):
            self.skip = 1
        elif tag == 'code':
            self.code += 1
        elif tag in BLOCKS:
            self._text(' ')

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if self.math is not None or tag in ('span',):
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self.skip:
            self.skip -= 1
            return
        if self.math is not None:
            self.math.append(f'</{tag}>')
            if tag == 'math':
                self.depth -= 1
                if self.depth == 0:
                    text = SPACE.sub('', ''.join(self.math_text)) or '∎'
                    self.pieces.append(Piece('math', text, sanitize(''.join(self.math))))
                    self.math = None
            return
        if tag == 'code':
            self.code = max(0, self.code - 1)
        elif tag in BLOCKS:
            self._text(' ')

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.math is not None:
            self.math.append(escape(data))
            self.math_text.append(data)
            return
        self._text(data, 'code' if self.code else 'text')

    def _text(self, data: str, kind: str = 'text') -> None:
        data = SPACE.sub(' ', data)
        last = self.pieces[-1] if self.pieces else None
        if last is not None and last.kind == kind:
            last.text = SPACE.sub(' ', last.text + data)
        elif kind == 'text' and last is not None and data == ' ' and last.text.endswith(' '):
            return
        else:
            self.pieces.append(Piece(kind, data))
