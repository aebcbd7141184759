"""A line above the chat while live updates from other processes are interrupted (Redis is down or unreachable)."""
from nicegui import ui

from i18n import N_, _
from realtime.status import HubStatus

TEXT = N_('Live updates are delayed: reconnecting… Messages you send are saved and will appear for everyone.')


def hub_notice(status: HubStatus) -> ui.label:
    return ui.label(_(TEXT)).props('role=status').mark('hub-delayed') \
        .classes('w-full rounded px-3 py-1 text-sm bg-orange-1 text-orange-10') \
        .bind_visibility_from(status, 'live', backward=lambda live: not live)
