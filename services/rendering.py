"""Message text to safe HTML, once, on the server: Markdown, highlighted code, LaTeX as MathML, then nh3."""
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterable

import nh3
from latex2mathml.converter import convert as latex_to_mathml
from markdown import Extension, Markdown
from markdown.blockprocessors import HashHeaderProcessor
from markdown.inlinepatterns import InlineProcessor

from .text import name_key

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
    'p', 'br', 'hr', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'span', 'div',
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


class _MathPattern(InlineProcessor):
    def __init__(self, pattern: str, md: Markdown, *, display: str) -> None:
        super().__init__(pattern, md)
        self.display = display

    def handleMatch(self, m: re.Match, data: str):
        try:
            mathml = latex_to_mathml(m.group(1).strip(), display=self.display)
        except Exception:
            return None, None, None  # not valid LaTeX: leave the dollars as they are
        return self.md.htmlStash.store(mathml), m.start(0), m.end(0)


class _MentionPattern(InlineProcessor):
    """`@Ana Lee` becomes a mention when a participant of the session has that name (longest name wins)."""

    def handleMatch(self, m: re.Match, data: str):
        typed = m.group(1)
        for key, name in self.md.mentionable:
            candidate = typed[:len(name)]
            rest = typed[len(name):]
            if name_key(candidate) == key and not (rest[:1].isalnum() or rest[:1] == '_'):
                element = etree.Element('span', {'class': 'sh-mention', 'data-mention': key})
                element.text = f'@{name}'
                return element, m.start(0), m.start(1) + len(name)
        return None, None, None


class _SpacedHashHeader(HashHeaderProcessor):
    """`# Title` is a heading, `#3 is done` is not (as in CommonMark): chat is full of numbers and hashtags."""
    RE = re.compile(r'(?:^|\n)(?P<level>#{1,6})[ \t]+(?P<header>(?:\\.|[^\\#]|#+(?=[^#\n]))*?)#*(?:\n|$)')


class _ChatExtension(Extension):
    """Raw HTML in a message is text, shown as typed; `$...$` and `$$...$$` are LaTeX."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.parser.blockprocessors.register(_SpacedHashHeader(md.parser), 'hashheader', 70)
        md.preprocessors.deregister('html_block')
        md.inlinePatterns.deregister('html')
        md.inlinePatterns.register(_MentionPattern(r'(?<![\w@])@([^\s@][^\n@]{0,59})', md), 'mention', 175)
        # between code spans (190) and escapes (180), so code keeps its dollars and math keeps its underscores
        md.inlinePatterns.register(_MathPattern(r'\$\$(.+?)\$\$', md, display='block'), 'math_block', 186)
        md.inlinePatterns.register(_MathPattern(r'(?<![\\$\w])\$(?!\s)([^$\n]+?)(?<!\s)\$(?![\w$])', md,
                                                display='inline'), 'math_inline', 185)


_markdown = Markdown(
    extensions=['fenced_code', 'codehilite', 'tables', 'sane_lists', 'nl2br', 'pymdownx.magiclink',
                'pymdownx.tilde', _ChatExtension()],
    extension_configs={'codehilite': {'guess_lang': False, 'css_class': 'codehilite'}},
    output_format='html',
)


def render_message(body: str, mentionable: Iterable[str] = ()) -> str:
    """Safe HTML for a message body: the only HTML a browser ever gets from user text. `mentionable`: the
    names that `@name` mentions."""
    _markdown.reset()
    _markdown.mentionable = sorted(((name_key(name), name) for name in mentionable), key=lambda kn: -len(kn[1]))
    return sanitize(_markdown.convert(body))


# built once: `nh3.clean(html, tags=...)` builds its rules anew on every call, 40 times the cost of the cleaning
_cleaner = nh3.Cleaner(tags=HTML_TAGS | MATHML_TAGS, attributes=ATTRIBUTES, url_schemes={'http', 'https', 'mailto'},
                       link_rel='noopener noreferrer nofollow', set_tag_attribute_values={'a': {'target': '_blank'}})


def sanitize(html: str) -> str:
    return _cleaner.clean(html)
