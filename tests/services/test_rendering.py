import re

import pytest

from i18n import in_language
from services.excerpts import excerpt_text
from services.rendering import (
    HTML_GROWTH_MAX,
    MENTIONS_MAX,
    PLAIN_NOTE,
    PLAIN_NOTE_MARK,
    mention_keys,
    plain_html,
    render_message,
    with_plain_note,
)
from services.text import name_key


def test_markdown_becomes_html() -> None:
    assert render_message('Hello **world** and *you*') == '<p>Hello <strong>world</strong> and <em>you</em></p>'


def test_code_blocks_are_highlighted_and_keep_their_dollars() -> None:
    html = render_message('```python\nprint("$x$")\n```')
    assert '<div class="codehilite">' in html
    assert '<span class="nb">print</span>' in html
    assert '$x$' in html
    assert '<math' not in html


def test_latex_becomes_mathml_inline_and_as_a_block() -> None:
    html = render_message('area $x^2$ and $$\\int_0^1 f$$')
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">' in html
    assert '<msup><mi>x</mi><mn>2</mn></msup>' in html
    assert 'display="block"' in html


def test_prices_are_not_mistaken_for_math() -> None:
    assert render_message('it costs $5 and $10') == '<p>it costs $5 and $10</p>'


@pytest.mark.parametrize('text', [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://example.com"></iframe>',
])
def test_html_typed_by_a_user_is_shown_as_text(text: str) -> None:
    html = render_message(text)
    assert not re.search(r'<(script|img|iframe)\b', html)
    assert not re.search(r'<a [^>]*href="javascript', html)
    assert html.startswith('<p>&lt;')


def test_markdown_links_to_scripts_lose_their_target() -> None:
    html = render_message('[click](javascript:alert(1))')
    assert '<a' not in html and 'href' not in html


def test_links_open_in_a_new_tab_without_handing_over_the_opener() -> None:
    html = render_message('see https://example.com/page')
    assert '<a href="https://example.com/page" target="_blank" rel="noopener noreferrer nofollow">' in html


@pytest.mark.parametrize('text', ['#3 is done', '#studygroup rocks', '##2 and #3'])
def test_a_hash_without_a_space_is_not_a_heading(text: str) -> None:
    html = render_message(text)
    assert '<h' not in html and text.split()[0] in html


def test_a_hash_and_a_space_make_a_heading() -> None:
    assert render_message('# Week 3').startswith('<h1>Week 3</h1>')


def test_line_breaks_are_kept() -> None:
    assert render_message('one\ntwo') == '<p>one<br>\ntwo</p>'


def test_a_list_right_after_a_line_is_a_list() -> None:
    assert render_message('Hi!\n- a\n- b') == '<p>Hi!</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>'


def test_tables_keep_their_alignment_and_strikethrough_is_shown() -> None:
    html = render_message('a|b\n:-|-:\n1|~~2~~')
    assert '<th align="left">a</th>' in html and '<td align="right"><s>2</s></td>' in html


def test_a_mention_of_a_look_alike_reaches_the_person_it_looks_like() -> None:
    people = {name_key(name): name for name in ('Teacher', 'Ana Lee', 'Ana')}
    html = render_message('@T\u0435acher and @ana lee, not a@ana.org', people)
    assert f'<span class="sh-mention" data-mention="{name_key("Teacher")}">@Teacher</span>' in html
    assert '<span class="sh-mention" data-mention="ana lee">@Ana Lee</span>,' in html  # the longest name wins
    assert 'a@ana.org' in html


def test_only_the_people_typed_after_an_at_are_looked_up() -> None:
    assert mention_keys('hi @Ana Lee!\nmail a@b.org') == {name_key('Ana'), name_key('Ana Lee'), name_key('Ana Lee!')}
    assert len(mention_keys('@a ' * 1000)) == 1
    assert len(mention_keys(''.join(f'@p{i} ' for i in range(1000)))) == MENTIONS_MAX


def test_html_far_longer_than_its_text_is_shown_as_plain_text() -> None:
    body = '$x$ ' * 1000  # a thousand formulas: 130 kB of MathML
    html = render_message(body)
    assert PLAIN_NOTE_MARK in html and html.startswith('<p>$x$ $x$')
    assert len(html) < HTML_GROWTH_MAX * len(body)


def test_plain_text_is_escaped_and_keeps_its_line_breaks() -> None:
    assert plain_html('<b>\n&') == '<p>&lt;b&gt;<br>\n&amp;</p>\n<p><span class="sh-plain-note"></span></p>'


OLD_NOTE = f'<p>$x$</p>\n<p><span class="sh-plain-note">{PLAIN_NOTE}</span></p>'  # as stored before: in English


def test_the_note_of_a_plain_message_is_stored_in_no_language_and_read_in_each_readers() -> None:
    stored = plain_html('$x$')
    assert PLAIN_NOTE not in stored
    for code, note in (('de', 'Als reiner Text angezeigt'), ('ar', 'معروضة كنص عادي')):
        with in_language(code):
            for html in (stored, OLD_NOTE):
                shown = with_plain_note(html)
                assert shown.startswith('<p>$x$</p>') and note in shown and PLAIN_NOTE not in shown, (code, shown)
    with in_language('en'):
        assert with_plain_note(stored) == OLD_NOTE.replace('sh-plain-note"', 'sh-plain-note" dir="auto"')
    assert with_plain_note('<p>no note</p>') == '<p>no note</p>'
    assert excerpt_text(stored, 100) == excerpt_text(OLD_NOTE, 100) == '$x$'  # the note is no part of an excerpt
