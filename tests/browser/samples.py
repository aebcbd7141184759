"""A session with what a real lesson has: a code block, math, a link, a picture and a PDF."""
from bench.server_process import ServerProcess
from services.demo import picture

from .conftest import new_session, post_message, share_file

CODE_BLOCK = 'I checked it numerically:\n```python\nn = 100_000\nprint(sum((i / n) ** 2 for i in range(n)) / n)\n```'
MESSAGES = [
    ('Ms Rivera', 'Welcome! Today: photosynthesis, $6CO_2 + 6H_2O \\rightarrow C_6H_{12}O_6 + 6O_2$.'),
    ('Ana', 'Is the area under $f(x) = x^2$ between 0 and 1 really $$\\int_0^1 x^2 \\, dx = \\frac{1}{3}$$'),
    ('Ben', CODE_BLOCK),
    ('Ms Rivera', 'Yes. Background reading: [Photosynthesis on Wikipedia](https://en.wikipedia.org/wiki/Photosynthesis)'),
]


def lesson(server: ServerProcess, title: str = 'Photosynthesis and a bit of calculus') -> str:
    """A new session with the messages above and two materials with previews; returns its code."""
    code = new_session(server, title)
    for author, body in MESSAGES:
        post_message(server, code, author, body)
    share_file(server, code, 'Ms Rivera', 'leaf-diagram.png', picture('Leaf', '#2e7d32', 'PNG'), 'image/png')
    share_file(server, code, 'Ms Rivera', 'worksheet-4.pdf', picture('Worksheet 4', '#1565c0', 'PDF'),
               'application/pdf')
    return code
