"""The floor: a bare python-socketio server that re-broadcasts each posted message once to one room.

`python -m bench.floor_server --port 8123` serves, on 127.0.0.1 under uvicorn with the same websocket
implementation and heartbeat as NiceGUI, and StudyHall's websocket compression (off unless
STUDYHALL_WEBSOCKET_COMPRESSION is true, as in StudyHall's settings):
- Socket.IO at `/socket.io/`: every socket joins the room on connect and gets `message` events;
- `POST /api/messages` with a JSON object: emitted to the room with an `id` added, answered 201 with that object;
- `GET /api/health`: `{"status": "ok", "clients": <sockets in the room>, "gc_young_threshold": ...}`.

It runs StudyHall's garbage-collection policy (realtime/gc_policy.py: rare young collections, what lives on frozen,
one full collection after sockets closed), told of every socket that connects and disconnects. Without it the floor
paid for collections StudyHall does not make (a young collection every 700 allocations, full ones walking every
socket) and its p99 came out above StudyHall's: a floor that was not one.
"""
import argparse
import asyncio
import gc
import json
import os
import sys
from itertools import count

import httpx
import socketio
import uvicorn

from realtime.gc_policy import LOOK_EVERY, GcPolicy

from .server_process import ServerProcess

ROOM = 'everyone'
EVENT = 'message'
PING_INTERVAL, PING_TIMEOUT = 4, 2  # what NiceGUI sets with its default reconnect_timeout of 3 s

sio = socketio.AsyncServer(async_mode='asgi', ping_interval=PING_INTERVAL, ping_timeout=PING_TIMEOUT)
_ids = count(1)


def _connected() -> int:
    return len(sio.manager.rooms.get('/', {}).get(ROOM, ()))


gc_policy = GcPolicy(_connected)


@sio.on('connect')
async def connect(sid: str, _environ: dict) -> None:
    await sio.enter_room(sid, ROOM)
    gc_policy.opened()


@sio.on('disconnect')
async def disconnect(sid: str, *_) -> None:
    gc_policy.closed()


async def _maintain_gc() -> None:
    while True:
        await asyncio.sleep(LOOK_EVERY)
        gc_policy.maintain()


def _startup() -> None:
    if os.environ.get('BENCH_FLOOR_GC') == 'default':  # A/B: `--server-env BENCH_FLOOR_GC=default`, Python's own
        return
    gc_policy.start()
    asyncio.get_running_loop().create_task(_maintain_gc())


async def http_app(scope: dict, receive, send) -> None:
    if scope['type'] != 'http':
        return
    if scope['method'] == 'POST' and scope['path'] == '/api/messages':
        message = json.loads(await _body(receive))
        message['id'] = next(_ids)
        await sio.emit(EVENT, message, room=ROOM)
        await _answer(send, 201, message)
    elif scope['method'] == 'GET' and scope['path'] == '/api/health':
        await _answer(send, 200, {'status': 'ok', 'clients': _connected(), 'gc_young_threshold': gc.get_threshold()[0]})
    else:
        await _answer(send, 404, {'error': 'not found'})


async def _body(receive) -> bytes:
    chunks = []
    while True:
        event = await receive()
        chunks.append(event.get('body', b''))
        if not event.get('more_body'):
            return b''.join(chunks)


async def _answer(send, status: int, data: dict) -> None:
    body = json.dumps(data).encode()
    headers = [(b'content-type', b'application/json'), (b'content-length', str(len(body)).encode())]
    await send({'type': 'http.response.start', 'status': status, 'headers': headers})
    await send({'type': 'http.response.body', 'body': body})


app = socketio.ASGIApp(sio, other_asgi_app=http_app, on_startup=_startup)


class FloorProcess(ServerProcess):
    """The floor server as a child process, started, stopped and logged like the real server."""

    def command(self) -> list[str]:
        return [sys.executable, '-m', 'bench.floor_server', '--port', str(self.port)]

    def is_serving(self) -> bool:
        return httpx.get(f'{self.base_url}/api/health', timeout=1).status_code == 200


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--port', type=int, required=True)
    port = parser.parse_args().port
    compression = os.environ.get('STUDYHALL_WEBSOCKET_COMPRESSION', '').lower() in {'1', 'true', 'yes', 'on'}
    uvicorn.run(app, host='127.0.0.1', port=port, ws='wsproto', log_level='warning',  # NiceGUI runs wsproto
                ws_per_message_deflate=compression)


if __name__ == '__main__':
    main()
