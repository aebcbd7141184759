"""Nothing a person types is ever lost: Wi-Fi blips, sleeping phones, server restarts (issue 14).

In each kind of outage a classroom sees, two pupils (a desktop that presses Enter, a phone that taps the send button)
each send two messages and type a third; afterwards both messages are stored once and in order, a third person sees
them, the third text is still in the box, and everybody is shown as here. All outages run at once, each in a session
of its own, so the whole matrix takes about as long as its longest outage. The server keeps a dropped page for its
reconnect grace (60 s, the default): after a shorter outage the page comes back without reloading; after a longer
one or a restart it reloads, and the outbox and the draft come back from the browser.
"""
import time
from dataclasses import dataclass, field

import httpx
from playwright.sync_api import Browser, Page, expect

from bench.server_process import ServerProcess

from .actions import message_box, messages
from .conftest import DESKTOP, PHONE, new_session, screenshot, visit

BACK_MS = 30_000  # socket.io's backoff (up to 5 s), perhaps a reload, then the outbox's round trips
BANNER = 'No connection — your messages will be sent when it is back'
MARK = 'window.studyhallTestMark'  # set on each page; gone once the page has been loaded anew


@dataclass
class Pupil:
    name: str
    page: Page
    phone: bool

    @property
    def texts(self) -> tuple[str, str, str]:
        return f'{self.name}: message one', f'{self.name}: message two', f'{self.name}: typed, not sent yet'

    def send(self, text: str) -> None:
        message_box(self.page).fill(text)
        if self.phone:
            self.page.get_by_role('button', name='Send message').click()
        else:
            message_box(self.page).press('Enter')

    def reloaded(self) -> bool:
        return self.page.evaluate(MARK) is None


@dataclass
class Outage:
    name: str
    server: ServerProcess
    code: str
    pupils: list[Pupil]
    observer: Page
    reloads: bool | None  # True: the page must reload, False: it must not; None: either
    heard: list[str] = field(default_factory=list)  # what the observer said meanwhile: the pupils catch up

    def offline(self, offline: bool = True) -> None:
        for pupil in self.pupils:
            pupil.page.context.set_offline(offline)

    def write(self) -> None:
        """The page says it has no connection; the pupils send two messages and type a third."""
        for pupil in self.pupils:
            expect(pupil.page.get_by_text(BANNER)).to_be_visible()
            expect(pupil.page.get_by_label('Not connected: who is here is not known')).to_be_visible()
            one, two, three = pupil.texts
            pupil.send(one)
            pupil.send(two)
            message_box(pupil.page).fill(three)
            expect(pupil.page.locator('.sh-pending', has_text='Waiting to send')).to_have_count(2)

    def observer_says(self) -> None:
        text = f'Cleo, during {self.name}'
        message_box(self.observer).fill(text)
        message_box(self.observer).press('Enter')
        expect(messages(self.observer, text)).to_have_count(1)
        self.heard.append(text)

    def check(self) -> None:
        pupil_texts = [text for pupil in self.pupils for text in pupil.texts[:2]]
        for pupil in self.pupils:
            page = pupil.page
            expect(page.locator('.sh-pending')).to_have_count(0, timeout=BACK_MS)
            for text in (*pupil_texts, *self.heard):
                expect(messages(page, text)).to_have_count(1)
            expect(message_box(page)).to_have_value(pupil.texts[2])
            expect(page.get_by_text(BANNER)).to_be_hidden()
            if self.reloads is not None:
                assert pupil.reloaded() == self.reloads, f'{self.name}: {pupil.name} reloaded: {pupil.reloaded()}'
        for page in (self.observer, *(pupil.page for pupil in self.pupils)):
            expect(page.get_by_label('3 people here')).to_be_visible(timeout=10_000)  # Cleo, Ana, Ben
        for text in pupil_texts:
            expect(messages(self.observer, text)).to_have_count(1)
        bodies = [m['body'] for m in httpx.get(f'{self.server.base_url}/api/sessions/{self.code}/messages').json()]
        for pupil in self.pupils:
            one, two, _ = pupil.texts
            assert bodies.count(one) == bodies.count(two) == 1, f'{self.name}: {bodies}'
            assert bodies.index(one) < bodies.index(two), f'{self.name}: {bodies}'


