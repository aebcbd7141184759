"""axe-core over the classroom activities, one browser page walking through their states: the Questions view (a
pupil's, the host's with its controls), raised hands, a poll open and its results with the chart, a quiz after it
closed with its scoreboard, the shared timer, the projector's stages, the upload box, the shortcuts list, the
confirm dialogs and a phone's bottom sheet; light and dark, English and Arabic (right-to-left)."""
import re

import httpx
from playwright.sync_api import Browser, Locator, Page, expect

from bench.server_process import ServerProcess

from .conftest import PHONE, post_message, screenshot, visit
from .test_accessibility import assert_accessible

CLASS = ['Ana', 'Ben'] + [f'Pupil {n}' for n in range(3, 17)]
POLL = '.sh-poll[aria-label$="Which exercise first?"]'
# whether the chart in that card draws the option's name in its right half (the SVG is redrawn as counts change)
NAMES_ON_THE_RIGHT_JS = '''([card, name]) => {
    const chart = document.querySelector(`${card} .sh-poll-chart`);
    const text = [...(chart?.querySelectorAll('text') || [])].find((t) => t.textContent === name);
    if (!text) return false;
    const [box, label] = [chart.getBoundingClientRect(), text.getBoundingClientRect()];
    return label.left > box.left + box.width / 2;
}'''


def _hosted(server: ServerProcess, title: str) -> tuple[httpx.Client, str, dict[str, str]]:
    """A new session: a client of its API (`/api/sessions/{code}`), its code and the host's header."""
    made = _ok(httpx.post(f'{server.base_url}/api/sessions', json={'title': title}))
    api = httpx.Client(base_url=f'{server.base_url}/api/sessions/{made["code"]}')
    return api, made['code'], {'X-Host-Key': made['host_key']}


def _as_host(page: Page, server: ServerProcess, code: str, host: dict[str, str], name: str) -> Page:
    visit(page, f'{server.base_url}/s/{code}?host_key={host["X-Host-Key"]}')
    page.wait_for_url(f'**/s/{code}')
    return visit(page, f'{server.base_url}/s/{code}?name={name}')


def _tab(page: Page, icon: str) -> Locator:
    """The session page's Chat or Questions tab, by its icon (the same in every language)."""
    return page.locator(f'.sh-q-tabs .q-tab:has(i:text-is("{icon}"))')


def _ok(response: httpx.Response) -> dict:
    assert response.is_success, response.text
    return response.json() if response.content else {}


