"""Each language in Chromium: `<html lang>` and `dir`, Quasar's own texts, no English text of ours left on the page
(the visible text scanned against the English catalog), and screenshots of the session page, desktop and phone."""
import re
from collections.abc import Iterator

import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import Browser, expect

from bench.server_process import ServerProcess
from i18n.catalogs import po_path
from i18n.languages import LANGUAGES

from .conftest import DESKTOP, PHONE, new_session, post_message, screenshot, visit

PLACEHOLDER = re.compile(r'%\(\w+\)[sdif]|\{\w+\}')
# (browser locale, catalog): every language the browser may ask for
LOCALES = [('de-DE', 'de'), ('fr-FR', 'fr'), ('es-ES', 'es'), ('pt-BR', 'pt_BR'), ('it-IT', 'it'), ('uk-UA', 'uk'),
           ('zh-CN', 'zh_Hans'), ('ar-EG', 'ar')]
SCREENSHOTS_OF = {'de', 'ar', 'zh_Hans'}


@pytest.fixture(scope='module')
def code(server: ServerProcess) -> str:
    code = new_session(server, 'Physik · فيزياء · 物理')
    post_message(server, code, 'Ben', 'Who has exercise 3? **Newton** says $F = ma$.')
    post_message(server, code, 'ليلى', 'مرحبا! exercise 3 هو الأصعب')
    return code


@pytest.fixture
def context_of(chromium: Browser) -> Iterator:
    contexts = []

    def make(locale: str, viewport: dict):
        context = chromium.new_context(locale=locale, viewport=viewport)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


def english_left(text: str, code: str) -> list[str]:
    """Our English texts (whole, without their placeholders) that the page shows where the catalog translates them."""
    with po_path(code).open('rb') as po:
        catalog = read_po(po, locale=code)
    left = []
    for message in catalog:
        english = message.id[0] if isinstance(message.id, tuple) else message.id
        translated = message.string[0] if isinstance(message.string, tuple) else message.string
        if not english or translated == english or len(english) < 4:
            continue
        for piece in PLACEHOLDER.split(english):  # what stands between the placeholders
            piece = piece.strip(' .:·…()')
            if len(piece) >= 8 and piece in text and piece not in translated:
                left.append(english)
    return left


@pytest.mark.parametrize(('locale', 'code_'), LOCALES)
def test_the_session_page_speaks_the_language(server: ServerProcess, code: str, context_of, locale: str,
                                              code_: str) -> None:
    language = LANGUAGES[code_]
    for viewport, size in ((DESKTOP, 'desktop'), (PHONE, 'phone')):
        page = context_of(locale, viewport).new_page()
        visit(page, f'{server.base_url}/s/{code}?name=Kim-{code_}-{size}')
        expect(page.locator('.sh-message').first).to_be_visible()
        expect(page.locator('html')).to_have_attribute('lang', language.quasar)
        expect(page.locator('html')).to_have_attribute('dir', 'rtl' if language.rtl else 'ltr')
        assert page.evaluate('Quasar.lang.props.isoName') == language.quasar  # Quasar's own texts too
        text = page.evaluate('document.body.innerText')
        assert not english_left(text, code_), f'{code_} {size}: English left on the page'
        if code_ in SCREENSHOTS_OF:
            screenshot(page, f'language-{code_}-{size}')


def test_the_switch_changes_the_language_and_it_is_remembered(server: ServerProcess, code: str, context_of) -> None:
    context = context_of('en-US', DESKTOP)
    page = context.new_page()
    visit(page, f'{server.base_url}/')
    page.locator('.sh-header .q-btn:has(i:text-is("translate"))').click()
    page.get_by_role('menuitem', name='العربية').click()
    expect(page.locator('html')).to_have_attribute('dir', 'rtl')
    expect(page.get_by_text('ابدأ جلسة دراسية')).to_be_visible()
    other_tab = context.new_page()  # the same browser: the choice holds
    visit(other_tab, f'{server.base_url}/s/{code}')
    expect(other_tab.locator('html')).to_have_attribute('lang', 'ar')