def test_in_every_outage_what_was_sent_is_stored_once_in_order_and_what_was_typed_stays(
        server: ServerProcess, own_server: ServerProcess, chromium: Browser) -> None:
    def outage(name: str, on: ServerProcess, reloads: bool | None) -> Outage:
        code = new_session(on, name)
        observer = _open(chromium, f'{on.base_url}/s/{code}?name=Cleo')
        pupils = [Pupil(name, _open(chromium, f'{on.base_url}/s/{code}?name={name}', phone=phone), phone)
                  for name, phone in (('Ana', False), ('Ben', True))]
        for page in (observer, *(pupil.page for pupil in pupils)):
            expect(page.get_by_label('3 people here')).to_be_visible(timeout=10_000)
            page.evaluate(f'{MARK} = true')
        return Outage(name, on, code, pupils, observer, reloads)

    # the longest first: the others run while it lasts
    offline_90 = outage('offline 90 s', server, reloads=True)  # longer than the grace
    offline_90.offline()
    offline_90.write()
    offline_90.observer_says()
    until_90 = time.monotonic() + 90

    frozen_60 = outage('frozen 60 s', server, reloads=None)
    restart = outage('server restart', own_server, reloads=True)
    restart_offline = outage('server restart while offline', own_server, reloads=True)
    offline_20, offline_6, offline_1_5 = (outage(f'offline {s} s', server, reloads=False) for s in (20, 6, 1.5))

    # a phone locked right after sending: nothing of the page runs until it is woken a minute later
    for pupil in frozen_60.pupils:
        one, two, three = pupil.texts
        pupil.send(one)
        pupil.send(two)
        message_box(pupil.page).fill(three)
    frozen = [_freeze(pupil.page) for pupil in frozen_60.pupils]
    until_60 = time.monotonic() + 60
    frozen_60.observer_says()

    restart_offline.offline()
    restart_offline.write()
    restart_offline.observer_says()
    own_server.stop()
    restart.write()
    own_server.start()
    restart_offline.offline(False)

    offline_20.offline()
    offline_20.write()
    offline_20.observer_says()
    until_20 = time.monotonic() + 20
    for pupil in offline_20.pupils:
        screenshot(pupil.page, f'offline-{"phone" if pupil.phone else "desktop"}')

    for seconds, short in ((6, offline_6), (1.5, offline_1_5)):
        until = time.monotonic() + seconds
        short.offline()
        short.write()
        short.observer_says()
        _wait_until(until)
        short.offline(False)
        short.check()
    restart.check()
    restart_offline.check()

    _wait_until(until_20)
    offline_20.offline(False)
    offline_20.check()
    for pupil in offline_20.pupils:
        screenshot(pupil.page, f'back-online-{"phone" if pupil.phone else "desktop"}')

    _wait_until(until_60)
    for cdp in frozen:
        cdp.send('Page.setWebLifecycleState', {'state': 'active'})
    frozen_60.check()

    _wait_until(until_90)
    offline_90.offline(False)
    offline_90.check()


def _open(chromium: Browser, url: str, *, phone: bool = False) -> Page:
    """A page in a browser of its own (closed with the test module's Chromium)."""
    page = chromium.new_context(viewport=PHONE if phone else DESKTOP).new_page()
    return visit(page, url)


def _freeze(page: Page):
    cdp = page.context.new_cdp_session(page)
    cdp.send('Page.setWebLifecycleState', {'state': 'frozen'})
    return cdp


def _wait_until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.monotonic()))
