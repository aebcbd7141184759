"""Where others on the network can reach this server, for the start-up banner."""
import io

import ifaddr
import segno


def lan_urls(host: str, port: int) -> list[str]:
    """http://<address>:<port>/ for every IPv4 address of this machine when listening on all interfaces."""
    if host not in ('0.0.0.0', ''):
        return [f'http://{host}:{port}/']
    addresses = {str(ip.ip) for adapter in ifaddr.get_adapters() for ip in adapter.ips if ip.is_IPv4}
    addresses.discard('127.0.0.1')
    return [f'http://{address}:{port}/' for address in sorted(addresses)]


def terminal_qr(url: str) -> str:
    out = io.StringIO()
    segno.make(url, error='m').terminal(out=out, compact=True)
    return out.getvalue()


def banner(host: str, port: int, extra: str = '') -> str:
    urls = lan_urls(host, port)
    lines = ['', f'StudyHall is running: http://localhost:{port}/']
    if urls:
        lines.append('Others on your network can join at: ' + '  '.join(urls))
        lines.append(terminal_qr(urls[0]))
    else:
        lines.append('(listening on this computer only; use --host 0.0.0.0 to let others join)')
    if extra:
        lines.append(extra)
    return '\n'.join(lines)
