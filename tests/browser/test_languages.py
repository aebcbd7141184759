"""Each language in Chromium: `<html lang>` and `dir`, Quasar's own texts, no English text of ours left on the page
(the visible text and the names of controls scanned against the English catalog), and screenshots of the session
page, desktop and phone; the Questions view, a poll and the timer on the host's page, and the owner's page too."""
import re
from collections.abc import Iterator

import httpx
import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import Browser, Page, expect

from bench.server_process import ServerProcess
from i18n import _, in_language, ngettext
from i18n.catalogs import po_path
from i18n.languages import LANGUAGES
from services.rendering import PLAIN_NOTE

from .conftest import DESKTOP, PHONE, new_session, post_message, screenshot, visit

PLACEHOLDER = re.compile(r'%\(\w+\)[sdif]|\{\w+\}')
# (browser locale, catalog): every language the browser may ask for
LOCALES = [('de-DE', 'de'), ('fr-FR', 'fr'), ('es-ES', 'es'), ('pt-BR', 'pt_BR'), ('it-IT', 'it'), ('uk-UA', 'uk'),
           ('zh-CN', 'zh_Hans'), ('ar-EG', 'ar')]
SCREENSHOTS_OF = {'de', 'ar', 'zh_Hans'}
CRAFTED = ' '.join(['$x$'] * 20)  # grows past what a message may: shown as typed, with a note in the reader's language
# what a person reads on a page: its text, and the names and hints of its controls
SHOWN_JS = """() => [document.body.innerText,
    ...Array.from(document.querySelectorAll('[aria-label], [title], [placeholder]'),
                  (e) => ['aria-label', 'title', 'placeholder'].map((name) => e.getAttribute(name) || '').join('\\n'))
].join('\\n')"""

# for a language not written in Latin letters: every piece of text a person reads outside what people wrote (shown
# with dir="auto"), and the names and hints of controls, to look for Latin words; icons' ligatures are no text
PIECES_JS = """() => {
  const pieces = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest('[dir=auto], script, style, math, .q-icon, .material-icons')) continue;
    if (node.textContent.trim() && parent.checkVisibility()) pieces.push(node.textContent.trim());
  }
  for (const element of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
    for (const name of ['aria-label', 'title', 'placeholder']) pieces.push(element.getAttribute(name) || '');
  }
  return pieces.filter(Boolean);
}"""
LATIN_WORD = re.compile(r'[A-Za-z]{3,}')
NOT_LATIN = {'uk', 'zh_Hans', 'ar'}
NOT_TRANSLATED = ['StudyHall', 'UTC', 'ZIP', 'Alt', 'Shift', 'Enter']  # the name, a time zone, a format, keys
OLD_NOTE_JS = 'async ([html, note]) => (await import("studyhall")).withPlainNote(html, note)'  # as the chat shows it


@pytest.fixture(scope='module')
def code(server: ServerProcess) -> str:
    code = new_session(server, 'Physik · فيزياء · 物理')
    post_message(server, code, 'ليلى', CRAFTED)
    post_message(server, code, 'Ben', 'Who has exercise 3? **Newton** says $F = ma$.')
    post_message(server, code, 'ليلى', 'مرحبا! exercise 3 هو الأصعب')
    return code


@pytest.fixture(scope='module')
def classroom(server: ServerProcess) -> tuple[str, str]:
    """A session with questions (one anonymous, one voted for), a poll answered by one and a running timer."""
    made = httpx.post(f'{server.base_url}/api/sessions', json={'title': 'Фізика · فيزياء'}).json()
    code, host = made['code'], {'X-Host-Key': made['host_key']}
    with httpx.Client(base_url=f'{server.base_url}/api/sessions/{code}') as api:
        asked = [api.post('/questions', json={'author': author, 'body': body, 'anonymous': anonymous}).json()
                 for author, body, anonymous in (('Олена', 'Чому $E = mc^2$?', False), ('Ben', '¿Y la tarea 3?', True))]
        assert api.post(f'/questions/{asked[0]["id"]}/votes', json={'author': 'Ben'}).is_success
        poll = api.post('/polls', headers=host, json={'question': 'Вправа 3 чи 4?', 'options': ['3', '4']}).json()
        assert api.post(f'/polls/{poll["id"]}/votes', json={'author': 'Олена', 'choices': [0]}).is_success
        assert api.put('/timer', headers=host, json={'seconds': 600, 'label': 'Вправа 3'}).is_success
    return code, made['host_key']


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
        with in_language(code_):
            expect(page.locator('.sh-plain-note')).to_have_text(_(PLAIN_NOTE))  # stored in no language
        assert_no_english(page, code_, f'session page, {size}', [f'Kim-{code_}-desktop', f'Kim-{code_}-phone', 'Ben',
                                                               'Physik', 'Newton', code])
        if code_ in SCREENSHOTS_OF:
            screenshot(page, f'language-{code_}-{size}')


