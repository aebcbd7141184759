"""Look and feel shared by every page: our stylesheet, code highlighting for light and dark, the dark-mode switch."""
import hashlib
from pathlib import Path

from fastapi.responses import Response
from nicegui import app, ui
from nicegui.events import GenericEventArguments
from pygments.formatters import HtmlFormatter

from i18n import _

STYLESHEET = Path(__file__).with_name('studyhall.css')
ACTIVITY_STYLESHEETS = (Path(__file__).with_name('questions.css'),  # the classroom activities' own
                        Path(__file__).with_name('activities.css'))  # polls, the timer, the projector's stage
TOUCH_STYLESHEET = Path(__file__).with_name('touch.css')  # phones: the message actions sheet, what fits fingers
PRIMARY = '#1f5f9e'  # white text on it has a contrast of about 6.6:1 (NiceGUI's default blue: about 3:1)
POSITIVE = '#1d7a34'  # white text on it: 5.4:1 (Quasar's green: 2.6:1)


def apply_colors() -> None:
    app.colors(primary=PRIMARY, positive=POSITIVE)


def stylesheet() -> str:
    light = HtmlFormatter(style='xcode').get_style_defs('.codehilite')
    dark = HtmlFormatter(style='github-dark').get_style_defs('.body--dark .codehilite')
    sheets = [path.read_text(encoding='utf-8') for path in (STYLESHEET, *ACTIVITY_STYLESHEETS, TOUCH_STYLESHEET)]
    return '\n'.join((*sheets, light, dark))


def link_stylesheet() -> None:
    """Every page links the stylesheet, which the browser keeps (inlined, it made each page 21 kB bigger). The
    address changes with the content, so an upgrade is never shown with an old stylesheet."""
    css = stylesheet()
    url = f'/_studyhall/style-{hashlib.sha256(css.encode()).hexdigest()[:12]}.css'

    @app.get(url, include_in_schema=False)
    def serve_stylesheet() -> Response:
        return Response(css, media_type='text/css', headers={'Cache-Control': 'public, max-age=31536000, immutable'})
    ui.add_head_html(f'<link rel="stylesheet" href="{url}">', shared=True)


def dark_mode_switch() -> None:
    """Follows the system until the user picks; a click shows the other look, the next one follows the system again
    (so each click changes what the page shows); the choice is remembered in this browser."""
    dark = ui.dark_mode(app.storage.user.get('dark'))

    def toggle(e: GenericEventArguments) -> None:
        # None (following the system): the opposite of what the page shows, which only the browser knows on auto
        dark.value = (not e.args) if dark.value is None else None
        app.storage.user['dark'] = dark.value
        button.props(f'icon={_icon(dark.value)}')
        button.props['title'] = _title(dark.value)
        button.update()

    button = ui.button(icon=_icon(dark.value)).props('flat round dense color=white')
    button.props.update({'aria-label': _('Switch between light and dark'), 'title': _title(dark.value)})
    button.on('click', toggle, js_handler='() => emit(document.body.classList.contains("body--dark"))')


def _icon(value: bool | None) -> str:
    return {None: 'brightness_auto', True: 'dark_mode', False: 'light_mode'}[value]


def _title(value: bool | None) -> str:
    return {None: _('Light or dark as the system is (click: the other one)'),
            True: _('Dark (click: as the system is)'), False: _('Light (click: as the system is)')}[value]
