"""Every catalog translates every text of the code, as it is now (extracted here, not from a file that could be
stale), with the same named placeholders and all plural forms, and passes Babel's own checks."""
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from i18n.catalogs import po_path
from i18n.languages import LANGUAGES, SOURCE

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r'%\((\w+)\)[sdif]|\{(\w+)\}')  # _() and ngettext()'s, and those a Vue component fills in
TRANSLATED = [code for code in LANGUAGES if code != SOURCE and po_path(code).exists()]


@pytest.fixture(scope='module')
def source_texts() -> dict[str, tuple[str, ...]]:
    """msgid -> (msgid,) or (singular, plural), from every _(), ngettext() and N_() in the code."""
    with (ROOT / 'babel.cfg').open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    texts: dict[str, tuple[str, ...]] = {}
    keywords = {**DEFAULT_KEYWORDS, 'plural_forms': (1, 2)}  # i18n/client_texts.py, as in README's pybabel extract
    for _filename, _line, message, _comments, _context in extract_from_dir(ROOT, method_map, options_map,
                                                                           keywords=keywords):
        forms = message if isinstance(message, tuple) else (message,)
        texts[forms[0]] = forms
    assert len(texts) > 100, 'the extraction found the texts'
    return texts


def test_the_extraction_finds_texts_of_pages_components_and_services(source_texts) -> None:
    assert 'Start a study session' in source_texts  # pages/home.py
    assert 'Language: %(language)s' in source_texts  # components/language_switch.py
    assert 'A message cannot be empty.' in source_texts  # services/messages.py


@pytest.mark.parametrize('code', TRANSLATED)
def test_every_text_is_translated_with_its_placeholders(code: str, source_texts) -> None:
    problems = catalog_problems(_catalog(code), source_texts)
    assert not problems, f'{code}: {len(problems)} problems (README: Languages):\n' + '\n'.join(problems)


def _catalog(code: str) -> Catalog:
    with po_path(code).open('rb') as po:
        return read_po(po, locale=code)


def catalog_problems(catalog: Catalog, source_texts: dict[str, tuple[str, ...]]) -> list[str]:
    problems = []
    for msgid, forms in sorted(source_texts.items()):
        message = catalog.get(forms if len(forms) > 1 else msgid)
        if message is None:
            problems.append(f'missing: {msgid!r}')
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f'not translated{" (fuzzy)" if message.fuzzy else ""}: {msgid!r}')
            continue
        problems += _placeholder_problems(msgid, forms, strings, catalog.num_plurals)
    for message, errors in catalog.check():  # Babel's checkers: python-format placeholders, number of plural forms
        problems += [f'{message.id!r}: {error}' for error in errors]
    return problems


def _placeholder_problems(msgid: str, forms: tuple[str, ...], strings: tuple[str, ...], plurals: int) -> list[str]:
    expected = _placeholders(forms[-1])
    problems = []
    if len(forms) > 1 and len(strings) != plurals:
        problems.append(f'{len(strings)} plural forms instead of {plurals}: {msgid!r}')
    for index, string in enumerate(strings):
        found = _placeholders(string)
        # a plural form may leave out the number ("one message" for 1), never add a name or drop another one
        allowed_to_drop = {'count'} if len(forms) > 1 and index < len(strings) - 1 else set()
        if found - expected or expected - found - allowed_to_drop:
            problems.append(f'placeholders {sorted(found)} instead of {sorted(expected)}: {msgid!r} -> {string!r}')
    return problems


def _placeholders(text: str) -> set[str]:
    return {named or braced for named, braced in PLACEHOLDER.findall(text)}


def test_a_missing_or_untranslated_text_or_a_wrong_placeholder_is_found(source_texts) -> None:
    catalog = _catalog('de')
    assert not catalog_problems(catalog, source_texts)
    texts = sorted(source_texts)
    del catalog[texts[0] if len(source_texts[texts[0]]) == 1 else source_texts[texts[0]]]
    catalog['Join “%(title)s”'].string = '„%(titel)s“ beitreten'
    catalog['Create session'].string = ''
    problems = catalog_problems(catalog, source_texts)
    assert any(problem.startswith('missing') for problem in problems)
    assert any('Create session' in problem for problem in problems)
    assert any('titel' in problem for problem in problems)
    assert _placeholder_problems('{a} left', ('{a} left',), ('noch {b}',), 2)


def test_all_nine_languages_have_a_catalog() -> None:
    assert sorted(LANGUAGES) == sorted(['en', 'de', 'fr', 'es', 'pt_BR', 'it', 'uk', 'zh_Hans', 'ar'])
    assert all(po_path(code).exists() for code in TRANSLATED)


def test_a_count_the_browser_shows_has_each_plural_category_of_the_language() -> None:
    from i18n import in_language
    from i18n.client_texts import plural_forms
    with in_language('ar'):
        votes = plural_forms('{count} vote', '{count} votes')
    assert sorted(votes) == sorted(['zero', 'one', 'two', 'few', 'many', 'other'])
    assert len(set(votes.values())) == 6 and votes['many'] == '{count} صوتًا'
    with in_language('uk'):
        votes = plural_forms('{count} vote', '{count} votes')
    assert (votes['one'], votes['few'], votes['many']) == ('{count} голос', '{count} голоси', '{count} голосів')


COUNTED_BY_HAND = re.compile(r'(===|==|!==) ?1 \?|_many\b|\b\w+Many\b')  # `n === 1 ? one : many`


def test_no_component_picks_a_plural_form_itself() -> None:
    """A count is shown with `plural()` / `tn()` from its plural forms (README: Languages), never with `n === 1 ?`:
    Arabic has six forms, Ukrainian three."""
    found = [f'{path.relative_to(ROOT)}: {line.strip()}' for folder in ('components', 'pages')
             for path in sorted((ROOT / folder).rglob('*.[jp][sy]')) for line in path.read_text().splitlines()
             if COUNTED_BY_HAND.search(line)]
    assert not found, '\n'.join(found)


IN_AN_F_STRING = re.compile(r"""\bf(['"]).*\{(_|ngettext|N_)\(""")


def test_no_text_to_translate_is_inside_an_f_string() -> None:
    """Babel does not look into f-strings: a text marked there is never extracted, so never translated."""
    found = [f'{path.relative_to(ROOT)}: {line.strip()}' for folder in ('api', 'asgi', 'components', 'db', 'i18n',
                                                                          'pages', 'realtime', 'services')
             for path in sorted((ROOT / folder).rglob('*.py')) for line in path.read_text().splitlines()
             if IN_AN_F_STRING.search(line)]
    assert not found, '\n'.join(found)