@pytest.mark.parametrize(('locale', 'code_'), [('uk-UA', 'uk'), ('ar-EG', 'ar')])
def test_the_questions_a_poll_the_timer_and_the_owners_page_speak_the_language(
        server: ServerProcess, classroom: tuple[str, str], context_of, locale: str, code_: str) -> None:
    code, host_key = classroom
    page = context_of(locale, DESKTOP).new_page()
    visit(page, f'{server.base_url}/s/{code}?host_key={host_key}')  # this browser is the host's
    visit(page, f'{server.base_url}/s/{code}?name=Kim-{code_}')
    expect(page.locator('.sh-poll-answered')).to_be_visible()
    expect(page.locator('.sh-timer')).to_be_visible()
    # a poll made through the API before the host had a name: its card is stored in no language, its author is
    # "Host" in this page's language (no English "Host" is allowed below)
    with in_language(code_):
        expect(page.locator('.sh-message:has(.sh-poll) .sh-author')).to_have_text(_('Host'))
    if code_ == 'ar':
        screenshot(page, 'language-ar-poll-card')
    wrote = [f'Kim-{code_}', 'Ben', 'Олена', '¿Y la tarea 3?', code]
    assert_no_english(page, code_, 'session page with a poll and the timer', wrote)
    with in_language(code_):
        page.get_by_role('button', name=_('Polls, timer and projector')).click()
    dialog = page.get_by_role('dialog')
    for tab, shows in (('poll', '.q-tab-panel input'), ('timer', '.q-tab-panel .q-btn'), ('tv', '.q-tab-panel .q-btn')):
        dialog.locator(f'.q-tab:has(i:text-is("{tab}"))').click()
        expect(dialog.locator(shows).first).to_be_visible()
        assert_no_english(page, code_, f'the polls, timer and projector dialog ({tab})', wrote)
    page.keyboard.press('Escape')
    expect(dialog).to_have_count(0)
    page.locator('.q-tab:has(i:text-is("live_help"))').click()
    expect(page.locator('li.sh-question')).to_have_count(2)
    with in_language(code_):  # "1 голос", "صوت واحد": the form of the number in the language
        votes = ngettext('{count} vote', '{count} votes', 1).replace('{count}', '1')
        one_vote = f"{_('Vote for this question')} ({votes})"
    expect(page.locator('li.sh-question .sh-vote').first).to_have_attribute('aria-label', one_vote)
    assert_no_english(page, code_, 'Questions view', wrote)
    screenshot(page, f'language-{code_}-questions')
    if code_ == 'uk':
        with in_language(code_):  # a message stored by an older version, with its note in English
            old = page.evaluate(OLD_NOTE_JS, [f'<p>$x$</p>\n<p><span class="sh-plain-note">{PLAIN_NOTE}</span></p>',
                                              _(PLAIN_NOTE)])
        assert old == f'<p>$x$</p>\n<p><span class="sh-plain-note" dir="auto">{_uk(PLAIN_NOTE)}</span></p>'
    owner_key = (server.data_dir / 'data' / 'owner_key').read_text().strip()
    visit(page, f'{server.base_url}/owner?key={owner_key}')
    expect(page.get_by_text(code).first).to_be_visible()
    sessions = httpx.get(f'{server.base_url}/api/owner/sessions', headers={'X-Owner-Key': owner_key}).json()
    assert_no_english(page, code_, "owner's page", [s['title'] for s in sessions] + [s['code'] for s in sessions])


def _uk(text: str) -> str:
    with in_language('uk'):
        return _(text)


def assert_no_english(page: Page, code: str, what: str, people_wrote: list[str]) -> None:
    """No English text of the catalog, and in a language not written in Latin letters no Latin word but those in
    `people_wrote` (what people wrote outside elements with dir="auto": names in the names of controls)."""
    allowed = sorted(NOT_TRANSLATED + people_wrote, key=len, reverse=True)
    left = english_left(_without(page.evaluate(SHOWN_JS), allowed), code)  # a title "Questions" is no English of ours
    assert not left, f'{code} {what}: English left on the page: {left}'
    if code not in NOT_LATIN:
        return
    latin = []
    for piece in page.evaluate(PIECES_JS):
        if LATIN_WORD.search(_without(piece, allowed)):
            latin.append(piece)
    assert not latin, f'{code} {what}: Latin words on the page, not written by people: {latin}'


def _without(text: str, wrote: list[str]) -> str:
    for written in wrote:
        text = text.replace(written, ' ')
    return text


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