def test_questions_hands_shortcuts_confirm_dialogs_and_the_touch_sheet(
        server: ServerProcess, browse, chromium: Browser) -> None:
    api, code, host = _hosted(server, 'Questions and hands')
    post_message(server, code, 'Ben', 'Who has **exercise 3**?', 'مرحبا، exercise 3 is hard')
    asked = [_ok(api.post('/questions', json={'author': author, 'body': body, 'anonymous': anonymous}))
             for author, body, anonymous in (
                 ('Ana', 'What is $\\sqrt{2}$ **exactly**?', True), ('Ben', 'Is the exam open book?', False),
                 ('Omar', 'هل الامتحان صعب؟', False), ('Lea', 'Which chapter is it?', False))]
    for voter, question in (('Ben', 1), ('Omar', 1), ('Ana', 2), ('Lea', 0)):
        _ok(api.post(f'/questions/{asked[question]["id"]}/votes', json={'author': voter}))
    _ok(api.patch(f'/questions/{asked[1]["id"]}', json={'highlighted': True}, headers=host))
    _ok(api.patch(f'/questions/{asked[3]["id"]}', json={'status': 'answered'}, headers=host))

    # a pupil, in Arabic and dark: the questions with votes, one anonymous, the highlighted one, the answered ones
    pupil = browse(f'{server.base_url}/s/{code}?name=Sara', locale='ar', scheme='dark')
    pupil.keyboard.press('Alt+Shift+H')  # the first hand up
    expect(pupil.locator('.sh-hand-up')).to_be_visible()
    for name in ('Ana', 'Ben'):
        _ok(api.post('/hands', json={'author': name}))
    _tab(pupil, 'live_help').click()
    expect(pupil.locator('.sh-q-now')).to_contain_text('open book')
    expect(pupil.locator('.sh-q-answered')).to_have_count(1)
    assert_accessible(pupil, 'questions, pupil, ar dark')
    screenshot(pupil, 'a11y-questions-ar-dark')
    pupil.keyboard.press('?')
    expect(pupil.get_by_role('dialog')).to_be_visible()
    assert_accessible(pupil, 'shortcuts dialog, ar dark')
    pupil.keyboard.press('Escape')
    expect(pupil.get_by_role('dialog')).to_have_count(0)

    # the host, in English and light: the host's buttons on every question, the moderation switch, a question
    # waiting for approval and a hidden one; the queue of hands with Next and Lower all
    _ok(httpx.patch(f'{server.base_url}/api/sessions/{code}', json={'questions_moderated': True}, headers=host))
    waiting = _ok(api.post('/questions', json={'author': 'Ben', 'body': 'May I leave early?'}))
    hidden = _ok(api.post('/questions', json={'author': 'Lea', 'body': 'Off topic'}))
    _ok(api.patch(f'/questions/{hidden["id"]}', json={'status': 'hidden'}, headers=host))
    teacher = _as_host(browse(f'{server.base_url}/'), server, code, host, 'Ms Rivera')
    _tab(teacher, 'live_help').click()
    expect(teacher.locator(f'[data-question="{waiting["id"]}"]')).to_contain_text('leave early')
    teacher.locator('.sh-q-hidden summary').click()
    expect(teacher.get_by_role('switch', name='Approve new questions before everyone sees them')) \
        .to_have_attribute('aria-checked', 'true')
    assert_accessible(teacher, 'questions, host, en light')
    screenshot(teacher, 'a11y-questions-host-en-light')
    queue = teacher.get_by_role('list', name='Raised hands')
    expect(queue.locator('li')).to_have_count(3)
    expect(teacher.get_by_role('button', name='Lower all')).to_be_visible()
    _tab(teacher, 'chat').click()
    expect(teacher.locator('.sh-message').first).to_be_visible()
    assert_accessible(teacher, 'chat and the queue of hands, host, en light')
    teacher.get_by_role('button', name='Next').click()
    expect(pupil.get_by_role('alert')).to_be_visible()
    assert_accessible(pupil, 'your turn, pupil, ar dark')

    teacher.locator('.sh-people').get_by_role('button', name='Remove: Sara').click()
    expect(teacher.get_by_role('dialog')).to_contain_text('Remove Sara from this session?')
    assert_accessible(teacher, 'confirm removal, en light')
    teacher.get_by_role('dialog').get_by_role('button', name='Cancel').click()
    expect(teacher.get_by_role('dialog')).to_have_count(0)
    message = teacher.locator('.sh-message', has_text='exercise 3').first
    message.hover()
    message.get_by_role('button', name='Delete').click()
    expect(teacher.get_by_role('dialog')).to_be_visible()
    assert_accessible(teacher, 'confirm deletion, en light')
    teacher.keyboard.press('Escape')

    # the projector in Arabic and light: the highlighted question and the top ones
    _ok(api.put('/stage', headers=host, json={'show': 'questions'}))
    projector = browse(f'{server.base_url}/s/{code}/present', locale='ar')
    expect(projector.locator('.sh-q-board')).to_contain_text('open book')
    assert_accessible(projector, 'projector: questions, ar light')
    screenshot(projector, 'a11y-projector-questions-ar-light')

    # a touch phone, in English and dark: a message's actions as a bottom sheet
    context = chromium.new_context(viewport=PHONE, has_touch=True, is_mobile=True, color_scheme='dark')
    try:
        phone = visit(context.new_page(), f'{server.base_url}/s/{code}?name=Omar')
        phone.locator('.sh-message', has_text='exercise 3').first.locator('.sh-body').tap()
        expect(phone.get_by_role('dialog', name='Actions for the message of Ben')).to_be_visible()
        assert_accessible(phone, 'bottom sheet, phone, en dark')
        screenshot(phone, 'a11y-sheet-phone-dark')
        phone.get_by_role('button', name='Cancel').tap()
        _tab(phone, 'live_help').tap()
        expect(phone.locator('.sh-q-now')).to_contain_text('open book')
        box = phone.get_by_role('textbox', name='Your question')
        box.fill('Can we have more time?')
        box.press('Enter')  # the questions wait for the host's approval: only the asker and the host see it
        expect(phone.locator('.sh-q-pending')).to_contain_text('more time')
        assert_accessible(phone, 'questions with one’s own waiting for approval, phone, en dark')
    finally:
        context.close()


