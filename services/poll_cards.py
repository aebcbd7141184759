"""The message that carries a poll's card in the history, where the poll was launched. What people typed (the
question) is stored as typed; the app's own words are stored in no language and filled in where the card is read,
in its reader's language: the author is the host's name, or empty while the host has none (read as `HOST`), and
the HTML holds an empty `sh-poll-note` span where `POLL_LINE`'s words before the question go (`with_poll_note`;
excerpts leave it out, and the chat shows the card itself). Cards stored by older versions ("Poll: …" under
"Host", in the launcher's language) are recognised and read the same way (`neutral`), so no migration."""
import re
from functools import cache
from html import escape

from i18n import LANGUAGES, N_, _, in_language

HOST = N_('Host')  # the author of a card launched before the host had a name, in the reader's language
POLL_LINE = N_('Poll: %(question)s')  # the card's text where it is read as text (export, a card not loaded yet)
POLL_NOTE_MARK = '<span class="sh-poll-note"></span>'  # what is stored: the place of the words before the question
_POLL_NOTE_PLACE = re.compile(r'<span class="sh-poll-note">[^<]*</span>')  # also in components/studyhall/index.js


def card_html(question: str) -> str:
    return f'<p>{POLL_NOTE_MARK}{escape(question)}</p>'


def poll_note() -> str:
    """The words before the question in the current language ("Poll: ", "投票：")."""
    return _(POLL_LINE, question='')


def poll_line(question: str) -> str:
    return _(POLL_LINE, question=question)


def author_name(author: str) -> str:
    """A card's author as read: the host's name, or `HOST` in the current language."""
    return author or _(HOST)


def with_poll_note(html: str) -> str:
    """A card's (neutral) HTML with the words before the question in the current language."""
    if 'sh-poll-note' not in html:
        return html
    note = f'<span class="sh-poll-note">{escape(poll_note())}</span>'
    return _POLL_NOTE_PLACE.sub(lambda _match: note, html)


@cache
def _old_forms() -> tuple[frozenset[str], tuple[str, ...]]:
    """'Host' and the words before a question as older versions stored them, in any of our languages."""
    hosts, notes = {HOST}, {POLL_LINE % {'question': ''}}
    for code in LANGUAGES:
        with in_language(code):
            hosts.add(_(HOST))
            notes.add(poll_note())
    return frozenset(hosts), tuple(sorted(notes, key=len, reverse=True))


def neutral(author: str, body: str, html: str) -> tuple[str, str, str]:
    """A card's stored (author, body, html) in the form stored now, also for a card stored by an older version:
    the author's name or '', the question as typed, the question's HTML with the place of the note."""
    hosts, notes = _old_forms()
    if author in hosts:
        author = ''
    if POLL_NOTE_MARK in html or not (body or html):  # stored now, or deleted
        return author, body, html
    for note in notes:
        if body.startswith(note):
            body = body[len(note):]
            break
    return author, body, card_html(body)
