"""Whether this browser is the owner's: it opened the owner link, and the key it kept is still the owner key."""
from nicegui import app

from services import context, owner

STORAGE_KEY = 'owner_key'


def is_owner_browser() -> bool:
    return owner.is_owner(context.current(), app.storage.user.get(STORAGE_KEY))


def remember_owner_key(key: str) -> None:
    """Only a key that was checked (`owner.require_owner`) is kept; a new owner key makes it worthless."""
    app.storage.user[STORAGE_KEY] = key
