"""Questions and raised hands in real Chromium: asking anonymously, voting and reordering, the host's actions, the
raise-hand shortcut and "your turn", the projector, a phone width and dark mode."""
import httpx
from playwright.sync_api import Page, expect

from bench.server_process import ServerProcess

from .conftest import PHONE, screenshot, visit


def hosted_session(server: ServerProcess, title: str) -> tuple[str, str]:
    response = httpx.post(f'{server.base_url}/api/sessions', json={'title': title})
    assert response.status_code == 201
    return response.json()['code'], response.json()['host_key']


def host_page(server: ServerProcess, open_page, code: str, key: str, **options) -> Page:
    """The host's page: the host link makes the browser the host's, then the host joins by name."""
    page = open_page(f'{server.base_url}/s/{code}?host_key={key}', **options)
    page.wait_for_url(f'**/s/{code}')
    visit(page, f'{server.base_url}/s/{code}?name=Ms%20Rivera')
    expect(page.get_by_role('button', name='Host controls')).to_be_visible()
    return page


def question(page: Page, text: str):
    return page.locator('li.sh-question').filter(has=page.locator('.sh-body', has_text=text))


def ask(page: Page, text: str, *, anonymous: bool = False) -> None:
    switch = page.get_by_role('switch', name='Ask anonymously')
    if (switch.get_attribute('aria-checked') == 'true') != anonymous:  # the switch stays as the asker left it
        switch.click()
    box = page.get_by_role('textbox', name='Your question')
    box.fill(text)
    box.press('Enter')
    expect(box).to_have_value('')


def open_questions(page: Page) -> None:
    page.get_by_role('tab', name='Questions').click()
    expect(page.get_by_role('textbox', name='Your question')).to_be_visible()


def test_asking_voting_reordering_and_the_hosts_actions(server: ServerProcess, open_page) -> None:
    code, key = hosted_session(server, 'Questions')
    teacher = host_page(server, open_page, code, key)
    ana = open_page(f'{server.base_url}/s/{code}?name=Ana')
    ben = open_page(f'{server.base_url}/s/{code}?name=Ben', viewport=PHONE, color_scheme='dark')

    open_questions(ana)
    ask(ana, 'What is $\\sqrt{2}$ **exactly**?', anonymous=True)
    ask(ana, 'Is the exam open book?')
    expect(ben.locator('.sh-q-badge')).to_have_text('2')  # unread, on the tab of the view not shown
    open_questions(ben)
    expect(ben.locator('.sh-q-badge')).to_have_count(0)
    anonymous = question(ben, 'exactly')
    expect(anonymous.locator('math')).to_have_count(1)
    expect(anonymous.locator('.sh-q-meta')).to_contain_text('Anonymous')
    expect(question(ben, 'open book').locator('.sh-q-meta')).to_contain_text('Ana')

    open_questions(teacher)
    expect(question(teacher, 'exactly').locator('.sh-q-meta')).to_contain_text('Ana')  # the host sees who asked

    # the older question is first; two votes for the newer one move it up on every page
    expect(ana.locator('li.sh-question .sh-body').first).to_contain_text('exactly')
    question(ben, 'open book').get_by_role('button', name='Vote for this question').click()
    question(teacher, 'open book').get_by_role('button', name='Vote for this question').click()
    ana.mouse.move(0, 0)  # not over the list: its order is not held
    expect(ana.locator('li.sh-question .sh-body').first).to_contain_text('open book')
    expect(question(ana, 'open book').locator('.sh-vote-count')).to_have_text('2')
    expect(question(ben, 'open book').get_by_role('button', name='Take your vote back')).to_have_attribute(
        'aria-pressed', 'true')

    question(teacher, 'open book').get_by_role('button', name='Highlight: being answered now').click()
    expect(ben.locator('.sh-q-now')).to_contain_text('open book')
    screenshot(ben, 'questions-phone-dark')
    screenshot(ana, 'questions-desktop-light')
    screenshot(teacher, 'questions-host-desktop-light')

    question(teacher, 'open book').get_by_role('button', name='Mark as answered').click()
    expect(ben.get_by_role('region', name='Answered')).to_contain_text('open book')
    expect(ben.locator('.sh-q-now')).to_have_count(0)
    question(teacher, 'exactly').get_by_role('button', name='Hide').click()
    expect(question(ana, 'exactly')).to_have_count(0)

    teacher.get_by_role('switch', name='Approve new questions before everyone sees them').click()
    expect(ana.get_by_role('switch', name='Approve new questions before everyone sees them')).to_have_count(0)
    ask(ben, 'May I leave early?')
    expect(question(ben, 'leave early')).to_contain_text('Only you and the host see it')
    question(teacher, 'leave early').get_by_role('button', name='Approve').click()
    expect(question(ana, 'leave early')).to_have_count(1)  # it reached the others only now
    teacher.get_by_role('switch', name='Approve new questions before everyone sees them').click()

    present = open_page(f'{server.base_url}/s/{code}/present')
    ask(ana, 'Can we see the slides?')
    expect(present.locator('.sh-q-board')).to_contain_text('Can we see the slides?')
    expect(present.locator('.sh-q-board')).not_to_contain_text('exactly')
    screenshot(present, 'questions-projector-desktop-light')


def test_raising_a_hand_with_the_shortcut_and_the_host_calling_on_it(server: ServerProcess, open_page) -> None:
    code, key = hosted_session(server, 'Hands')
    teacher = host_page(server, open_page, code, key, color_scheme='dark')
    ana = open_page(f'{server.base_url}/s/{code}?name=Ana')
    ben = open_page(f'{server.base_url}/s/{code}?name=Ben', viewport=PHONE, color_scheme='dark')

    ana.keyboard.press('Alt+Shift+H')
    expect(ana.get_by_role('button', name='Lower your hand')).to_be_visible()
    ben.get_by_role('button', name='Raise your hand').click()
    queue = teacher.get_by_role('list', name='Raised hands')
    expect(queue.locator('li')).to_have_count(2)
    expect(queue.locator('li').first).to_contain_text('Ana')
    expect(teacher.get_by_label('People here now')).to_contain_text('✋ 2')
    screenshot(teacher, 'hands-host-desktop-dark')
    screenshot(ben, 'hands-phone-dark')

    teacher.get_by_role('button', name='Next').click()
    expect(ana.get_by_role('alert')).to_contain_text('It is your turn')
    expect(ben.get_by_role('alert')).to_have_count(0)
    expect(queue.locator('li')).to_have_count(1)
    screenshot(ana, 'hands-your-turn-desktop-light')

    present = open_page(f'{server.base_url}/s/{code}/present')
    expect(present.locator('.sh-hands-large')).to_contain_text('Ben')
    teacher.get_by_role('button', name='Lower all').click()
    expect(present.locator('.sh-hands-large li')).to_have_count(0)
    expect(ben.get_by_role('button', name='Raise your hand')).to_be_visible()
