"""The session's state as chips in the header: locked or closed (everyone sees it), a passcode (the host sees it and
opens it with a click). State is shown as state; the host menu holds the actions."""
from collections.abc import Callable

from nicegui import ui

from db.schemas import SessionPublic
from i18n import N_, _

STATUS_CHIPS = {
    'locked': ('lock', N_('Locked'), N_('Locked: only the host can write')),
    'closed': ('archive', N_('Closed'), N_('Closed: the history stays readable')),
}


class SessionState:

    def __init__(self, session: SessionPublic, *, on_passcode: Callable[[], object] | None = None) -> None:
        """`on_passcode`: the host's page shows whether there is a passcode; a click on it calls this."""
        chip_props = 'dense square color=white text-color=primary'
        self.status = ui.chip().props(chip_props).classes('shrink-0 sh-state-chip').mark('state-status')
        self.passcode = None
        if on_passcode is not None:
            self.passcode = ui.chip(_('Passcode'), icon='key', on_click=on_passcode) \
                .props(f'{chip_props} clickable').classes('shrink-0 sh-state-chip').mark('state-passcode')
            self.passcode.props['title'] = _('New people need the passcode: click to see it')
        self.show(session)

    def show(self, session: SessionPublic) -> None:
        icon, text, hint = STATUS_CHIPS.get(session.status, ('', '', ''))
        self.status.set_visibility(bool(text))
        if text:
            self.status.set_text(_(text))
            self.status.props(f'icon={icon}')
            self.status.props['title'] = _(hint)
            self.status.props['aria-label'] = _(hint)
            self.status.update()
        if self.passcode is not None:
            self.passcode.set_visibility(session.has_passcode)
