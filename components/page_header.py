"""The bar at the top of every page: one line high at every width, so the session view can fill the rest."""
import json

from nicegui import ui

from i18n import _

from .language_switch import language_switch
from .theme import dark_mode_switch


class PageHeader(ui.header):
    """The header; enter it (`with header:`) to add controls on its right end."""

    def __init__(self, title: str = '') -> None:
        super().__init__()
        self.classes('sh-header items-center no-wrap gap-2 px-3 bg-primary')
        with self:
            home = ui.link(target='/').classes('row items-center no-wrap gap-1 text-white no-underline shrink-0')
            home.props['aria-label'] = _('StudyHall home')
            with home:
                ui.icon('school', size='sm')
                ui.label('StudyHall').classes('text-xl font-bold gt-xs')
            self._title = ui.label(title).classes('text-lg text-white truncate min-w-0 gt-xs').props('dir=auto')
            self.beside_title = ui.row().classes('items-center no-wrap gap-1 shrink-0')  # the session's state chips
            ui.space()
            language_switch()
            dark_mode_switch()
        _name_the_loading_bar()

    def set_title(self, title: str) -> None:
        self._title.set_text(title)


def _name_the_loading_bar() -> None:
    """Quasar's loading bar (shown while the server answers a click) is a progressbar without a name: screen readers
    announce "progress bar" and nothing else. It is made once per page, so it is named once, when it appears."""
    ui.add_body_html(f'''<script>
(() => {{
  const name = () => {{
    const bar = document.querySelector(".q-loading-bar");
    if (bar) bar.setAttribute("aria-label", {json.dumps(_('Loading…'))});
    else setTimeout(name, 200);
  }};
  window.addEventListener("load", name);
}})();
</script>''')
