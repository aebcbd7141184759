"""A TCP relay between a browser and the server, standing in for a Wi-Fi link: it can be slow, and it can go down
(every connection on it is reset, and new ones are until it is up again).

Chromium's own network emulation cannot do this: going offline fails new requests but lets an upload under way
finish, and changing the throughput of an upload under way sends the rest at once. (A link that only resets what is
open is not enough either: Chromium sends a request that failed on a reused connection once more by itself.)
"""
import contextlib
import socket
import struct
import threading
import time

from bench.server_process import free_port

CHUNK = 4096


class Relay:

    def __init__(self, target_port: int, *, bytes_per_second: int | None = None) -> None:
        """Listen on a free port of 127.0.0.1 and pass everything to `target_port`; `bytes_per_second` paces what
        the browser sends (None: as fast as it comes)."""
        self.target_port = target_port
        self.bytes_per_second = bytes_per_second
        self.port = free_port()
        self._listener = socket.create_server(('127.0.0.1', self.port))
        self._open: set[socket.socket] = set()
        self._lock = threading.Lock()
        self._up = True
        self.sent_to_server = 0  # bytes the browser sent through the relay so far
        threading.Thread(target=self._accept, daemon=True, name='relay').start()

    @property
    def base_url(self) -> str:
        return f'http://127.0.0.1:{self.port}'

    def down(self) -> None:
        """The link goes: every connection on it is reset now, and every new one until `up()`."""
        self._up = False
        with self._lock:
            connections, self._open = self._open, set()
        for connection in connections:
            _reset(connection)

    def up(self) -> None:
        self._up = True

    def close(self) -> None:
        self._listener.close()
        self.down()

    def _accept(self) -> None:
        while True:
            try:
                browser, _ = self._listener.accept()
            except OSError:
                return  # closed
            if not self._up:
                _reset(browser)
                continue
            server = socket.create_connection(('127.0.0.1', self.target_port))
            with self._lock:
                self._open |= {browser, server}
            threading.Thread(target=self._pump, args=(browser, server, self.bytes_per_second, True),
                             daemon=True).start()
            threading.Thread(target=self._pump, args=(server, browser, None), daemon=True).start()

    def _pump(self, source: socket.socket, sink: socket.socket, bytes_per_second: int | None,
              to_server: bool = False) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(CHUNK):
                sink.sendall(data)
                if to_server:
                    self.sent_to_server += len(data)  # (one writer per connection; a lost update is harmless)
                if bytes_per_second:
                    time.sleep(len(data) / bytes_per_second)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)


def _reset(connection: socket.socket) -> None:
    with contextlib.suppress(OSError):
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        connection.shutdown(socket.SHUT_RDWR)  # (close alone would wait for the pump blocked on it)
    connection.close()
