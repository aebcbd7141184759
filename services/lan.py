"""Where others on the network can reach this server, for the start-up banner."""
import io
import ipaddress

import ifaddr
import segno

from i18n import _

ALL_INTERFACES = ('0.0.0.0', '', '::')


def is_loopback(host: str) -> bool:
    """True for an address only this computer can reach: 127.x.x.x, ::1, localhost."""
    if host.lower() == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name: whoever can resolve it may reach it


def lan_urls(host: str, port: int) -> list[str]:
    """http://<address>:<port>/ where others can reach this server: every IPv4 address of this machine when listening
    on all interfaces, the one address it listens on otherwise, none when that is a loopback address."""
    if is_loopback(host):
        return []
    if host not in ALL_INTERFACES:
        return [f'http://{host}:{port}/']
    addresses = {str(ip.ip) for adapter in ifaddr.get_adapters() for ip in adapter.ips if ip.is_IPv4}
    return [f'http://{address}:{port}/' for address in sorted(addresses) if not is_loopback(address)]


def terminal_qr(url: str) -> str:
    out = io.StringIO()
    segno.make(url, error='m').terminal(out=out, compact=True)
    return out.getvalue()


def banner(host: str, port: int, extra: str = '') -> str:
    urls = lan_urls(host, port)
    lines = ['', _('StudyHall is running: %(url)s', url=f'http://localhost:{port}/')]
    if urls:
        lines.append(_('Others on your network can join at: %(urls)s', urls='  '.join(urls)))
        lines.append(terminal_qr(urls[0]))
    elif is_loopback(host):
        lines.append(_('Only this computer can reach it (listening on %(host)s); start it with --host 0.0.0.0 to let '
                       'others on your network join.', host=host))
    else:
        lines.append(_('This computer has no network address right now, so nobody else can join yet.'))
    if extra:
        lines.append(extra)
    return '\n'.join(lines)
