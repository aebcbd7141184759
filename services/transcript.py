"""A session's history as documents: Markdown to read, JSON to process."""
import json
from datetime import datetime

from db.schemas import MaterialPublic, MessagePublic, SessionPublic
from i18n import _, ngettext
from i18n.formatting import format_number

from .poll_cards import author_name, poll_line, with_poll_note
from .rendering import with_plain_note


def as_markdown(session: SessionPublic, messages: list[MessagePublic], exported_at: datetime) -> str:
    lines = [f'# {session.title}', '']
    if session.description:
        lines += [session.description, '']
    count = ngettext('%(count)s message', '%(count)s messages', len(messages), count=format_number(len(messages)))
    lines += [_('Join code %(code)s · exported %(when)s · %(count)s', code=session.code, when=_when(exported_at),
                count=count), '', '---', '']
    for message in messages:
        read = _as_read(message)
        lines += [f'**{read["author"]}** · {_when(message.created_at)}', '', read['body'], '']
    return '\n'.join(lines)


def as_json(session: SessionPublic, messages: list[MessagePublic], materials: list[MaterialPublic],
            file_names: list[str], exported_at: datetime) -> str:
    document = {
        'session': session.model_dump(mode='json'),
        'exported_at': exported_at.isoformat(),
        # the app's words in a message (the note of a message shown as typed, a poll card's "Poll:" and "Host") in
        # the language of the export (its request's, English by default)
        'messages': [{**message.model_dump(mode='json'), **_as_read(message)} for message in messages],
        'materials': [{**material.model_dump(mode='json'), 'file': f'materials/{name}'}
                      for material, name in zip(materials, file_names, strict=True)],
    }
    return json.dumps(document, ensure_ascii=False, indent=2)


def _as_read(message: MessagePublic) -> dict[str, str]:
    """A message's author, body and HTML with the app's words in the current language."""
    if message.poll_id is None:
        return {'author': message.author, 'body': message.body, 'html': with_plain_note(message.html)}
    return {'author': author_name(message.author), 'body': poll_line(message.body) if message.body else '',
            'html': with_poll_note(message.html)}


def unique_names(names: list[str]) -> list[str]:
    """`notes.txt`, `notes.txt`, `Notes.txt` -> `notes.txt`, `notes (2).txt`, `Notes (3).txt` (any file system)."""
    seen: set[str] = set()
    result = []
    for name in names:
        stem, dot, suffix = name.rpartition('.')
        if not stem:
            stem, dot, suffix = name, '', ''
        candidate, number = name, 1
        while candidate.casefold() in seen:
            number += 1
            candidate = f'{stem} ({number}){dot}{suffix}'
        seen.add(candidate.casefold())
        result.append(candidate)
    return result


def _when(moment: datetime) -> str:
    return moment.strftime('%Y-%m-%d %H:%M UTC')
