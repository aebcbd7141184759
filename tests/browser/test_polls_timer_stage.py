"""In Chromium: the host makes and launches a poll, the class answers with one tap (or a key), results move live,
a quiz says who was right, the timer agrees across pages and a reload, and the projector follows the host's stage."""
import re

import httpx
from playwright.sync_api import Page, expect

from bench.server_process import ServerProcess

from .conftest import PHONE, screenshot, visit

CLOCK = re.compile(r'^\d+:\d\d$')


def _hosted(server: ServerProcess, title: str) -> tuple[str, dict]:
    created = httpx.post(f'{server.base_url}/api/sessions', json={'title': title}).json()
    return created['code'], {'X-Host-Key': created['host_key']}


def _host_page(server: ServerProcess, open_page, code: str, host: dict, **options) -> Page:
    page = open_page(f'{server.base_url}/s/{code}?host_key={host["X-Host-Key"]}', **options)
    return visit(page, f'{server.base_url}/s/{code}?name=Teacher')


def _seconds(text: str) -> int:
    minutes, seconds = text.strip().split(':')
    return int(minutes) * 60 + int(seconds)


def test_a_poll_is_launched_answered_live_and_a_quiz_says_who_was_right(server: ServerProcess, open_page) -> None:
    code, host = _hosted(server, 'Polls')
    teacher = _host_page(server, open_page, code, host)
    ana = open_page(f'{server.base_url}/s/{code}?name=Ana', viewport=PHONE, color_scheme='dark')
    ben = open_page(f'{server.base_url}/s/{code}?name=Ben')

    teacher.get_by_role('button', name='Polls, timer and projector').click()
    dialog = teacher.get_by_role('dialog')
    dialog.get_by_label('Question').fill('Which exercise first?')
    dialog.get_by_label('Option 1').fill('Exercise 3')
    dialog.get_by_label('Option 2').fill('Exercise 4')
    dialog.get_by_role('button', name='Launch now').click()
    expect(teacher.get_by_role('dialog')).to_have_count(0)

    for page in (ana, ben, teacher):
        expect(page.locator('.sh-poll-question')).to_have_text('Which exercise first?')
    ana.get_by_role('radio', name=re.compile('Exercise 3')).click()  # one tap
    ben.locator('.sh-poll-option').first.focus()  # (Tab reaches the options)
    ben.keyboard.press('2')  # or a key
    for page in (ana, ben, teacher):
        expect(page.locator('.sh-poll-answered')).to_contain_text('2 answered')
        expect(page.locator('.sh-poll-option').first).to_contain_text('1 · 50%')
    expect(ana.get_by_role('radio', name=re.compile('Exercise 3'))).to_have_attribute('aria-checked', 'true')
    ana.get_by_role('radio', name=re.compile('Exercise 4')).click()  # a change of mind
    expect(teacher.locator('.sh-poll-option').nth(1)).to_contain_text('2 · 100%')
    ana.get_by_role('button', name='Chart').click()  # NiceGUI's bundled ECharts, on any page that asks
    expect(ana.locator('.sh-poll-chart svg')).to_be_visible()
    expect(ana.locator('.sh-poll-chart')).to_contain_text('2 · 100%')
    screenshot(ana, 'poll-phone-dark')
    screenshot(teacher, 'poll-host-desktop')

    quiz = httpx.post(f'{server.base_url}/api/sessions/{code}/polls', headers=host,
                      json={'question': 'What is 2 + 2?', 'options': ['3', '4', '5'], 'correct': [1],
                            'seconds': 120, 'results': 'hidden'}).json()
    card = '.sh-poll:has-text("What is 2 + 2?")'
    expect(ana.locator(card).locator('.sh-poll-state')).to_have_text(re.compile(r'^[12]:\d\d left$'))
    ana.locator(card).locator('[data-option="1"]').click()
    ben.locator(card).locator('[data-option="0"]').click()
    expect(teacher.locator(card).locator('.sh-poll-answered')).to_contain_text('2 answered')
    expect(ana.locator(card).locator('.sh-poll-answered')).to_have_text(re.compile('hidden'))
    teacher.locator(card).get_by_role('button', name='Close poll').click()
    expect(ana.locator(card).locator('.sh-poll-feedback')).to_have_text(re.compile('You were right'))
    expect(ben.locator(card).locator('.sh-poll-feedback')).to_have_text(re.compile('Not right: the answer was 4'))
    teacher.locator(card).get_by_role('button', name='Reveal results').click()
    expect(ben.locator(card).locator('.sh-poll-option').nth(1)).to_contain_text('1 · 50%')
    teacher.get_by_role('button', name='Scoreboard').click()
    expect(teacher.locator('.sh-scoreboard li').first).to_contain_text('Ana')
    expect(ben.get_by_role('button', name='Scoreboard')).to_have_count(0)  # not until the host shows it
    httpx.put(f'{server.base_url}/api/sessions/{code}/stage', headers=host,
              json={'show': 'chat', 'scoreboard_public': True})
    ben.get_by_role('button', name='Scoreboard').click()
    expect(ben.locator('.sh-scoreboard li')).to_have_count(2)
    expect(ben.locator('.sh-scoreboard li').nth(1)).to_contain_text('Ben')
    screenshot(ben, 'quiz-closed-desktop-light')
    screenshot(ana, 'quiz-closed-phone-dark')
    assert quiz['status'] == 'open'


