"""The invitation to a session: join code in large type, the link, a QR code made here (no internet)."""
from functools import lru_cache
from urllib.parse import urlsplit

import segno
from nicegui import app, ui

from i18n import _

from .copy_link import CopyLink

LOCAL_HOSTS = {'localhost', '127.0.0.1', '::1', '[::1]'}


def join_url(page_url: str, path: str) -> str:
    """The link others can open: the address this page was opened at, or a LAN address if that was localhost."""
    parts = urlsplit(page_url)
    base = f'{parts.scheme}://{parts.netloc}'
    if parts.hostname in LOCAL_HOSTS:
        lan = sorted(url for url in app.urls if urlsplit(url).hostname not in LOCAL_HOSTS)
        if lan:
            base = lan[0].rstrip('/')
    return base + path


@lru_cache(maxsize=256)
def qr_data_uri(url: str) -> str:
    return segno.make(url, error='m').svg_data_uri(scale=8, border=2, dark='#111', light='#fff')


def invite_card(code: str, url: str, *, large: bool = False) -> ui.card:
    with ui.card().classes('items-center gap-2' + (' p-6' if large else '')).mark('invite') as card:
        ui.label(_('Join code')).classes('text-sm uppercase tracking-wide opacity-70')
        ui.label(code).classes(f'sh-code font-bold whitespace-nowrap {"text-6xl" if large else "text-5xl"}')
        qr_image(url, large=large)
        if large:
            ui.label(url).classes('text-sm break-all')
        else:
            CopyLink(url)
    return card


def qr_image(url: str, *, large: bool = False) -> ui.image:
    qr = ui.image(qr_data_uri(url)).classes('w-64 h-64' if large else 'w-48 h-48').props('no-spinner no-transition')
    qr.props['alt'] = _('QR code for %(url)s', url=url)
    return qr


def invite_dialog(code: str, url: str) -> ui.dialog:
    with ui.dialog() as dialog, invite_card(code, url):
        ui.button(_('Close'), on_click=dialog.close).props('flat color=primary').classes('sh-dialog-close')
    return dialog


def host_link_dialog(url: str) -> ui.dialog:
    """The host's own link, to open this session as its host on another device (a phone, the projector laptop)."""
    with ui.dialog() as dialog, ui.card().classes('items-center gap-2 max-w-lg').mark('host-link-card'):
        ui.label(_('Your host link')).classes('text-lg font-medium')
        ui.label(_('Keep it private: whoever opens it can control this session, on any device.')) \
            .classes('text-sm opacity-80 text-center')
        qr_image(url)
        CopyLink(url, label=_('Copy the host link')).mark('host-link-value')
        ui.button(_('Close'), on_click=dialog.close).props('unelevated')
    return dialog
