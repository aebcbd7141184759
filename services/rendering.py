"""Message text to safe HTML, once, on the server: CommonMark with GFM tables and strikethrough (markdown-it-py),
links, highlighted code (Pygments), LaTeX as MathML, `@mentions`; nh3 has the last word.

The parser is bounded by its configuration: nesting deeper than MAX_NESTING stays text, at most MENTIONS_MAX `@`s
are looked at, and HTML that grows past HTML_GROWTH_MAX times its text is not kept. What rendering still costs is
bounded by services/render_budget.py, which runs it here only for short plain messages and otherwise in a worker
process with a time budget (`plain_html` when over it).
"""
import re
from collections.abc import Iterator, Mapping

import nh3
from latex2mathml.converter import convert as latex_to_mathml
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.dollarmath import dollarmath_plugin
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexers import get_lexer_by_name
from pygments.lexers._mapping import LEXERS
from pygments.lexers.special import TextLexer

from i18n import N_, _

from .text import name_key

MAX_NESTING = 20  # block quotes in lists in links...: deeper stays text
MENTIONS_MAX = 50  # `@`s looked at per message
MENTION_CHARS = 60  # what may follow an `@` as a name (a look-alike may be longer than the name: `rn` for `m`)
MENTION_WORDS = 6  # a name has at most this many words
HTML_GROWTH_MAX = 16  # HTML longer than this many times its text: shown as plain text (a page of history stays small)
PLAIN_NOTE = N_('Shown as plain text: this message is too complex to format.')  # in the reader's language, where shown
PLAIN_NOTE_MARK = '<span class="sh-plain-note"></span>'  # what is stored: the note's place, in no language
# the note's place as stored now (empty) and before (the note in the server's language): filled in where it is shown
_PLAIN_NOTE_PLACE = re.compile(r'<span class="sh-plain-note">[^<]*</span>')  # also in components/studyhall/index.js

MATHML_TAGS = {
    'math', 'semantics', 'annotation', 'mrow', 'mi', 'mn', 'mo', 'ms', 'mtext', 'mspace', 'msup', 'msub',
    'msubsup', 'mfrac', 'msqrt', 'mroot', 'mover', 'munder', 'munderover', 'mtable', 'mtr', 'mtd', 'mstyle',
    'menclose', 'mpadded', 'mphantom', 'merror',
}
MATHML_ATTRIBUTES = {
    'xmlns', 'display', 'mathvariant', 'stretchy', 'fence', 'separator', 'lspace', 'rspace', 'accent',
    'accentunder', 'columnalign', 'rowspacing', 'columnspacing', 'displaystyle', 'scriptlevel', 'width',
    'height', 'depth', 'linethickness', 'minsize', 'maxsize', 'movablelimits', 'symmetric', 'notation',
}
HTML_TAGS = {
    'p', 'br', 'hr', 'strong', 'em', 'del', 's', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'span', 'div',
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
}
ATTRIBUTES = {
    'a': {'href', 'title'},
    'span': {'class', 'data-mention'},
    'div': {'class'},
    'code': {'class'},
    'th': {'align'},
    'td': {'align'},
    'ol': {'start'},
    **{tag: MATHML_ATTRIBUTES for tag in MATHML_TAGS},
}

# built once: `nh3.clean(html, tags=...)` builds its rules anew on every call, 40 times the cost of the cleaning
_cleaner = nh3.Cleaner(tags=HTML_TAGS | MATHML_TAGS, attributes=ATTRIBUTES, url_schemes={'http', 'https', 'mailto'},
                       link_rel='noopener noreferrer nofollow', set_tag_attribute_values={'a': {'target': '_blank'}})
_code = HtmlFormatter(cssclass='codehilite', wrapcode=True)  # the stylesheet's classes (components/theme.py)
_LANGUAGES = {alias for _, _, aliases, _, _ in LEXERS.values() for alias in aliases}  # no plugin search per block


def render_message(body: str, mentionable: Mapping[str, str] | None = None) -> str:
    """Safe HTML for a message body: the only HTML a browser ever gets from user text. `mentionable`: name key ->
    name of the people `@name` can mention (see `mention_keys`)."""
    html = sanitize(_markdown.render(body, {'mentionable': mentionable or {}, 'mentions': 0}).rstrip())
    return html if len(html) <= HTML_GROWTH_MAX * max(len(body), 64) else plain_html(body)


def plain_html(body: str) -> str:
    """The message as typed, escaped, with the place of a quiet note: for a message whose formatting went over its
    budget. The note itself is each reader's language: `with_plain_note` here, the browser's `withPlainNote`."""
    text = escapeHtml(body).replace('\n', '<br>\n')
    return sanitize(f'<p>{text}</p>\n<p>{PLAIN_NOTE_MARK}</p>')


