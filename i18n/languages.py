"""The languages StudyHall speaks: catalog name, how the language calls itself, Quasar's language pack, direction."""
from dataclasses import dataclass
from pathlib import Path

SOURCE = 'en'
LOCALES = Path(__file__).with_name('locales')


@dataclass(frozen=True)
class Language:
    code: str  # the catalog's folder under i18n/locales/ and Babel's locale (English is the source: no catalog)
    name: str  # as the language calls itself, for the switch in the header
    tag: str  # BCP 47, for <html lang> and Accept-Language
    quasar: str  # Quasar's language pack (NiceGUI ships them under static/lang/)
    rtl: bool = False


_ALL = {language.code: language for language in (
    Language('en', 'English', 'en', 'en-US'),
    Language('de', 'Deutsch', 'de', 'de'),
    Language('fr', 'Français', 'fr', 'fr'),
    Language('es', 'Español', 'es', 'es'),
    Language('pt_BR', 'Português (Brasil)', 'pt-BR', 'pt-BR'),
    Language('it', 'Italiano', 'it', 'it'),
    Language('uk', 'Українська', 'uk', 'uk'),
    Language('zh_Hans', '简体中文', 'zh-Hans', 'zh-CN'),
    Language('ar', 'العربية', 'ar', 'ar', rtl=True),
)}
LANGUAGES: dict[str, Language] = {code: language for code, language in _ALL.items()  # those with a catalog
                                  if code == SOURCE or (LOCALES / code / 'LC_MESSAGES' / 'studyhall.po').exists()}

# a browser's tags that name one of ours by another name (compared in lower case, `-` between parts)
ALIASES = {'pt': 'pt_BR', 'zh': 'zh_Hans', 'zh-cn': 'zh_Hans', 'zh-sg': 'zh_Hans', 'zh-hans': 'zh_Hans',
           'zh-tw': 'zh_Hans', 'zh-hk': 'zh_Hans', 'zh-hant': 'zh_Hans'}  # no traditional catalog (yet): the closest


def known(code: str | None) -> str | None:
    """`code` if it is one of ours (as a catalog name or a language tag), else None."""
    if not code:
        return None
    if code in LANGUAGES:
        return code
    tag = code.replace('_', '-').lower()
    for language in LANGUAGES.values():
        if tag in (language.tag.lower(), language.code.lower().replace('_', '-')):
            return language.code
    alias = ALIASES.get(tag)
    return alias if alias in LANGUAGES else None


def negotiate(accept_language: str | None) -> str | None:
    """The best of our languages for an `Accept-Language` header, or None if it names none of them."""
    preferred: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or '').split(',')):
        tag, _, params = part.strip().partition(';')
        quality = 1.0
        for param in params.split(';'):
            name, _, value = param.strip().partition('=')
            if name == 'q':
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if tag and tag != '*' and quality > 0:
            preferred.append((-quality, position, tag.strip()))
    for _quality, _position, tag in sorted(preferred):
        code = known(tag) or known(tag.split('-')[0])
        if code:
            return code
    return None
