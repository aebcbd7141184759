"""Screen readers hear new messages through one polite live region: a burst is one announcement with the count and
the newest author, never the history, never one's own messages; the person's switch turns it off."""
from playwright.sync_api import expect

from bench.server_process import ServerProcess

from .actions import send
from .conftest import new_session, post_message

COUNT_CHANGES_JS = '''() => {
    const region = document.querySelector('.sh-chat [role=status]');
    window.announcements = [];
    new MutationObserver(() => region.textContent.trim() && window.announcements.push(region.textContent.trim()))
        .observe(region, { childList: true, characterData: true, subtree: true });
}'''


def test_a_burst_of_twenty_is_one_announcement_and_own_messages_are_not_announced(
        server: ServerProcess, open_page) -> None:
    code = new_session(server, 'Announcements')
    post_message(server, code, 'Ms Rivera', 'History that is never read out')
    page = open_page(f'{server.base_url}/s/{code}?name=Kai')
    region = page.locator('.sh-chat [role=status][aria-live=polite]')
    expect(region).to_have_count(1)
    expect(page.locator('.sh-message')).to_have_count(1)
    page.evaluate(COUNT_CHANGES_JS)
    assert region.text_content().strip() == ''  # the history is not announced

    post_message(server, code, 'Ben', *[f'burst {n}' for n in range(20)])
    expect(page.locator('.sh-message')).to_have_count(21)
    expect(region).to_have_text('20 new messages, the newest from Ben')
    assert page.evaluate('window.announcements') == ['20 new messages, the newest from Ben']

    send(page, 'my own message')
    expect(page.locator('.sh-message', has_text='my own message')).to_be_visible()
    post_message(server, code, 'Ana', 'one more')
    expect(region).to_have_text('New message from Ana')
    assert page.evaluate('window.announcements') == ['20 new messages, the newest from Ben', 'New message from Ana']
