"""participant: names compare by their look-alike key (UTS #39 skeleton), long enough for any name

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 22:00:00

Existing participants get the new key. Two people of one session whose names were different but look alike
(`Teacher` and `Tеacher` with a Cyrillic е) now have the same key, which the unique constraint (session_id,
name_key) allows only once: the host, else whoever joined first, keeps the name; each other one gets a numbered
name (`Tеacher (2)`), and their messages and files show it, so nobody is lost and nobody keeps posing as somebody
else. Mentions stored in messages follow their person's new key.
"""
import html
import logging
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from icu import SpoofChecker

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger('alembic.runtime.migration')

NAME_MAX = 40
KEY_MAX = 800  # NFKC turns one character into up to 18 (U+FDFA): a name of 40 has a key of at most 720
PARKED = '\x01'  # no key holds a control character: a key on its way to its new value, unique meanwhile
_MENTION = re.compile(r'data-mention="([^"]*)"')
_confusables = SpoofChecker()

participant = sa.table('participant', sa.column('id', sa.Integer), sa.column('session_id', sa.Integer),
                       sa.column('name', sa.String), sa.column('name_key', sa.String),
                       sa.column('is_host', sa.Boolean))
message = sa.table('message', sa.column('id', sa.Integer), sa.column('session_id', sa.Integer),
                   sa.column('participant_id', sa.Integer), sa.column('author', sa.String),
                   sa.column('html', sa.String))
material = sa.table('material', sa.column('participant_id', sa.Integer), sa.column('author', sa.String))


def look_alike_key(name: str) -> str:
    """services.text.name_key as of this revision (a migration keeps the rule it was written for)."""
    folded = unicodedata.normalize('NFKC', name).casefold()
    capitals = _confusables.getSkeleton(0, folded.upper()).casefold()
    return unicodedata.normalize('NFC', _confusables.getSkeleton(0, capitals).casefold())


def folded_key(name: str) -> str:
    """The key before this revision."""
    return unicodedata.normalize('NFKC', name).casefold()


def upgrade() -> None:
    # SQLite does not hold a string to its length, and would copy the table to change it: dropping the old copy
    # with foreign keys on would set every message's participant to NULL
    if op.get_bind().dialect.name != 'sqlite':
        op.alter_column('participant', 'name_key', existing_type=sa.String(length=NAME_MAX),
                        type_=sa.String(length=KEY_MAX), existing_nullable=False)
    rekey(look_alike_key)


def downgrade() -> None:
    # the column stays wide: keys of names with compatibility characters were longer than 40 before, too
    rekey(folded_key)


def rekey(key_of) -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.select(participant.c.id, participant.c.session_id, participant.c.name,
                                        participant.c.name_key, participant.c.is_host)
                              .order_by(participant.c.session_id, participant.c.id)).all()
    by_session = defaultdict(list)
    for row in rows:
        by_session[row.session_id].append(row)
    for session_id, people in by_session.items():
        changes = _new_names_and_keys(people, key_of)
        if not changes:
            continue
        for person_id in changes:  # first out of each other's way, then to the new key
            connection.execute(participant.update().where(participant.c.id == person_id)
                               .values(name_key=f'{PARKED}{person_id}'))
        for person_id, (name, key) in changes.items():
            connection.execute(participant.update().where(participant.c.id == person_id)
                               .values(name=name, name_key=key))
        old_keys = {row.id: row.name_key for row in people}
        renamed = {person_id: name for person_id, (name, _) in changes.items()
                   if name != next(row.name for row in people if row.id == person_id)}
        _follow_renames(connection, renamed, session_id)
        _follow_mentions(connection, session_id, {old_keys[person_id]: key for person_id, (_, key) in changes.items()})


def _new_names_and_keys(people: list, key_of) -> dict[int, tuple[str, str]]:
    """Participant id -> (name, key) for those whose key changes; look-alikes after the first get a number."""
    taken: set[str] = set()
    changes = {}
    # the host keeps their name, then whoever joined first
    for row in sorted(people, key=lambda row: (not row.is_host, row.id)):
        name, key = row.name, key_of(row.name)
        number = 1
        while key in taken:
            number += 1
            suffix = f' ({number})'
            name = f'{row.name[:NAME_MAX - len(suffix)].rstrip()}{suffix}'
            key = key_of(name)
        taken.add(key)
        if (name, key) != (row.name, row.name_key):
            changes[row.id] = (name, key)
        if name != row.name:
            log.warning('participant %d of session %d: "%s" looks like someone else in the session, now "%s"',
                        row.id, row.session_id, row.name, name)
    return changes


def _follow_renames(connection, renamed: dict[int, str], session_id: int) -> None:
    for person_id, name in renamed.items():
        connection.execute(message.update().where(message.c.session_id == session_id,
                                                  message.c.participant_id == person_id).values(author=name))
        connection.execute(material.update().where(material.c.participant_id == person_id).values(author=name))


def _attribute(value: str) -> str:
    """As nh3 writes an attribute's value."""
    return value.replace('&', '&amp;').replace('\xa0', '&nbsp;').replace('"', '&quot;')


def _follow_mentions(connection, session_id: int, new_keys: dict[str, str]) -> None:
    """`data-mention="key"` in stored HTML names whom a message mentions: the old key becomes that person's new one."""
    rows = connection.execute(sa.select(message.c.id, message.c.html).where(
        message.c.session_id == session_id, message.c.html.like('%data-mention=%'))).all()
    for row in rows:
        def swap(match: re.Match) -> str:
            old = html.unescape(match.group(1))
            return f'data-mention="{_attribute(new_keys.get(old, old))}"'
        changed = _MENTION.sub(swap, row.html)
        if changed != row.html:
            connection.execute(message.update().where(message.c.id == row.id).values(html=changed))
