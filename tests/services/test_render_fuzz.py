"""The renderer's worst case is bounded: property-based search over the Markdown and LaTeX alphabets at the maximum
message length, and the corpus of the worst inputs found so far (render_corpus.json, bench/crafted.py).

Work is counted in Python function calls (cProfile), which is the same on every machine and every run: seconds are
not, and a timed assertion would fail when the machine is busy. A call of the renderer costs 50-250 ns here, so
WORK_BOUND is a few hundred milliseconds, the order of the render budget (services/render_budget.py), and
LIGHT_WORK_BOUND, for what is rendered on the event loop, a millisecond or two. Python-Markdown, the renderer before
markdown-it, needed 24 million calls (1.7 s) for `[` 4,000 times.

To search longer, at random, and print the worst inputs found:
`STUDYHALL_FUZZ=explore pytest tests/services/test_render_fuzz.py -s`
"""
import cProfile
import os
import string

import pytest
from hypothesis import HealthCheck, settings, target
from hypothesis import strategies as st
from hypothesis.core import given
from pygments.lexers._mapping import LEXERS

from bench.crafted import MAX_CHARS, corpus, fill, nest
from services.render_budget import LIGHT_CHARS, is_light
from services.rendering import render_message
from services.text import name_key

WORK_BOUND = 2_000_000
LIGHT_WORK_BOUND = 20_000
PEOPLE = {name_key(name): name for name in ('Ana', 'Ana Lee', 'Teacher')}

settings.register_profile('ci', derandomize=True, max_examples=30, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile('explore', max_examples=1500, deadline=None, database=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
PROFILE = os.environ.get('STUDYHALL_FUZZ', 'ci')

MARKDOWN = '[]()!*_`~<>&\\|#@-+=.:/"\' \n\t' + 'ax1'
LATEX = ['\\frac{', '}{', '{', '}', '\\sqrt{', '^', '_', '&', '\\\\', '\\begin{matrix}', '\\end{matrix}', '\\left(',
         '\\right)', '\\int', '\\sum', '\\over', '\\text{', '\\mathbb{', '\\operatorname{', 'x', '1', ' ', '$']
LANGUAGES = sorted(alias for _, _, aliases, _, _ in LEXERS.values() for alias in aliases[:1])

markdown_pieces = st.text(alphabet=MARKDOWN, min_size=1, max_size=8)
latex_pieces = st.lists(st.sampled_from(LATEX), min_size=1, max_size=6).map(''.join)


@st.composite
def crafted(draw) -> str:
    """A message of the maximum length made of one piece repeated, or nested in another, as an attacker would."""
    kind = draw(st.sampled_from(['markdown', 'nested', 'latex', 'nested latex', 'code']))
    if kind == 'markdown':
        return fill('', draw(markdown_pieces))
    if kind == 'nested':
        return nest(draw(markdown_pieces), 'x', draw(markdown_pieces))
    if kind == 'latex':
        dollars = draw(st.sampled_from(['$', '$$']))
        return fill(dollars, draw(latex_pieces), dollars)
    if kind == 'nested latex':
        return '$' + nest(draw(latex_pieces), 'x', draw(latex_pieces), MAX_CHARS - 2) + '$'
    return fill(f'```{draw(st.sampled_from(LANGUAGES))}\n', draw(st.text(alphabet=string.printable, min_size=1,
                                                                          max_size=12)), '\n```')


@st.composite
def light(draw) -> str:
    """A short message with as many marks as a light one may have, anywhere in it."""
    words = draw(st.lists(st.text(alphabet='abcxyz1 éλ漢', min_size=1, max_size=40), min_size=1, max_size=20))
    marks = draw(st.lists(st.sampled_from(list(MARKDOWN[:-3]) + LATEX), max_size=16))
    body = ''.join(word + mark for word, mark in zip(words, marks + [''] * len(words), strict=False))[:LIGHT_CHARS]
    return body if is_light(body) else body.translate({ord(c): None for c in string.punctuation})


def work_of(body: str) -> int:
    """Python function calls made to render `body`, once what compiles on first use was compiled (a lexer's
    patterns; the link finder's, which the `re` module's cache of 512 may have dropped meanwhile)."""
    render_message(body, PEOPLE)
    profile = cProfile.Profile()
    profile.enable()
    render_message(body, PEOPLE)
    profile.disable()
    return sum(entry.callcount for entry in profile.getstats())


worst: list[tuple[int, str]] = []


@settings(settings.get_profile(PROFILE))
@given(body=crafted())
def test_no_crafted_message_makes_the_renderer_work_past_its_bound(body: str) -> None:
    work = work_of(body)
    target(work, label='python calls')
    worst.append((work, body))
    assert work <= WORK_BOUND, f'{work:,} calls for {body[:80]!r}...'


@settings(settings.get_profile(PROFILE))
@given(body=light())
def test_a_light_message_costs_the_event_loop_little(body: str) -> None:
    assert is_light(body)
    assert work_of(body) <= LIGHT_WORK_BOUND, repr(body)


@pytest.mark.parametrize(('name', 'body'), corpus())
def test_the_worst_inputs_found_stay_within_the_bound(name: str, body: str) -> None:
    assert len(body) <= MAX_CHARS
    assert work_of(body) <= WORK_BOUND, name


def teardown_module() -> None:
    if PROFILE == 'explore':
        for work, body in sorted(worst, reverse=True)[:10]:
            print(f'{work:>10,} calls  {body[:100]!r}')