def with_plain_note(html: str) -> str:
    """A message's stored HTML as a reader reads it: the note of a message shown as typed in the current language
    (also over a note stored in another language by an older version)."""
    if 'sh-plain-note' not in html:
        return html
    note = f'<span class="sh-plain-note" dir="auto">{escapeHtml(_(PLAIN_NOTE))}</span>'
    return _PLAIN_NOTE_PLACE.sub(lambda _match: note, html)


def sanitize(html: str) -> str:
    return _cleaner.clean(html)


def mention_keys(body: str) -> set[str]:
    """The name keys `body` may mention, to look the people up before rendering (a handful per `@`)."""
    keys: set[str] = set()
    start = body.find('@')
    for _seen in range(MENTIONS_MAX):
        if start < 0:
            break
        keys.update(key for _, key in _typed_names(body, start, len(body)))
        start = body.find('@', start + 1)
    return keys


def _typed_names(text: str, at: int, stop: int) -> Iterator[tuple[int, str]]:
    """(length, name key) of each run of words after the `@` at `at` that may be a name, longest first."""
    if at > 0 and (text[at - 1].isalnum() or text[at - 1] in '_@'):
        return  # an e-mail address, or `@@`
    typed = text[at + 1:min(stop, at + 1 + MENTION_CHARS)].split('\n', 1)[0].split('@', 1)[0]
    if not typed or typed[0].isspace():
        return
    ends = [end for end in range(1, len(typed) + 1)
            if not typed[end - 1].isspace() and (end == len(typed) or not (typed[end].isalnum() or typed[end] == '_'))]
    words_ends = ends[:MENTION_WORDS * 2]  # `Ana-Lee.` ends a word three times; enough for MENTION_WORDS words
    for end in reversed(words_ends):
        yield end, name_key(typed[:end])


def _mention(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != '@' or not (mentionable := state.env['mentionable']):
        return False
    state.env['mentions'] += 1
    if state.env['mentions'] > MENTIONS_MAX:
        return False
    for length, key in _typed_names(state.src, state.pos, state.posMax):
        if key in mentionable:
            if not silent:
                token = state.push('mention', 'span', 0)
                token.meta = {'key': key, 'name': mentionable[key]}
            state.pos += 1 + length
            return True
    return False


def _render_mention(self, tokens, idx, options, env) -> str:
    meta = tokens[idx].meta
    return f'<span class="sh-mention" data-mention="{escapeHtml(meta["key"])}">@{escapeHtml(meta["name"])}</span>'


def _render_fence(self, tokens, idx, options, env) -> str:
    token = tokens[idx]
    language = token.info.split(maxsplit=1)[0].lower() if token.info.strip() else ''
    lexer = get_lexer_by_name(language) if language in _LANGUAGES else TextLexer()
    return highlight(token.content, lexer, _code)


def _math(display: str):
    def render(self, tokens, idx, options, env) -> str:
        latex = tokens[idx].content
        try:
            return latex_to_mathml(latex.strip(), display=display)
        except Exception:  # not valid LaTeX (latex2mathml raises many kinds): the dollars stay as they are
            dollars = '$' if display == 'inline' else '$$'
            return escapeHtml(f'{dollars}{latex}{dollars}')
    return render


def _aligned_cell(self, tokens, idx, options, env) -> str:
    """GFM's column alignment as the `align` attribute nh3 keeps (markdown-it writes a style)."""
    token = tokens[idx]
    align = (token.attrs.get('style') or '').removeprefix('text-align:')
    return f'<{token.tag} align="{align}">' if align in ('left', 'center', 'right') else f'<{token.tag}>'


def _build() -> MarkdownIt:
    md = MarkdownIt('commonmark', {'html': False, 'breaks': True, 'linkify': True, 'xhtmlOut': False,
                                   'maxNesting': MAX_NESTING})
    md.enable(['table', 'strikethrough', 'linkify'])
    # `$5 and $10` is money: no space inside the dollars, no digit outside them
    md.use(dollarmath_plugin, allow_labels=False, allow_space=False, allow_digits=False, allow_blank_lines=False,
           double_inline=True)
    md.inline.ruler.before('link', 'mention', _mention)
    md.add_render_rule('mention', _render_mention)
    md.add_render_rule('fence', _render_fence)
    md.add_render_rule('math_inline', _math('inline'))
    md.add_render_rule('math_inline_double', _math('block'))
    md.add_render_rule('math_block', _math('block'))
    md.add_render_rule('th_open', _aligned_cell)
    md.add_render_rule('td_open', _aligned_cell)
    return md


_markdown = _build()


def warm_up() -> None:
    """Compile what compiles on first use (the link finder's patterns, the Python lexer), so no message pays it."""
    render_message('**a** _b_ ~~c~~ `d` $x^2$ www.example.com a@b.cd\n\n```python\nprint(1)\n```\n\n> e\n- f\n\n'
                   '|g|\n|-|\n|h|')
