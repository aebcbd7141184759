"""Crafted message bodies: the worst inputs for the renderer found so far (tests/services/render_corpus.json), each
as a recipe that fills a message of the maximum length."""
import json
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / 'tests' / 'services' / 'render_corpus.json'
MAX_CHARS = 4000


def fill(before: str, repeat: str, after: str = '', length: int = MAX_CHARS) -> str:
    """`before`, then `repeat` as often as fits, then `after`: `length` characters at most."""
    room = length - len(before) - len(after)
    return before + (repeat * (room // max(1, len(repeat)) + 1))[:room] + after


def nest(opening: str, inner: str, closing: str, length: int = MAX_CHARS) -> str:
    """`opening` k times, `inner`, `closing` k times: as deep as fits in `length`."""
    depth = (length - len(inner)) // max(1, len(opening) + len(closing))
    return opening * depth + inner + closing * depth


def body_of(recipe: dict, length: int = MAX_CHARS) -> str:
    if 'nest' in recipe:
        opening, inner, closing = recipe['nest']
        return recipe.get('before', '') + nest(opening, inner, closing, length - len(recipe.get('before', '')) -
                                               len(recipe.get('after', ''))) + recipe.get('after', '')
    return fill(recipe.get('before', ''), recipe['repeat'], recipe.get('after', ''), length)


def corpus(length: int = MAX_CHARS) -> list[tuple[str, str]]:
    """(name, body) of every crafted input kept."""
    return [(recipe['name'], body_of(recipe, length)) for recipe in json.loads(CORPUS.read_text())]
