""""Ana is typing…": shown to everyone but the typer, from the session's typing events."""
from nicegui import ui

from i18n import _

from .shared_module import STUDYHALL_JS


class TypingLine(ui.element, component='typing_line.js', esm=STUDYHALL_JS):

    def __init__(self, session_id: int, *, me: str) -> None:
        super().__init__()
        self._props.update({'sessionId': session_id, 'me': me, 'texts': {
            'one': _('{name} is typing…'), 'two': _('{first} and {second} are typing…'),
            'several': _('Several people are typing…'),
        }})
