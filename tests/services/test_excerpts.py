"""Excerpts read as text: no Markdown syntax, links as their text, formulas as math, nothing becomes markup."""
from services.excerpts import excerpt_html, excerpt_text
from services.rendering import render_message

BODY = '**Bold** claim: $x^2$ grows, see [the notes](https://example.org) and `f(x)`\n\n$$\\int_0^1 f$$\n\n- one'


def test_an_excerpt_has_no_markdown_syntax_and_keeps_math_as_math() -> None:
    html = excerpt_html(render_message(BODY), 120)
    assert '**' not in html and '$' not in html and '](' not in html
    assert html.startswith('Bold claim: <math')
    assert html.count('<math') == 2 and 'display="block"' not in html  # shown inline, in the line of text
    assert 'the notes' in html and '<a' not in html and '<code>f(x)</code>' in html
    assert excerpt_text(render_message(BODY), 120).startswith('Bold claim: x2 grows, see the notes and f(x)')


def test_an_excerpt_is_cut_with_an_ellipsis_and_never_inside_a_formula() -> None:
    html = render_message('word ' * 10 + '$\\frac{a}{b}$ ' + 'tail ' * 50)
    cut = excerpt_html(html, 54)
    assert cut.endswith('…') and cut.count('<math') == cut.count('</math>') == 1
    assert len(excerpt_text(html, 54)) <= 54 and len(excerpt_text(html, 52)) <= 52


def test_matches_are_marked_in_text_and_typed_markup_stays_text() -> None:
    html = excerpt_html(render_message('a <script>alert(1)</script> needle & more'), 120, ['needle'])
    assert '<script>' not in html and '&lt;script&gt;' in html
    assert '<mark>needle</mark>' in html and '&amp;' in html
