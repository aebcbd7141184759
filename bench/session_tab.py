"""A simulated StudyHall session page: a SimulatedBrowser plus what chat_list.js does in a real browser."""
import asyncio
import contextlib
import json
import logging
import re
import uuid
from collections import Counter
from typing import Any
from urllib.parse import quote

import aiohttp

from realtime.fanout import SOCKET_EVENT

from .simulated_browser import BrowserError, SimulatedBrowser

log = logging.getLogger(__name__)

CHAT_TAG = 'nicegui-chat_list'
COMPOSER_TAG = 'nicegui-composer'
STICKY_QUERY = re.compile(r'(studyhall_session): "([A-Za-z0-9-]+)"')  # components/sticky_socket.py


class SessionTab:
    """Keeps the messages the page shows by id, and asks for what it missed on every (re)connect, like the page."""

    def __init__(self, base_url: str, *, http: aiohttp.ClientSession | None = None, **browser_options: Any) -> None:
        self.browser = SimulatedBrowser(base_url, http=http, page_query=_sticky_query, **browser_options)
        self.messages: dict[int, dict] = {}
        self.live_deliveries: Counter[int] = Counter()  # message id -> how often it arrived as a live event
        self.events: list[dict] = []  # every event the socket brought, of any session
        self.session_id: int | None = None
        self._page_client_id = ''
        self._tasks: set[asyncio.Task] = set()
        self.browser.on(SOCKET_EVENT, self._on_event)
        self.browser.on('connect', self._on_connect)

    async def open(self, code: str, name: str) -> None:
        await self.browser.open(f'/s/{code}?name={quote(name)}')
        if not self.browser.find(tag=CHAT_TAG):  # the join form instead: the name is taken, a passcode is needed...
            raise BrowserError(f'{name} could not join {code}: {" ".join(self.texts())}')

    async def close(self, leave: bool = True) -> None:
        """Close the tab: like the page on `pagehide`, it tells the server first that it is leaving (`leave=False`:
        the connection just drops, and the server keeps the page for its reconnect grace)."""
        for task in self._tasks:
            task.cancel()
        if leave and self.browser.connected.is_set() and self.browser.find(tag=CHAT_TAG):
            with contextlib.suppress(BrowserError, ConnectionError):
                await self.browser.send_event(self.chat[0], 'leave')
        await self.browser.close()

    @property
    def chat(self) -> tuple[str, dict]:
        return self.browser.find_one(tag=CHAT_TAG)

    def bodies(self) -> list[str]:
        return [self.messages[message_id]['body'] for message_id in sorted(self.messages)]

    def texts(self) -> list[str]:
        """The text of every element on the page (labels, list items, ...)."""
        return [str(element.get('text', '')) for element in self.browser.elements.values() if element.get('text')]

    @property
    def composer(self) -> tuple[str, dict]:
        return self.browser.find_one(tag=COMPOSER_TAG)

    async def send(self, body: str, reply_to: int | None = None) -> str:
        """Send a message as the page's outbox does once Enter was pressed: with a new message id, which makes a
        message sent again count once."""
        client_msg_id = uuid.uuid4().hex
        await self.browser.send_event(self.composer[0], 'send',
                                      {'client_msg_id': client_msg_id, 'body': body, 'reply_to': reply_to})
        return client_msg_id

    async def catch_up(self) -> None:
        chat_id, _ = self.chat
        await self.browser.send_event(chat_id, 'catch_up', max(self.messages, default=0))

    async def wait_for_bodies(self, *bodies: str, timeout: float = 5.0) -> None:
        await self.browser.wait_for(lambda: set(bodies) <= set(self.bodies()), timeout)

    async def wait_for_text(self, text: str, timeout: float = 5.0) -> None:
        await self.browser.wait_for(lambda: any(text in t for t in self.texts()), timeout)

    def _on_connect(self, *_) -> None:
        if not self.browser.find(tag=CHAT_TAG):
            return
        if self.browser.client_id != self._page_client_id:  # a newly loaded page: start from what it shows
            self._page_client_id = self.browser.client_id
            _, chat = self.chat
            self.session_id = chat['props']['sessionId']
            self.messages = {m['id']: m for m in json.loads(self.browser.json_scripts[chat['props']['history']])}
        self._spawn(self.catch_up())

    def _on_event(self, event: dict, _received_at: float) -> None:
        self.events.append(event)
        if event.get('session_id') != self.session_id:
            return
        if event['type'] == 'message.posted':
            self.live_deliveries[event['message']['id']] += 1
            self._add([event['message']])
        elif event['type'] == 'messages.caught_up':
            if event['reset']:
                self.messages.clear()
            self._add(event['messages'])
        elif event['type'] == 'hub.resynced':
            self._spawn(self.catch_up())

    def _add(self, messages: list[dict]) -> None:
        for message in messages:
            self.messages[message['id']] = message

    def _spawn(self, coroutine) -> None:
        task = asyncio.create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and isinstance(task.exception(), BrowserError):
            log.info('catch-up not sent (%s); the next connect asks again', task.exception())


def _sticky_query(html: str) -> dict[str, str]:
    """What the session page's script adds to its socket's query behind a proxy (nothing on a single process)."""
    return dict(STICKY_QUERY.findall(html))
