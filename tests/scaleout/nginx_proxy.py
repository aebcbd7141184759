"""Debian's nginx running deploy/nginx.conf on a free port with a temp prefix, in front of test processes.

Only the listen address and the upstream servers of the shipped file are replaced; no system config is read or
touched (`-c` and `-p` point into the temp folder, `-e` keeps even the first error out of /var/log).
"""
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from bench.server_process import PROJECT_DIR, free_port

SHIPPED = PROJECT_DIR / 'deploy' / 'nginx.conf'
UPSTREAM_SERVERS = re.compile(r'(?:^[ \t]*server 127\.0\.0\.1:\d+([^;\n]*);\n)+', re.MULTILINE)
MAIN = '''user root;
worker_processes 1;
daemon off;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log info;
events {{ worker_connections 1024; }}
http {{
    log_format routing '$request_method|$uri|$studyhall_session|$upstream_addr|$status';
    access_log {prefix}/access.log routing;
    client_body_temp_path {prefix}/temp/body;
    proxy_temp_path {prefix}/temp/proxy;
    fastcgi_temp_path {prefix}/temp/fastcgi;
    uwsgi_temp_path {prefix}/temp/uwsgi;
    scgi_temp_path {prefix}/temp/scgi;
    include {prefix}/studyhall.conf;
}}
'''


def nginx_missing() -> str | None:
    return None if shutil.which('nginx') else 'nginx is not installed (Debian: apt-get install nginx)'


def site_config(listen_port: int, upstream_ports: list[int]) -> str:
    """The shipped site with this listen port and these upstream ports (and the shipped server options)."""
    site = SHIPPED.read_text()
    options = UPSTREAM_SERVERS.search(site).group(1)
    servers = ''.join(f'    server 127.0.0.1:{port}{options};\n' for port in upstream_ports)
    site = UPSTREAM_SERVERS.sub(servers, site, count=1)
    return site.replace('listen 80;', f'listen 127.0.0.1:{listen_port};')


class NginxProxy:

    def __init__(self, prefix: Path, upstream_ports: list[int]) -> None:
        self.prefix = prefix
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        (prefix / 'temp').mkdir(parents=True, exist_ok=True)
        (prefix / 'studyhall.conf').write_text(site_config(self.port, upstream_ports))
        self.config = prefix / 'nginx.conf'
        self.config.write_text(MAIN.format(prefix=prefix))

    @property
    def base_url(self) -> str:
        return f'http://127.0.0.1:{self.port}'

    def command(self, *args: str) -> list[str]:
        return [shutil.which('nginx'), '-c', str(self.config), '-p', str(self.prefix),
                '-e', str(self.prefix / 'error.log'), *args]

    def test_config(self) -> subprocess.CompletedProcess:
        return subprocess.run(self.command('-t'), capture_output=True, text=True, timeout=30)

    def start(self, timeout: float = 10) -> 'NginxProxy':
        self.process = subprocess.Popen(self.command(), stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while not self._listening():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f'nginx did not start:\n{self.error_log()}')
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        """Stop this nginx (only this one, by its PID)."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    def access_log(self) -> list[dict[str, str]]:
        """One entry per finished request: method, uri, key (the hash key), upstream, status."""
        path = self.prefix / 'access.log'
        lines = path.read_text().splitlines() if path.exists() else []
        return [dict(zip(('method', 'uri', 'key', 'upstream', 'status'), line.split('|'), strict=True))
                for line in lines]

    def error_log(self) -> str:
        path = self.prefix / 'error.log'
        return path.read_text(errors='replace')[-3000:] if path.exists() else ''

    def _listening(self) -> bool:
        with socket.socket() as s:
            return s.connect_ex(('127.0.0.1', self.port)) == 0
