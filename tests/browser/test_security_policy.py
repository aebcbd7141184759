"""The pages work under their Content-Security-Policy in real Chromium, and the policy stops injected handlers."""
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Browser, Page, expect

from bench.server_process import ServerProcess

from .conftest import DESKTOP, new_session, screenshot

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener('securitypolicyviolation',
    (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
"""


def watch(page: Page) -> list[str]:
    """Console errors and warnings of the page from now on (CSP violations are reported there too)."""
    problems: list[str] = []
    page.on('console', lambda m: problems.append(f'{m.type}: {m.text}') if m.type in ('error', 'warning') else None)
    page.on('pageerror', lambda e: problems.append(f'pageerror: {e}'))
    return problems


@pytest.fixture
def open_watched(chromium: Browser) -> Iterator[Callable[[str], tuple[Page, list[str]]]]:
    """Like `open_page`, but the page records its CSP violations and console problems from the first byte."""
    contexts = []

    def open_(url: str) -> tuple[Page, list[str]]:
        context = chromium.new_context(viewport=DESKTOP)
        contexts.append(context)
        page = context.new_page()
        page.add_init_script(RECORD_VIOLATIONS)
        problems = watch(page)
        page.goto(url)
        page.wait_for_selector('.sh-chat, .q-card', timeout=10_000)
        return page, problems

    yield open_
    for context in contexts:
        context.close()


def violations(page: Page) -> list[str]:
    return page.evaluate('window.cspViolations')


def test_home_session_and_projector_pages_work_with_the_policy_on(server: ServerProcess, open_watched,
                                                                  tmp_path: Path) -> None:
    code = new_session(server, 'Policy test')
    home, home_problems = open_watched(f'{server.base_url}/')
    expect(home.get_by_text('Start a study session')).to_be_visible()
    home.get_by_label('Join code').fill(code)
    home.get_by_role('button', name='Join').click()
    home.wait_for_url(f'**/s/{code}')
    expect(home.get_by_label('Nickname')).to_be_visible()

    ana, ana_problems = open_watched(f'{server.base_url}/s/{code}?name=Ana')
    ben, ben_problems = open_watched(f'{server.base_url}/s/{code}?name=Ben')
    box = ana.get_by_role('textbox', name='Message')
    box.fill('Under policy: **bold** and $x^2$')
    box.press('Enter')
    expect(ben.locator('.sh-message', has_text='Under policy')).to_have_count(1)
    expect(ben.locator('.sh-message math')).to_have_count(1)

    picture = tmp_path / 'dot.png'
    Image.new('RGB', (40, 30), 'teal').save(picture)
    ana.locator('input[type=file]').set_input_files(picture)
    expect(ana.locator('.q-item', has_text='dot.png')).to_have_count(1)
    projector, projector_problems = open_watched(f'{server.base_url}/s/{code}/present')
    expect(projector.locator('.sh-message', has_text='Under policy')).to_have_count(1)
    expect(projector.locator('img[alt^="QR code"]')).to_be_visible()
    screenshot(ben, 'csp-session')
    screenshot(projector, 'csp-projector')

    pages = ((home, home_problems), (ana, ana_problems), (ben, ben_problems), (projector, projector_problems))
    for page, problems in pages:
        assert violations(page) == []
        assert [p for p in problems if 'Content Security Policy' in p or 'Permissions-Policy' in p] == []
        assert [p for p in problems if p.startswith('pageerror')] == []


def test_an_injected_inline_handler_is_blocked(server: ServerProcess, open_watched) -> None:
    code = new_session(server, 'Injection test')
    page, _ = open_watched(f'{server.base_url}/s/{code}?name=Eve')
    page.evaluate("""() => {
        const div = document.createElement('div');
        div.innerHTML = '<img src="/nothing.png" onerror="window.pwned = true">';
        document.body.append(div);
    }""")
    page.wait_for_function('window.cspViolations.length > 0')
    assert page.evaluate('window.pwned') is None
    assert any(v.startswith('script-src') for v in violations(page))
