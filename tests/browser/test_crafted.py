"""What a class sees when someone tries to hurt it: a crafted message shows as plain text with a quiet note, and a
look-alike of a name is refused like the name."""
from playwright.sync_api import expect

from bench.server_process import ServerProcess
from services.rendering import PLAIN_NOTE

from .actions import messages, send
from .conftest import new_session, screenshot

FORMULAS = '$x$ ' * 999 + '$x$'  # a thousand formulas: 130 kB of MathML, more than a message may grow to


def test_a_crafted_message_shows_as_plain_text_with_a_note_and_a_look_alike_cannot_join(
        server: ServerProcess, open_page) -> None:
    code = new_session(server, 'Crafted')
    mallory = open_page(f'{server.base_url}/s/{code}?name=Mallory')
    ana = open_page(f'{server.base_url}/s/{code}?name=Ana')
    send(mallory, FORMULAS)
    expect(messages(ana, PLAIN_NOTE)).to_have_count(1)
    send(ana, 'fine, **thanks**: $y^2$')

    for page in (mallory, ana):
        crafted = messages(page, PLAIN_NOTE)
        expect(crafted).to_have_count(1)
        expect(crafted).to_contain_text('$x$ $x$ $x$')
        expect(crafted.locator('math')).to_have_count(0)
        rendered = messages(page, 'fine,')
        expect(rendered.locator('strong')).to_have_text('thanks')
        expect(rendered.locator('math')).to_have_count(1)
    screenshot(ana, 'crafted-message-as-plain-text')

    impostor = open_page(f'{server.base_url}/s/{code}?name=\u0410na')  # Cyrillic А
    expect(impostor.get_by_text('The name “Ana” is taken in this session. Choose another one.')).to_be_visible()
    expect(impostor.get_by_role('textbox', name='Message')).to_have_count(0)
    screenshot(impostor, 'look-alike-name-refused')
