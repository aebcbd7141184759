"""A simulated browser tab speaking NiceGUI's page + Socket.IO protocol over aiohttp (see NICEGUI-PROTOCOL.md).

Used by the live end-to-end tests and by the load generator (many instances in one event loop, no threads).
"""

from __future__ import annotations

import ast
import asyncio
import json
import logging
import random
import re
import time
import uuid
from collections import Counter
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import aiohttp

from .wire_bytes import count_wire_bytes

try:
    from orjson import loads as _loads
except ImportError:  # pragma: no cover
    from json import loads as _loads

log = logging.getLogger(__name__)

USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'
PAGE_HEADERS = {'User-Agent': USER_AGENT, 'Accept': 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'}
ACK_INTERVAL = 3.0  # nicegui.js: setInterval(ack, 3000)
Callback = Callable[[Any, float], None]

_ELEMENTS_START = 'parseElements(String.raw`'
_UNESCAPE = (('&#36;', '$'), ('&#96;', '`'), ('&gt;', '>'), ('&lt;', '<'), ('&amp;', '&'))
_QUERY_RE = re.compile(r'^\s*query: (\{.*\}),\s*$', re.MULTILINE)
_JSON_SCRIPT_RE = re.compile(r'<script[^>]*\stype="application/json"\s+id="([^"]+)"[^>]*>(.*?)</script>', re.DOTALL)
_PREFIX_RE = re.compile(r'^\s*prefix: "(.*)",\s*$', re.MULTILINE)


class BrowserError(Exception):
    """The page could not be loaded or the socket could not be (re)connected."""


class HandshakeRefused(BrowserError):
    """The server answered the Socket.IO CONNECT with 44 (client unknown or deleted): the browser must reload."""


def _dumps(obj: Any) -> str:
    return json.dumps(obj, separators=(',', ':'))  # compact, like JSON.stringify


def _query_value(value: Any) -> str:
    """encodeURIComponent(String(value)), as socket.io-client writes query values."""
    text = 'true' if value is True else 'false' if value is False else 'null' if value is None else str(value)
    return quote(text, safe="-_.!~*'()")


def parse_page(html: str) -> tuple[dict[str, Any], str, dict[str, dict]]:
    """Return (socket query, path prefix, elements) of a NiceGUI page."""
    start = html.find(_ELEMENTS_START)
    if start < 0:
        raise BrowserError('no parseElements(...) in the page: not a NiceGUI page (or Markdown was served)')
    start += len(_ELEMENTS_START)
    end = html.index('`', start)
    raw = html[start:end]
    for escaped, char in _UNESCAPE:
        raw = raw.replace(escaped, char)
    query_match, prefix_match = _QUERY_RE.search(html, end), _PREFIX_RE.search(html, end)
    if query_match is None or prefix_match is None:
        raise BrowserError('socket query or prefix not found in the page')
    return ast.literal_eval(query_match.group(1)), prefix_match.group(1), _loads(raw)  # the query is a Python repr


def json_scripts(html: str) -> dict[str, str]:
    """The page's `<script type="application/json" id=...>`s by id (data a page carries beside its elements)."""
    return dict(_JSON_SCRIPT_RE.findall(html))


def _filter_args(args: tuple[Any, ...], spec: list[list[str] | None] | None) -> list[str]:
    """nicegui.js' stringifyEventArgs: keep the listener's declared args (and object keys), JSON-encode each."""
    if spec is None:
        return [_dumps(arg) for arg in args]
    return [_dumps({k: v for k, v in arg.items() if k in keys} if isinstance(arg, dict) and keys is not None else arg)
            for arg, keys in zip(args, spec, strict=False)]


class SimulatedBrowser:
    """One browser tab: loads a NiceGUI page, keeps its socket connected (reconnect / reload) and mirrors its elements.

    `on` callbacks get `(data, received_at_monotonic)` for server events ('update', 'run_javascript', 'notify', the
    app's own emits, ...) and the local events 'connect', 'disconnect' and 'reload' (data: the new client id).
    They run in the reader task, so they must be quick and synchronous.
    """

    def __init__(self, base_url: str, *, http: aiohttp.ClientSession | None = None, tab_id: str | None = None,
                 open_timeout: float = 10.0, reconnect_deadline: float = 60.0, compress: bool = True,
                 cookie_jar: aiohttp.CookieJar | None = None,
                 page_query: Callable[[str], dict[str, Any]] | None = None) -> None:
        """`cookie_jar`: share one with another SimulatedBrowser to be another tab of the same browser."""
        self.base_url = base_url.rstrip('/')
        self.cookie_jar = cookie_jar or (http.cookie_jar if http else aiohttp.CookieJar(unsafe=True))
        self.tab_id = tab_id or str(uuid.uuid4())  # kept across reloads, like sessionStorage
        self.open_timeout = open_timeout
        self.reconnect_deadline = reconnect_deadline
        self.path = ''
        self.client_id = ''
        self.elements: dict[str, dict] = {}
        self.json_scripts: dict[str, str] = {}  # by id, as the page carried them (JSON text)
        self.next_message_id = 0
        self.received = {'frames': 0, 'bytes': 0, 'wire_bytes': 0}  # frames, UTF-8 text bytes, bytes on the wire
        self.event_counts: Counter[str] = Counter()  # server events by name (replayed duplicates dropped)
        self.reloads = 0
        self.reconnects = 0
        self.connected = asyncio.Event()
        self.error: BrowserError | None = None  # set when reconnecting gave up
        self._http = http
        self._page_query = page_query  # what a script of the page adds to the socket's query, read from its HTML
        self._session: aiohttp.ClientSession | None = None
        self._compress = 15 if compress else 0  # browsers offer permessage-deflate
        self._query: dict[str, Any] = {}
        self._ws_url = ''
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._idle_timeout = 30.0
        self._acked = -1
        self._last_ack = 0.0
        self._callbacks: dict[str, list[Callback]] = {}
        self._waiters: set[asyncio.Future[None]] = set()
        self._task: asyncio.Task[None] | None = None
        self._closing = False
        self._must_reload = False

    async def open(self, path: str) -> None:
        """GET the page, connect the socket and complete the handshake (BrowserError after `open_timeout`)."""
        if self._task is not None:
            raise RuntimeError('this SimulatedBrowser is already open')
        self.path = path
        # own session with force_close: the websocket never reuses the page GET's keep-alive connection
        connector = aiohttp.TCPConnector(force_close=True, limit=0)
        self._session = aiohttp.ClientSession(connector=connector, cookie_jar=self.cookie_jar)
        try:
            async with asyncio.timeout(self.open_timeout):
                await self._load_page()
                try:
                    await self._connect()
                except HandshakeRefused:
                    await self._reload()  # what the browser does
        except TimeoutError:
            await self.close()
            raise BrowserError(f'{self.base_url}{path}: not connected within {self.open_timeout} s') from None
        except BaseException:
            await self.close()
            raise
        self._task = asyncio.create_task(self._run(), name=f'simulated browser {self.tab_id}')

    async def close(self) -> None:
        """Close the socket (the server deletes the client after its reconnect_timeout) and the own session."""
        self._closing = True
        if self._ws is not None:
            await self._ws.close()
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self._session is not None:
            await self._session.close()
            self._session = None
        self.connected.clear()
        self._wake()

    async def drop_connection(self) -> None:
        """Close the socket the way a network failure would; the browser then reconnects by itself."""
        if self._ws is not None:
            await self._ws.close()

    def on(self, event_name: str, callback: Callback) -> None:
        """Call `callback(data, received_at_monotonic)` for every event of that name."""
        self._callbacks.setdefault(event_name, []).append(callback)

    def find(self, *, tag: str | None = None, text: str | None = None, prop: tuple[str, Any] | None = None,
             event: str | None = None) -> list[tuple[str, dict]]:
        """Elements sorted by id matching all criteria: tag, substring of text, prop (name, value), listener type."""
        found = []
        for element_id, element in self.elements.items():
            if tag is not None and element.get('tag') != tag:
                continue
            if text is not None and text not in str(element.get('text', '')):
                continue
            if prop is not None and (prop[0] not in element.get('props', {}) or element['props'][prop[0]] != prop[1]):
                continue
            if event is not None and all(e['type'] != event for e in element.get('events', ())):
                continue
            found.append((element_id, element))
        return sorted(found, key=lambda item: int(item[0]))

    def find_one(self, **criteria: Any) -> tuple[str, dict]:
        """Like `find`, but exactly one element must match (LookupError otherwise)."""
        found = self.find(**criteria)
        if len(found) != 1:
            raise LookupError(f'expected one element matching {criteria}, found {len(found)}')
        return found[0]

    async def send_event(self, element_id: str | int, event_type: str, *args: Any, js_handler: bool = False) -> None:
        """Fire a DOM/Vue event of the element, e.g. ('update:value', 'hi') or ('keydown.enter', {'key': 'Enter'}).

        Like in the browser, every listener of that type fires whose keys are among the qualifiers of `event_type`
        ('keydown.enter' fires `keydown` and `keydown.enter` listeners); no throttle. Listeners with a js_handler are
        skipped, unless `js_handler=True`: then `args` stand for what that handler would `emit`.
        """
        element = self.elements.get(str(element_id))
        if element is None:
            raise LookupError(f'element {element_id} does not exist (client {self.client_id})')
        type_, *qualifiers = event_type.split('.')
        listeners = [e for e in element.get('events', ())
                     if e['type'] == type_ and bool(e.get('js_handler')) == js_handler
                     and set(e.get('keys', ())) <= set(qualifiers)]
        if not listeners:
            types = sorted({'.'.join([e['type'], *e.get('keys', ())]) for e in element.get('events', ())})
            raise LookupError(f'element {element_id} ({element.get("tag")}) has no {event_type!r} listener: {types}')
        if not self.connected.is_set():  # nicegui.js delays events until the handshake is done
            await self.wait_for(self.connected.is_set, self.open_timeout)
        for listener in listeners:
            await self._emit('event', {'id': int(element_id), 'client_id': self.client_id,
                                       'listener_id': listener['listener_id'],
                                       'args': _filter_args(args, listener.get('args'))})

    async def wait_for(self, predicate: Callable[[], object], timeout: float = 5.0) -> None:
        """Wait until `predicate()` is true, re-checked after every received frame (TimeoutError otherwise)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not predicate():
            if self.error is not None:
                raise BrowserError(f'browser gave up while waiting: {self.error}') from self.error
            remaining = deadline - loop.time()
            if remaining <= 0:
                name = getattr(predicate, '__qualname__', repr(predicate))
                raise TimeoutError(f'{name} not true within {timeout} s '
                                   f'(client {self.client_id}, connected={self.connected.is_set()})')
            waiter = loop.create_future()
            self._waiters.add(waiter)
            try:
                await asyncio.wait((waiter,), timeout=remaining)
            finally:
                self._waiters.discard(waiter)

    def _wake(self) -> None:
        for waiter in self._waiters:
            if not waiter.done():
                waiter.set_result(None)
        self._waiters.clear()

    def _fire(self, name: str, data: Any, now: float) -> None:
        for callback in self._callbacks.get(name, ()):
            try:
                callback(data, now)
            except Exception:
                log.exception('callback for %r failed', name)

    async def _load_page(self) -> None:
        assert self._session is not None
        async with (self._http or self._session).get(self.base_url + self.path, headers=PAGE_HEADERS) as response:
            if response.status != 200:
                raise BrowserError(f'GET {self.path}: HTTP {response.status}')
            html = await response.text()
        query, prefix, self.elements = parse_page(html)
        self.json_scripts = json_scripts(html)
        self.client_id = query['client_id']
        self.next_message_id = int(query.get('next_message_id', 0))
        self._acked = -1
        query.update(document_id=str(uuid.uuid4()), tab_id=self.tab_id, old_tab_id=None)  # new document per load
        if self._page_query is not None:
            query.update(self._page_query(html))
        self._query = query
        self._ws_url = self.base_url.replace('http', 'ws', 1) + prefix + '/_nicegui_ws/socket.io/'

    async def _connect(self) -> None:
        """Open a new websocket and run the Engine.IO/Socket.IO handshake (HandshakeRefused on 44)."""
        assert self._session is not None
        self._query['next_message_id'] = self.next_message_id  # nicegui.js does this on reconnect_attempt
        params = {'EIO': 4, 'transport': 'websocket', **self._query}
        url = self._ws_url + '?' + '&'.join(f'{k}={_query_value(v)}' for k, v in params.items())
        ws = await self._session.ws_connect(url, headers={'User-Agent': USER_AGENT}, origin=self.base_url,
                                            compress=self._compress, max_msg_size=0,
                                            timeout=aiohttp.ClientWSTimeout(ws_close=1.0))
        count_wire_bytes(ws, self.received)
        try:
            msg = await ws.receive()
            if msg.type != aiohttp.WSMsgType.TEXT or not msg.data.startswith('0'):
                raise BrowserError(f'expected Engine.IO OPEN, got {msg.type.name} {str(msg.data)[:80]!r}')
            info = _loads(msg.data[1:])
            self._idle_timeout = (info['pingInterval'] + info['pingTimeout']) / 1000  # as socket.io-client
            self._ws = ws
            await ws.send_str('40')
            while not self.connected.is_set():
                msg = await ws.receive()
                if msg.type != aiohttp.WSMsgType.TEXT:
                    raise BrowserError(f'socket closed during the handshake ({msg.type.name})')
                await self._handle(msg.data)
        except BaseException:
            self._ws = None
            await ws.close()
            raise

    async def _reload(self) -> None:
        await self._load_page()
        await self._connect()
        self.reloads += 1
        self._must_reload = False
        log.debug('tab %s reloaded as client %s', self.tab_id, self.client_id)
        self._fire('reload', self.client_id, time.monotonic())

    async def _run(self) -> None:
        """Read frames until the socket closes, then reconnect (or reload); until closed or given up."""
        while not self._closing:
            ws = self._ws
            assert ws is not None
            try:
                while True:
                    msg = await ws.receive(timeout=self._idle_timeout)
                    if msg.type == aiohttp.WSMsgType.TEXT:
                        await self._handle(msg.data)
                    elif msg.type != aiohttp.WSMsgType.BINARY:  # NiceGUI sends no binary attachments
                        break
            except (TimeoutError, aiohttp.ClientError, ConnectionError, BrowserError) as e:  # timeout: no ping
                log.info('client %s: %r, reconnecting', self.client_id, e)
            except Exception:
                log.exception('client %s: failed to handle a frame, reconnecting', self.client_id)
            self._ws = None
            self.connected.clear()
            await ws.close()
            if self._closing:
                return
            self._fire('disconnect', None, time.monotonic())
            self._wake()
            try:
                await self._reconnect()
            except BrowserError as e:
                log.warning('tab %s: %s', self.tab_id, e)
                self.error = e
                self._wake()
                return

    async def _reconnect(self) -> None:
        deadline = time.monotonic() + self.reconnect_deadline
        delay = 0.0 if self._must_reload else random.uniform(0.5, 1.5)  # socket.io-client: ~1 s +/- 50 %
        while time.monotonic() + delay < deadline and not self._closing:
            await asyncio.sleep(delay)
            delay = random.uniform(0.5, 1.5)
            reload = self._must_reload
            try:
                async with asyncio.timeout(self.open_timeout):
                    await (self._reload() if reload else self._connect())
                self.reconnects += 1
                return
            except HandshakeRefused:
                log.debug('client %s: handshake refused', self.client_id)
                if not reload:
                    self._must_reload, delay = True, 0.0  # reload right away, like the browser
            except (BrowserError, aiohttp.ClientError, OSError, TimeoutError) as e:
                log.debug('client %s: reconnect failed: %r', self.client_id, e)
        if not self._closing:
            raise BrowserError(f'could not reconnect to {self.base_url}{self.path} within {self.reconnect_deadline} s')

    async def _handle(self, data: str) -> None:
        now = time.monotonic()
        self.received['frames'] += 1
        self.received['bytes'] += len(data) if data.isascii() else len(data.encode())
        if data.startswith('42'):
            await self._on_event(data, now)
        elif data == '2':  # Engine.IO PING
            await self._send('3')
        elif data.startswith('40'):
            self.connected.set()
            self._last_ack = now
            self._fire('connect', None, now)
        elif data.startswith('44'):
            raise HandshakeRefused(f'client {self.client_id}: {data[2:]}')
        elif (data.startswith('41') or data == '1') and self._ws is not None:  # server disconnect / Engine.IO CLOSE
            await self._ws.close()
        if self.next_message_id > self._acked and now - self._last_ack >= ACK_INTERVAL and self.connected.is_set():
            self._acked, self._last_ack = self.next_message_id, now
            await self._emit('ack', {'client_id': self.client_id, 'next_message_id': self.next_message_id})
        if self._waiters:
            self._wake()

    async def _on_event(self, data: str, now: float) -> None:
        name, *args = _loads(data[data.index('['):])  # skips an optional namespace / ack id
        message = args[0] if args else None
        if isinstance(message, dict) and '_id' in message:
            message_id = message.pop('_id')
            if message_id < self.next_message_id:
                return  # already seen (replayed)
            self.next_message_id = message_id + 1
        self.event_counts[name] += 1
        if name == 'update':
            for element_id, element in message.items():
                if element is None:
                    self.elements.pop(element_id, None)
                    continue
                old_props = self.elements.get(element_id, {}).get('props', {})
                for prop in element.pop('preserved_props', None) or ():
                    if prop in old_props:
                        element.setdefault('props', {})[prop] = old_props[prop]
                self.elements[element_id] = element
        elif name == 'run_javascript':
            if message.get('request_id'):  # we cannot run JS; answer so the server does not wait for the timeout
                await self._emit('javascript_response',
                                 {'request_id': message['request_id'], 'client_id': self.client_id, 'result': None})
            if 'location.reload()' in message.get('code', ''):  # e.g. "outbox rewind failed"
                self._must_reload = True
                if self._ws is not None:
                    await self._ws.close()
        self._fire(name, message, now)

    async def _emit(self, name: str, data: Any) -> None:
        await self._send('42' + _dumps([name, data]))

    async def _send(self, text: str) -> None:
        if self._ws is None or self._ws.closed:
            raise BrowserError(f'cannot send {text[:40]!r}: the socket of client {self.client_id} is closed')
        await self._ws.send_str(text)
