import pytest

from services.text import clean_body, clean_file_name, clean_line, human_size, name_key


def test_a_line_loses_control_and_invisible_characters() -> None:
    assert clean_line('  An\u200ba\x00 \n\t Lee\u202e ', 40) == 'Ana Lee'


def test_a_line_is_bounded() -> None:
    assert clean_line('x' * 100, 40) == 'x' * 40


def test_names_compare_after_normalisation_and_case_folding() -> None:
    assert name_key('Ana') == name_key('ANA') == name_key('Ａｎａ')


@pytest.mark.parametrize('look_alike', [
    'T\u0435acher',  # Cyrillic small е
    '\u03a4eacher',  # Greek capital Τ: alike only in capitals
    '\u0422\u0415\u0410\u0421\u041d\u0415R',  # Cyrillic capitals
])
def test_look_alike_names_are_one_name(look_alike: str) -> None:
    assert name_key(look_alike) == name_key('Teacher')


@pytest.mark.parametrize(('one', 'other'), [('maria', 'rnaria'), ('Bob', 'B0b'), ('Paypal', 'PаypаI')])
def test_letters_that_look_alike_in_a_row_are_one_name(one: str, other: str) -> None:
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize(('one', 'other'), [('Ana', 'Anna'), ('Teacher', 'Teacner'), ('Zoë', 'Zoe'), ('Li', 'Lu')])
def test_different_names_stay_different(one: str, other: str) -> None:
    assert name_key(one) != name_key(other)


def test_a_key_is_at_most_the_length_its_column_holds() -> None:
    from db.models import Participant
    column_length = Participant.__table__.c.name_key.type.length
    assert len(name_key('\ufdfa' * 40)) <= column_length  # the longest compatibility expansion, 18 characters


def test_a_body_loses_lone_surrogates_which_no_database_stores() -> None:
    assert clean_body('a\ud800b') == 'ab'


def test_a_body_keeps_line_breaks_and_emoji_joiners() -> None:
    family = '\U0001f468\u200d\U0001f469\u200d\U0001f467'
    assert clean_body(f'\r\nline one\r\nline\x07 two {family}\n') == f'line one\nline two {family}'


@pytest.mark.parametrize(('given', 'expected'), [
    ('../../etc/passwd', 'passwd'),
    ('C:\\Users\\ana\\notes.pdf', 'notes.pdf'),
    ('.htaccess', 'htaccess'),
    ('', 'file'),
    ('\x00\x1b', 'file'),
    ('re\u202eport.pdf', 'report.pdf'),
])
def test_file_names_lose_their_path_and_hidden_characters(given: str, expected: str) -> None:
    assert clean_file_name(given) == expected


def test_long_file_names_keep_their_extension() -> None:
    name = clean_file_name('a' * 300 + '.pdf')
    assert len(name) == 200
    assert name.endswith('.pdf')


def test_sizes_read_naturally() -> None:
    assert [human_size(n) for n in (12, 1536, 50 * 1024 * 1024)] == ['12 bytes', '1.5 KB', '50 MB']
