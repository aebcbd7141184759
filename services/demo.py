"""`python main.py --demo`: a session with a few messages (code and math) and sample materials, for a classroom demo."""
import io

from PIL import Image, ImageDraw

from db.models import StudySession

from . import materials, messages, sessions
from .context import Context

NUMERIC_CHECK = 'n = 100_000\nprint(sum((i / n) ** 2 for i in range(n)) / n)  # about 1/3\n'
MESSAGES = [
    ('Ms Rivera', 'Welcome to **StudyHall**! Scan the QR code (or type the join code) on your phone and say hi.'),
    ('Ms Rivera', 'Today: photosynthesis, $6CO_2 + 6H_2O \\rightarrow C_6H_{12}O_6 + 6O_2$, and some calculus.'),
    ('Ana', 'Is the area under $f(x) = x^2$ between 0 and 1 really $$\\int_0^1 x^2 \\, dx = \\frac{1}{3}$$'),
    ('Ben', f'Yes! I checked it numerically:\n```python\n{NUMERIC_CHECK}```'),
    ('Ms Rivera', 'Nice. The worksheet and the leaf diagram are in the materials panel; questions go here.'),
]


async def create_demo_session(ctx: Context) -> StudySession:
    session, _ = await sessions.create_session(ctx, 'Demo: photosynthesis and a bit of calculus',
                                               'A demo session with sample messages and materials.')
    for author, body in MESSAGES:
        await messages.post_message(ctx, session, author, body)
    for name, data in _sample_files().items():
        await materials.share_file(ctx, session, 'Ms Rivera', name, await ctx.files.store_bytes(data))
    return session


def _sample_files() -> dict[str, bytes]:
    return {
        'leaf-diagram.png': picture('Leaf cross-section', '#2e7d32', 'PNG'),
        'worksheet.pdf': picture('Worksheet 4: photosynthesis', '#1565c0', 'PDF'),
        'integral.py': NUMERIC_CHECK.encode(),
        'notes.txt': b'Light reactions happen in the thylakoids; the Calvin cycle in the stroma.\n',
    }


def picture(title: str, colour: str, kind: str) -> bytes:
    """A simple diagram with a title bar, as PNG or PDF (`kind`); the browser tests' lesson uses it too."""
    image = Image.new('RGB', (640, 420), 'white')
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 639, 70), fill=colour)
    draw.text((20, 24), title, fill='white', font_size=28)
    draw.ellipse((170, 120, 470, 380), outline=colour, width=6)
    draw.line((320, 120, 320, 380), fill=colour, width=4)
    buffer = io.BytesIO()
    image.save(buffer, kind)
    return buffer.getvalue()
