import pytest

from services.text import clean_body, clean_file_name, clean_line, human_size, name_key


def test_a_line_loses_control_and_invisible_characters() -> None:
    assert clean_line('  An\u200ba\x00 \n\t Lee\u202e ', 40) == 'Ana Lee'


def test_a_line_is_bounded() -> None:
    assert clean_line('x' * 100, 40) == 'x' * 40


def test_names_compare_after_normalisation_and_case_folding() -> None:
    assert name_key('Ana') == name_key('ANA') == name_key('Ａｎａ')


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
