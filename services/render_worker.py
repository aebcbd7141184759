"""The render worker: a process of its own that turns message bodies into HTML, one after another, for
services/render_budget.py, which kills it when one takes too long.

Run as `python -m services.render_worker`. Each request on stdin and each answer on stdout is a 4-byte big-endian
length, then that many bytes of JSON: `[body, {name key: name}]` in, the HTML out (`null` when rendering failed).
It starts by answering `null` once it is ready, so the time it takes to start never counts against a message's
budget.
"""
import json
import os
import resource
import struct
import sys
from typing import BinaryIO

MEMORY_LIMIT_BYTES = 1024 * 1024 * 1024  # a render that needs more fails here, and the message is shown as plain text
NICENESS = 10  # the server's event loop goes first when both want the CPU: crafted messages wait, not the class


LENGTH = struct.Struct('>I')


def framed(value) -> bytes:
    data = json.dumps(value).encode()
    return LENGTH.pack(len(data)) + data


def receive(stream: BinaryIO):
    """The next value, or EOFError when the other side has gone."""
    head = stream.read(LENGTH.size)
    if len(head) < LENGTH.size:
        raise EOFError
    return json.loads(stream.read(LENGTH.unpack(head)[0]))


def send(stream: BinaryIO, value) -> None:
    stream.write(framed(value))
    stream.flush()


def main() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))
    os.nice(NICENESS)
    from services.rendering import render_message, warm_up
    warm_up()
    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    send(answers, None)
    while True:
        try:
            body, mentionable = receive(requests)
        except EOFError:
            return
        try:
            html = render_message(body, mentionable)
        except Exception as e:  # a recursion or memory limit, say: this message is shown as plain text
            print(f'render worker: {type(e).__name__}: {e}', file=sys.stderr, flush=True)
            html = None
        send(answers, html)


if __name__ == '__main__':
    main()
