"""Reflow (WCAG 1.4.10) and zoom (1.4.4): at 320 px wide, and at 1280 × 800 zoomed to 200 % (a 640 px wide page at
two device pixels per CSS pixel), nothing scrolls sideways and every control of the header, the message box, Send and
the Questions tab are on the screen; on the host's page too, locked and with a passcode (the most header chips).
And `prefers-reduced-motion: reduce`: no animation or transition runs."""
import httpx
import pytest
from playwright.sync_api import Browser, Page, expect

from bench.server_process import ServerProcess

from .conftest import SCREENSHOTS, post_message, settle

NARROW = {'width': 320, 'height': 640}
ZOOMED = {'width': 640, 'height': 400}  # 1280 × 800 at 200 %
LONG_TEXT = ('Read https://example.org/a/very/long/address/that/has/no/place/to/break/at/all/in/it/anywhere first, '
             'then `a_very_long_identifier_without_any_break_in_it_at_all`.')
CODE_AND_TABLE = ('```\nfor i in range(100): print("a very long line of code that does not wrap anywhere at all")\n'
                  '```\n\n| a | b | c | d |\n|---|---|---|---|\n| 1111111111 | 2222222222 | 3333333333 | 4444444444 |')
GUEST_CONTROLS = ('StudyHall home', 'Language: English', 'Switch between light and dark', 'Invite others',
                  'Raise your hand', 'Search this session', 'Show or hide people and materials')
HOST_CONTROLS = (*GUEST_CONTROLS, 'Host controls')
# what lies outside the page's width on purpose: the closed drawer (off the screen until opened), and what scrolls
# inside a box of its own (a code block, a wide table)
OUTSIDE_JS = '''() => [...document.querySelectorAll('.q-header *, .q-page-container *')]
  .filter((e) => !e.closest('pre, .sh-body table, .q-tabs__content') && e.getClientRects().length)
  .filter((e) => { const r = e.getBoundingClientRect(); return r.right > innerWidth + 0.5 || r.left < -0.5; })
  .map((e) => e.tagName + '.' + String(e.className).slice(0, 60))'''


@pytest.fixture(scope='module')
def hosted(server: ServerProcess) -> dict:
    created = httpx.post(f'{server.base_url}/api/sessions', json={'title': 'Biology revision, chapters 3 to 5'}).json()
    code, host = created['code'], {'X-Host-Key': created['host_key']}
    post_message(server, code, 'Ms Rivera', LONG_TEXT, CODE_AND_TABLE)
    httpx.post(f'{server.base_url}/api/sessions/{code}/polls', headers=host,
               json={'question': 'Which exercise first?', 'options': ['Exercise 3, the long one', 'Exercise 4']})
    return created


def _page(chromium: Browser, server: ServerProcess, hosted: dict, name: str, *, viewport: dict, scale: int = 1,
          color_scheme: str = 'light', host: bool = False) -> Page:
    context = chromium.new_context(viewport=viewport, device_scale_factor=scale, color_scheme=color_scheme)
    page = context.new_page()
    if host:
        page.goto(f'{server.base_url}/s/{hosted["code"]}?host_key={hosted["host_key"]}')
    page.goto(f'{server.base_url}/s/{hosted["code"]}?name={name}')
    expect(page.locator('.sh-poll')).to_be_visible()
    return page


def _all_there(page: Page, controls: tuple[str, ...]) -> None:
    width = page.evaluate('() => document.documentElement.clientWidth')
    assert page.evaluate('() => document.documentElement.scrollWidth') <= width  # nothing scrolls sideways
    for name in controls:
        control = page.locator('.sh-header').get_by_role('link' if name == 'StudyHall home' else 'button', name=name,
                                                          exact=True)
        expect(control).to_be_in_viewport(ratio=1)
        box = control.bounding_box()
        assert box and box['width'] >= 24 and box['height'] >= 24, (name, box)  # WCAG 2.5.8: targets of 24 px
    for control in (page.get_by_role('textbox', name='Message'), page.get_by_role('button', name='Send message'),
                    page.get_by_role('tab', name='Questions'), page.locator('.sh-poll-option').last):
        expect(control).to_be_in_viewport(ratio=1)
    assert page.evaluate(OUTSIDE_JS) == []


