"""Which language a page or a request gets: the switch, Accept-Language, the server's default."""
import pytest

import i18n
from i18n.languages import known, negotiate


@pytest.mark.parametrize(('header', 'expected'), [
    ('de-DE,de;q=0.9,en;q=0.8', 'de'),
    ('en-US,en;q=0.9', 'en'),
    ('fr-CH;q=0.1, de;q=0.5', 'de'),  # by quality, not by order
    ('nl-NL,nl;q=0.9', None),  # none of ours: the server's default decides
    ('de;q=0', None),
    ('', None),
    (None, None),
    ('*', None),
    ('de;q=abc', None),
])
def test_accept_language_picks_the_best_of_ours(header: str | None, expected: str | None) -> None:
    assert negotiate(header) == expected


def test_language_tags_and_catalog_names_are_both_understood() -> None:
    assert known('de') == known('de-AT') or known('de-AT') is None
    assert known('DE') == 'de'
    assert known('xx') is None
    assert known(None) is None


def test_texts_follow_the_language_they_are_made_in() -> None:
    assert i18n._('Join “%(title)s”', title='Mathe') == 'Join “Mathe”'
    with i18n.in_language('de'):
        assert i18n._('Join “%(title)s”', title='Mathe') == '„Mathe“ beitreten'
        assert i18n.ngettext('%(count)s message', '%(count)s messages', 1, count=1) == '1 Nachricht'
        assert i18n.ngettext('%(count)s message', '%(count)s messages', 3, count=3) == '3 Nachrichten'
    assert i18n.current_language() == 'en'


def test_the_server_language_is_the_default_outside_of_pages() -> None:
    try:
        i18n.set_server_language('de')
        assert i18n._('Close') == 'Schließen'
        with pytest.raises(ValueError, match='no catalog'):
            i18n.set_server_language('xx')
    finally:
        i18n.set_server_language('en')
    assert i18n._('Close') == 'Close'
