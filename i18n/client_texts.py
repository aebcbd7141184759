"""Texts for the Vue components, translated on the server and handed over as props: a `{name}` in them is filled in
by the component (`fmt` in components/studyhall/index.js), and a plural comes as one text per CLDR plural category
of the page's language, which the browser picks with Intl.PluralRules (`plural` there)."""
from functools import lru_cache

from babel import Locale

from . import current_language, in_language, ngettext

_SAMPLES = range(0, 1001)  # every CLDR category of our languages for whole numbers has one below 1000


def plural_forms(singular: str, plural: str) -> dict[str, str]:
    """`{category: text}` for each plural category of the current language (`one`, `few`, `many`, `other`...)."""
    return dict(_forms(current_language(), singular, plural))


@lru_cache(maxsize=1024)
def _forms(code: str, singular: str, plural: str) -> tuple[tuple[str, str], ...]:
    locale = Locale.parse(code)
    forms: dict[str, str] = {}
    with in_language(code):
        for number in _SAMPLES:
            forms.setdefault(str(locale.plural_form(number)), ngettext(singular, plural, number))
        forms.setdefault('other', ngettext(singular, plural, 1000))  # a category the browser may know and Babel not
    return tuple(forms.items())
