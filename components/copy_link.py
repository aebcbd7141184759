"""A link shown with a copy button that works on a plain-http LAN page too, and says honestly when it could not."""
from nicegui import ui

from i18n import _

from .shared_module import STUDYHALL_JS


class CopyLink(ui.element, component='copy_link.js', esm=STUDYHALL_JS):

    def __init__(self, url: str, *, label: str | None = None) -> None:
        super().__init__()
        self._props.update({
            'url': url,
            'label': label or _('Copy the link'),
            'copied': _('Link copied'),
            'failed': _('This browser did not let the page copy: the link is selected, copy it yourself '
                        '(Ctrl+C, or long-press on a phone).'),
        })
        with self:
            ui.label(url)  # the link stays readable and selectable, and tests see it