def test_the_timer_agrees_across_pages_and_a_reload_and_the_projector_follows_the_stage(
        server: ServerProcess, open_page) -> None:
    code, host = _hosted(server, 'Timer')
    teacher = _host_page(server, open_page, code, host, viewport=PHONE)
    ana = open_page(f'{server.base_url}/s/{code}?name=Ana', color_scheme='dark')
    projector = open_page(f'{server.base_url}/s/{code}/present', color_scheme='dark')

    teacher.get_by_role('button', name='Polls, timer and projector').click()
    dialog = teacher.get_by_role('dialog')
    expect(dialog.get_by_label('Question')).to_be_visible()
    screenshot(teacher, 'host-polls-phone')
    dialog.get_by_role('tab', name='Timer').click()
    dialog.get_by_label('Label').fill('Exercise 3')
    dialog.get_by_role('button', name='5 min', exact=True).click()
    for page in (teacher, ana):
        expect(page.locator('.sh-timer-clock')).to_have_text(re.compile(r'^4:5\d|5:00$'))
    clocks = [_seconds(page.locator('.sh-timer-clock').inner_text()) for page in (teacher, ana, projector)
              if page is not projector]
    assert max(clocks) - min(clocks) <= 1
    expect(ana.locator('.sh-timer-label')).to_have_text('Exercise 3')
    ana.reload()
    expect(ana.locator('.sh-timer-clock')).to_have_text(re.compile(r'^4:\d\d$'))

    dialog.get_by_role('button', name='Pause').click()
    expect(ana.locator('.sh-timer-label')).to_contain_text('paused')
    dialog.get_by_role('tab', name='Projector').click()
    dialog.get_by_role('button', name='Timer', exact=True).click()
    expect(projector.locator('.sh-stage-clock')).to_have_text(re.compile(r'^4:5\d$'))
    screenshot(projector, 'projector-timer')
    screenshot(teacher, 'host-stage-phone')

    httpx.post(f'{server.base_url}/api/sessions/{code}/polls', headers=host,
               json={'question': 'Ready for the test?', 'options': ['Yes', 'Not yet']})
    ana.get_by_role('radio', name=re.compile('Yes')).click()
    dialog.get_by_role('button', name='Poll', exact=True).click()
    expect(projector.locator('.sh-poll-large .sh-poll-question')).to_have_text('Ready for the test?')
    expect(projector.locator('.sh-poll-chart svg')).to_be_visible()
    expect(projector.locator('.sh-poll-chart')).to_contain_text('1 · 100%')
    screenshot(projector, 'projector-poll')
    dialog.get_by_role('button', name='Scoreboard', exact=True).click()
    expect(projector.locator('.sh-stage-board')).to_contain_text('No quiz answers yet.')
    dialog.get_by_role('button', name='Join card').click()
    expect(projector.get_by_role('img', name=re.compile('QR code'))).to_be_visible()
    expect(projector.locator('.sh-stage-corner')).to_have_text(re.compile(r'^4:5\d$'))
    dialog.get_by_role('button', name='Questions').click()
    expect(projector.get_by_text('No open questions.')).to_be_visible()
    expect(projector.locator('.sh-chat')).to_be_hidden()
    screenshot(projector, 'projector-questions')
    dialog.get_by_role('button', name='Chat').click()
    expect(projector.locator('.sh-chat')).to_be_visible()

    hide = "Object.defineProperty(document, 'hidden', {configurable: true, get: () => true});" \
           "document.dispatchEvent(new Event('visibilitychange'))"
    ana.evaluate(hide)  # the tab goes to the background: its title shows the time left
    httpx.put(f'{server.base_url}/api/sessions/{code}/timer', headers=host, json={'seconds': 3})
    expect(ana).to_have_title(re.compile(r'^⏱ 0:0[0-3] · Timer'))
    expect(ana.locator('.sh-timer-done')).to_have_text(re.compile('Time is up'))
    expect(ana).to_have_title(re.compile('^⏰ Time is up · Timer'))
    screenshot(ana, 'timer-done-desktop-dark')