def test_polls_a_quiz_the_timer_the_projectors_stages_and_the_upload_box(
        server: ServerProcess, browse) -> None:
    api, code, host = _hosted(server, 'Polls and the timer')
    post_message(server, code, 'Ben', 'The sheet: [exercise 3](https://example.org/sheet)')  # a link, in dark too
    _ok(api.put('/stage', headers=host, json={'show': 'poll'}))  # before there is one
    projector = browse(f'{server.base_url}/s/{code}/present', scheme='dark')
    expect(projector.locator('.sh-stage-empty')).to_be_visible()
    assert_accessible(projector, 'projector: no poll yet, dark')
    pupil = browse(f'{server.base_url}/s/{code}?name=Sara', locale='ar', viewport=PHONE)
    teacher = _as_host(browse(f'{server.base_url}/', scheme='dark'), server, code, host, 'Ms Rivera')
    poll = _ok(api.post('/polls', headers=host, json={'question': 'Which exercise first?',
                                                      'options': ['Exercise 3', 'Exercise 4', 'Both']}))
    _ok(api.put('/timer', headers=host, json={'seconds': 600, 'label': 'Exercise 3'}))
    for name, choice in (('Ana', 0), ('Ben', 2)):
        _ok(api.post(f'/polls/{poll["id"]}/votes', json={'author': name, 'choices': [choice]}))

    # a pupil on a phone, in Arabic and light: the poll to answer while the timer runs, then its results as a chart
    card = pupil.locator(POLL)
    expect(card.locator('.sh-poll-answered')).to_contain_text('2')
    expect(pupil.locator('.sh-timer-clock')).to_have_text(re.compile(r'^(9|10):\d\d$'))
    assert_accessible(pupil, 'poll open and the timer, pupil, ar light phone')
    for text in (card.locator('.sh-poll-question'), card.locator('.sh-poll-text').first):  # the host's words keep
        assert text.evaluate('(t) => getComputedStyle(t).direction') == 'ltr'  # their own direction on an Arabic page
    card.locator('[data-option="0"]').click()
    expect(card.locator('[data-option="0"]')).to_have_attribute('aria-checked', 'true')
    option, bar = (card.locator('[data-option="0"]').bounding_box(),
                   card.locator('[data-option="0"] .sh-poll-bar').bounding_box())
    assert abs(option['x'] + option['width'] - (bar['x'] + bar['width'])) <= 2  # the bar grows from the right
    card.locator('.sh-poll-chart-toggle').click()
    expect(card.locator('.sh-poll-chart svg')).to_be_visible()
    pupil.wait_for_function(NAMES_ON_THE_RIGHT_JS, arg=[POLL, 'Exercise 3'])  # mirrored, as the page reads
    assert_accessible(pupil, 'poll results with the chart, pupil, ar light phone')
    screenshot(pupil, 'a11y-poll-chart-ar-light-phone')

    # the host, in English and dark: the results with the chart and the host's buttons; the activities dialog
    card = teacher.locator('.sh-poll').filter(has_text='Which exercise first?')
    expect(card.locator('.sh-poll-option').first).to_contain_text('2 · 67%')
    card.locator('.sh-poll-chart-toggle').click()
    expect(card.locator('.sh-poll-chart svg')).to_be_visible()
    card.locator('.sh-poll-who summary').click()
    assert_accessible(teacher, 'poll results with the chart, host, en dark')
    teacher.get_by_role('button', name='Polls, timer and projector').click()
    dialog = teacher.get_by_role('dialog')
    expect(dialog.get_by_label('Question')).to_be_visible()
    dialog.get_by_role('switch', name='Quiz: tick the correct answers').click()
    expect(dialog.get_by_role('checkbox', name='Correct answer 1')).to_be_visible()
    assert_accessible(teacher, 'activities dialog: a quiz being made, en dark')
    for tab, shown in (('Timer', dialog.get_by_label('Label')),
                       ('Projector', dialog.get_by_role('button', name='Join card'))):
        dialog.get_by_role('tab', name=tab).click()
        expect(shown).to_be_visible()
        assert_accessible(teacher, f'activities dialog: {tab}, en dark')
    teacher.keyboard.press('Escape')
    expect(teacher.get_by_role('dialog')).to_have_count(0)

    # the projector, in dark: the poll's chart, the questions board, the timer across the screen, the hands
    _ok(api.put('/stage', headers=host, json={'show': 'poll'}))
    expect(projector.locator('.sh-poll-large .sh-poll-chart svg')).to_be_visible()
    expect(projector.locator('.sh-poll-chart')).to_contain_text('Exercise 3')
    expect(projector.locator('.sh-poll-option').first).to_have_css('opacity', '1')  # results, not dimmed
    assert_accessible(projector, 'projector: poll results, dark')
    screenshot(projector, 'a11y-projector-poll-dark')
    asked = _ok(api.post('/questions', json={'author': 'Ben', 'body': 'Is the exam open book?'}))
    _ok(api.post('/questions', json={'author': 'Ana', 'body': 'What is $\\sqrt{2}$?', 'anonymous': True}))
    _ok(api.post(f'/questions/{asked["id"]}/votes', json={'author': 'Ana'}))
    _ok(api.patch(f'/questions/{asked["id"]}', json={'highlighted': True}, headers=host))
    _ok(api.put('/stage', headers=host, json={'show': 'questions'}))
    expect(projector.locator('.sh-q-board')).to_contain_text('open book')
    assert_accessible(projector, 'projector: questions, dark')
    _ok(api.put('/stage', headers=host, json={'show': 'timer'}))
    expect(projector.locator('.sh-stage-clock')).to_have_text(re.compile(r'^(9|10):\d\d$'))
    assert_accessible(projector, 'projector: timer, dark')
    for name in CLASS:  # more hands than the screen holds
        _ok(api.post('/hands', json={'author': name}))
    _ok(api.put('/stage', headers=host, json={'show': 'hands'}))
    expect(projector.locator('.sh-hands-large li')).to_have_count(len(CLASS))
    expect(projector.locator('.sh-hands-large li').first).to_be_in_viewport()  # the first, not the middle
    assert_accessible(projector, 'projector: raised hands, dark')

    # a quiz with a time limit and its results hidden, answered; after it closed: right and wrong marks, the
    # scoreboard (the host's, the pupil's, the projector's)
    quiz = _ok(api.post('/polls', headers=host, json={'question': 'What is 2 + 2?', 'options': ['3', '4', '5'],
                                                      'correct': [1], 'seconds': 120, 'results': 'hidden'}))
    card = pupil.locator('.sh-poll').filter(has_text='What is 2 + 2?')
    card.locator('[data-option="0"]').click()
    expect(card.locator('[data-option="0"]')).to_have_attribute('aria-checked', 'true')
    expect(card.locator('.sh-poll-state')).to_have_text(re.compile(r'\d:\d\d'))
    assert_accessible(pupil, 'a quiz answered, its time running and its results hidden, pupil, ar light phone')
    for index, name in enumerate(CLASS):  # a scoreboard longer than the screen
        _ok(api.post(f'/polls/{quiz["id"]}/votes', json={'author': name, 'choices': [index % 2]}))
    _ok(api.patch(f'/polls/{quiz["id"]}', headers=host, json={'status': 'closed', 'results_visible': True}))
    expect(card.locator('.sh-poll-feedback')).to_be_visible()
    _ok(api.put('/stage', headers=host, json={'show': 'scoreboard'}))
    expect(projector.locator('.sh-stage-board li')).to_have_count(len(CLASS) + 1)
    expect(projector.locator('.sh-stage-board h2')).to_be_in_viewport()  # the top of the board, not its middle
    assert_accessible(projector, 'projector: scoreboard, dark')
    pupil.locator('.sh-board-toggle').click()
    expect(pupil.locator('.sh-scoreboard li')).to_have_count(len(CLASS) + 1)
    assert_accessible(pupil, 'quiz closed and the scoreboard, pupil, ar light phone')
    screenshot(pupil, 'a11y-quiz-closed-ar-light-phone')
    teacher.locator('.sh-board-toggle').click()
    expect(teacher.locator('.sh-scoreboard li')).to_have_count(len(CLASS) + 1)
    expect(teacher.locator('.sh-poll').filter(has_text='What is 2 + 2?').locator('.sh-correct')).to_have_count(1)

    # the timer paused, and then at its end (across the projector, and on the pupil's strip)
    _ok(api.patch('/timer', headers=host, json={'action': 'pause'}))
    expect(pupil.locator('.sh-timer-paused')).to_be_visible()
    assert_accessible(pupil, 'the timer paused, pupil, ar light phone')
    _ok(api.put('/timer', headers=host, json={'seconds': 1, 'label': 'Exercise 3'}))
    _ok(api.put('/stage', headers=host, json={'show': 'timer'}))
    expect(projector.locator('.sh-stage-timer.sh-stage-done')).to_be_visible()
    assert projector.locator('.sh-stage').evaluate('(s) => s.scrollHeight <= s.clientHeight')  # the end fits
    assert_accessible(projector, "projector: the timer's end, dark")
    expect(pupil.locator('.sh-timer-done')).to_be_visible()
    assert_accessible(pupil, "the timer's end, pupil, ar light phone")

    # the activities dialog on the host's phone, in Arabic and dark: its three tabs
    phone = _as_host(browse(f'{server.base_url}/', locale='ar', scheme='dark', viewport=PHONE), server, code, host,
                     'Ms Rivera')
    phone.locator('.sh-header .q-btn:has(i:text-is("poll"))').click()
    dialog = phone.get_by_role('dialog')
    for icon in ('poll', 'timer', 'tv'):
        dialog.locator(f'.q-tab:has(i:text-is("{icon}"))').click()
        expect(dialog.locator('.q-tab--active i', has_text=icon)).to_be_visible()
        assert_accessible(phone, f'activities dialog: {icon}, host, ar dark phone')
    screenshot(phone, 'a11y-activities-stage-ar-dark-phone')

    # a file shared through the upload box, and one it refuses (over the test server's 1 MB), said in a notification
    picker = teacher.locator('.q-uploader__input')
    picker.set_input_files(files=[{'name': 'notes.txt', 'mimeType': 'text/plain', 'buffer': b'Newton'}])
    expect(teacher.locator('.q-drawer .q-item', has_text='notes.txt')).to_be_visible()
    assert_accessible(teacher, 'quiz closed, the scoreboard and a shared file, host, en dark')
    screenshot(teacher, 'a11y-quiz-host-en-dark')
    picker.set_input_files(files=[{'name': 'big.bin', 'mimeType': 'application/octet-stream',
                                   'buffer': b'0' * 1_200_000}])
    expect(teacher.locator('.q-notification', has_text='big.bin')).to_be_visible()
    assert_accessible(teacher, 'the upload box refused a file, host, en dark')
