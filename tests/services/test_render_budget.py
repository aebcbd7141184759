"""Rendering under a budget: short plain messages at once, the rest in a worker process that is replaced when one
message takes too long; that message is kept and shown as plain text with a note."""
import pytest
from sqlmodel import select

from db.models import Message
from services import messages, sessions
from services.context import Context
from services.render_budget import RenderBudget, is_light
from services.rendering import PLAIN_NOTE_MARK, render_message

CRAFTED = '![' * 2000  # tens of milliseconds of link scanning: far over a budget of 10 ms, far under one of 10 s
CODE = '```python\ndef area(r):\n    return 3.14 * r ** 2\n```'


@pytest.fixture
async def budget():
    made = []

    def make(seconds: float) -> RenderBudget:
        made.append(RenderBudget(seconds))
        return made[-1]
    yield make
    for each in made:
        await each.stop()


@pytest.mark.parametrize(('body', 'light'), [
    ('ok, see you at 10', True),
    ('Can someone explain question 3? I think the answer is $x^2$ but the book says **something** else.', True),
    ('thanks @Ana, see https://example.com/notes', True),
    (CODE, False),  # a lexer compiles its patterns on first use
    ('x' * 501, False),
    ('[' * 17, False),
    (CRAFTED, False),
])
def test_short_messages_with_little_markup_are_light(body: str, light: bool) -> None:
    assert is_light(body) is light


async def test_the_worker_renders_what_this_process_would(budget) -> None:
    renderer = budget(10)
    mentionable = {'ana': 'Ana'}
    for body in (CODE, CRAFTED, 'hi @Ana\n\n' + 'a|b\n-|-\n' * 40):
        assert await renderer.render(body, mentionable) == render_message(body, mentionable)


async def test_a_message_over_the_budget_is_plain_text_with_a_note_and_the_next_one_renders(budget) -> None:
    renderer = budget(0.01)
    html = await renderer.render(CRAFTED + '\n<b>&')
    assert html.startswith('<p>![![![')
    assert '&lt;b&gt;&amp;' in html
    assert PLAIN_NOTE_MARK in html
    renderer.seconds = 10
    assert await renderer.render(CODE) == render_message(CODE)  # by a new worker


async def test_a_worker_that_died_is_replaced_before_the_next_message(budget) -> None:
    renderer = budget(10)
    await renderer.render(CODE)
    first = renderer._worker
    first.kill()  # as the kernel would, out of memory
    await first.wait()
    assert await renderer.render(CODE) == render_message(CODE)
    assert renderer._worker.pid != first.pid


async def test_a_crafted_message_and_its_edit_are_stored_and_shown_as_plain_text(ctx: Context) -> None:
    ctx.rendering.seconds = 0.01
    session, _ = await sessions.create_session(ctx, 'Algebra')
    message, _ = await messages.post_message(ctx, session, 'Mallory', CRAFTED)
    assert message.body == CRAFTED
    assert PLAIN_NOTE_MARK in message.html
    edited = await messages.edit_message(ctx, session, message.id, 'Mallory', CRAFTED[:-6] + ' again')
    async with ctx.db.read() as db:
        row = (await db.exec(select(Message))).one()
    assert (row.body, row.html) == (CRAFTED[:-6] + ' again', edited.html)
    assert PLAIN_NOTE_MARK in row.html and '![![ again' in row.html
    normal, _ = await messages.post_message(ctx, session, 'Ana', 'fine, **thanks**')
    assert normal.html == '<p>fine, <strong>thanks</strong></p>'