@pytest.mark.parametrize('viewport, scale', [(NARROW, 1), (ZOOMED, 2)], ids=['320px', '200%'])
def test_nothing_is_lost_at_320_px_or_200_percent(chromium: Browser, server: ServerProcess, hosted: dict,
                                                  viewport: dict, scale: int) -> None:
    width = viewport['width']
    for scheme in ('light', 'dark'):
        guest = _page(chromium, server, hosted, f'Kai{width}{scheme}', viewport=viewport, scale=scale,
                      color_scheme=scheme)
        _all_there(guest, GUEST_CONTROLS)
        if width == NARROW['width']:
            settle(guest)
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            guest.screenshot(path=SCREENSHOTS / f'reflow-320-{scheme}.png')
        guest.context.close()

    httpx.patch(f'{server.base_url}/api/sessions/{hosted["code"]}', headers={'X-Host-Key': hosted['host_key']},
                json={'status': 'locked', 'passcode': 'heron'}).raise_for_status()
    host = _page(chromium, server, hosted, f'Teacher{width}', viewport=viewport, scale=scale, host=True)
    expect(host.locator('.sh-state-chip').first).to_be_visible()
    _all_there(host, HOST_CONTROLS)
    if width == NARROW['width']:
        settle(host)
        host.screenshot(path=SCREENSHOTS / 'reflow-320-host.png')
    host.get_by_role('button', name='Host controls').click()  # the polls and the timer: in the header, or the menu
    activities = host.locator('.sh-header').get_by_role('button', name='Polls, timer and projector')
    if activities.is_visible():
        expect(activities).to_be_in_viewport(ratio=1)
    else:
        host.get_by_role('menuitem', name='Polls, timer and projector…').click()
        expect(host.get_by_role('dialog')).to_be_visible()
    host.context.close()
    httpx.patch(f'{server.base_url}/api/sessions/{hosted["code"]}', headers={'X-Host-Key': hosted['host_key']},
                json={'status': 'open', 'passcode': ''}).raise_for_status()


# every transition and CSS animation that starts, with how long it lasts (the longest of its properties, in ms)
RECORD_MOTION_JS = '''(() => {
  window.__motions = [];
  const ms = (time) => parseFloat(time) * (time.trim().endsWith('ms') ? 1 : 1000);
  const longest = (text) => Math.max(...text.split(',').map(ms));
  for (const type of ['transitionrun', 'animationstart']) {
    document.addEventListener(type, (e) => {
      const style = getComputedStyle(e.target);
      const lasts = longest(type === 'transitionrun' ? style.transitionDuration : style.animationDuration);
      window.__motions.push([String(e.target.className).slice(0, 60), lasts]);
    }, true);
  }
})()'''
CHART_ANIMATES_JS = '''async (element) => {
  const { echarts } = await import('nicegui-echart');
  return echarts.getInstanceByDom(element).getOption().animation;
}'''


def _moving(page: Page) -> list:
    return [motion for motion in page.evaluate('() => window.__motions') if motion[1] > 0.01]


def test_reduced_motion_turns_off_transitions_the_questions_reordering_and_the_chart(
        chromium: Browser, server: ServerProcess) -> None:
    created = httpx.post(f'{server.base_url}/api/sessions', json={'title': 'Calm'}).json()
    code, host = created['code'], {'X-Host-Key': created['host_key']}
    base = f'{server.base_url}/api/sessions/{code}'
    asked = [httpx.post(f'{base}/questions', json={'author': 'Ana', 'body': body, 'anonymous': False}).json()['id']
             for body in ('First question', 'Second question')]
    post_message(server, code, 'Ana', 'Hello')
    httpx.post(f'{base}/polls', headers=host, json={'question': 'Ready?', 'options': ['Yes', 'No']})
    pages = {}
    for motion in ('reduce', 'no-preference'):
        context = chromium.new_context(viewport={'width': 1280, 'height': 800}, reduced_motion=motion)
        context.add_init_script(RECORD_MOTION_JS)
        page = pages[motion] = context.new_page()
        page.goto(f'{server.base_url}/s/{code}?name=Kai-{motion}')
        expect(page.locator('.sh-poll')).to_be_visible()
        page.get_by_role('button', name='Invite others').click()  # Quasar's dialog transition
        expect(page.get_by_role('dialog')).to_be_visible()
        page.keyboard.press('Escape')
        expect(page.get_by_role('dialog')).to_have_count(0)
    assert _moving(pages['no-preference'])  # (the recording works: without the wish, the dialog moves)
    pages['no-preference'].context.close()

    page = pages['reduce']
    page.get_by_role('radio', name='Yes').click()
    page.get_by_role('button', name='Chart').click()
    expect(page.locator('.sh-poll-chart svg')).to_be_visible()
    assert page.locator('.sh-poll-chart').evaluate(CHART_ANIMATES_JS) is False
    page.get_by_role('tab', name='Questions').click()
    first = page.locator('.sh-question').first
    expect(first).to_contain_text('First question')
    page.mouse.move(0, 0)  # (a pointer over the list holds its order)
    httpx.post(f'{base}/questions/{asked[1]}/votes', json={'author': 'Ana'}).raise_for_status()
    expect(first).to_contain_text('Second question')  # moved up, without moving on the screen
    assert _moving(page) == []
    page.context.close()
