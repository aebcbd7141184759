"""The invite dialog (code, link, QR) and the projector view (no composer, live messages in large type)."""
from playwright.sync_api import Page, expect

from bench.server_process import ServerProcess

from .actions import message_box, messages, send
from .conftest import DESKTOP, PHONE, new_session, post_message, settle

LARGE_TYPE_PX = 24


def _wait_until_shown(page: Page, name: str) -> None:
    """The picture inside Quasar's image (the element with the role and the name) has been decoded."""
    picture = page.get_by_role('img', name=name).locator('img').element_handle()
    page.wait_for_function('(img) => img.complete && img.naturalWidth > 0', arg=picture)


def test_the_invite_dialog_shows_the_code_the_link_and_a_qr_image(server: ServerProcess, open_page) -> None:
    code = new_session(server, 'Invite')
    page = open_page(f'{server.base_url}/s/{code}?name=Ana')
    page.get_by_role('button', name='Invite others').click()
    dialog = page.get_by_role('dialog')
    link = f'{server.base_url}/s/{code}'
    expect(dialog.get_by_text(code, exact=True)).to_be_visible()
    expect(dialog.get_by_text(link, exact=True)).to_be_visible()
    expect(dialog.get_by_role('img', name=f'QR code for {link}')).to_be_visible()
    _wait_until_shown(page, f'QR code for {link}')
    settle(page)  # the dialog grows while it opens
    box = dialog.get_by_role('img', name='QR code').bounding_box()
    assert box['width'] >= 150 and box['height'] >= 150  # big enough to scan from a seat

    dialog.get_by_role('button', name='Close').click()
    expect(page.get_by_role('dialog')).to_have_count(0)


def test_the_projector_has_no_composer_and_shows_new_messages_live_in_large_type(
        server: ServerProcess, open_page) -> None:
    code = new_session(server, 'Projector')
    post_message(server, code, 'Ms Rivera', 'Before the lesson')
    projectors = [open_page(f'{server.base_url}/s/{code}/present', viewport=screen) for screen in (DESKTOP, PHONE)]
    student = open_page(f'{server.base_url}/s/{code}?name=Ana')
    for projector in projectors:
        expect(messages(projector)).to_have_count(1)
        expect(message_box(projector)).to_have_count(0)
        expect(projector.get_by_role('button', name='Send message')).to_have_count(0)
        expect(projector.get_by_text(code, exact=True)).to_be_visible()
        expect(projector.get_by_role('img', name='QR code')).to_be_visible()

    send(student, 'Is mitochondria the powerhouse?')
    for projector in projectors:
        latest = messages(projector, 'Is mitochondria the powerhouse?')
        expect(latest).to_have_count(1)
        expect(latest).to_be_in_viewport(ratio=0.9)
        size = latest.locator('.sh-body').evaluate('(body) => parseFloat(getComputedStyle(body).fontSize)')
        assert size >= LARGE_TYPE_PX
