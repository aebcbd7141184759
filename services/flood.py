"""Flood control: moving-window rate limits in memory (per process), one limiter for every kind of attempt."""
import math
import time

from limits import RateLimitItem, RateLimitItemPerHour, RateLimitItemPerMinute, RateLimitItemPerSecond
from limits.aio.storage import MemoryStorage
from limits.aio.strategies import MovingWindowRateLimiter

from i18n import _, ngettext
from settings import Settings

from .errors import TooManyRequests


class FloodGuard:
    def __init__(self, settings: Settings) -> None:
        self._limiter = MovingWindowRateLimiter(MemoryStorage())
        self._messages = RateLimitItemPerSecond(settings.message_rate_limit, settings.message_rate_window)
        self._wrong_codes = RateLimitItemPerMinute(settings.wrong_code_limit)
        self._new_sessions = RateLimitItemPerHour(settings.session_create_limit)

    async def count_new_session(self, address: str) -> None:
        """Count one session created from this address; TooManyRequests when it would be one too many."""
        if not await self._limiter.hit(self._new_sessions, 'session', address):
            most = self._new_sessions.amount
            raise TooManyRequests(ngettext('Too many new sessions from this address: at most %(count)d an hour. The '
                                           'sessions made so far are kept; wait a while, then try again.',
                                           'Too many new sessions from this address: at most %(count)d an hour. The '
                                           'sessions made so far are kept; wait a while, then try again.',
                                           most, count=most),
                                  await self._retry_after(self._new_sessions, 'session', address))

    async def count_message(self, session_id: int, participant_key: str) -> None:
        """Count one message (or edit) of this participant; TooManyRequests when it would be one too many."""
        if not await self._limiter.hit(self._messages, 'message', str(session_id), participant_key):
            await self._too_fast(session_id, participant_key)

    async def count_reaction(self, session_id: int, participant_key: str) -> None:
        """Count one reaction given or taken back; TooManyRequests when it would be one too many."""
        if not await self._limiter.hit(self._messages, 'reaction', str(session_id), participant_key):
            item = self._messages
            raise TooManyRequests(ngettext('You are reacting too fast: at most %(count)d time %(every)s. Wait a '
                                           'moment, then try again.',
                                           'You are reacting too fast: at most %(count)d times %(every)s. Wait a '
                                           'moment, then try again.', item.amount, count=item.amount,
                                           every=_every(item.multiples)),
                                  await self._retry_after(item, 'reaction', str(session_id), participant_key))

    async def check_message(self, session_id: int, participant_key: str) -> None:
        """TooManyRequests while this participant has used up their messages, before any work is done for one."""
        if not await self._limiter.test(self._messages, 'message', str(session_id), participant_key):
            await self._too_fast(session_id, participant_key)

    async def _too_fast(self, session_id: int, participant_key: str) -> None:
        item = self._messages
        raise TooManyRequests(ngettext('You are sending messages too fast: at most %(count)d %(every)s. Wait a '
                                       'moment, then send it again.',
                                       'You are sending messages too fast: at most %(count)d %(every)s. Wait a '
                                       'moment, then send it again.', item.amount, count=item.amount,
                                       every=_every(item.multiples)),
                              await self._retry_after(item, 'message', str(session_id), participant_key))

    async def check_code_guessing(self, address: str) -> None:
        """TooManyRequests while this address has used up its wrong join codes."""
        if not await self._limiter.test(self._wrong_codes, 'code', address):
            raise TooManyRequests(_('Too many wrong join codes from this address. Wait a minute, then try again.'),
                                  await self._retry_after(self._wrong_codes, 'code', address))

    async def count_wrong_code(self, address: str) -> None:
        await self._limiter.hit(self._wrong_codes, 'code', address)

    async def check_owner_key_guessing(self, address: str) -> None:
        """TooManyRequests while this address has used up its wrong owner keys (as many as join codes)."""
        if not await self._limiter.test(self._wrong_codes, 'owner', address):
            raise TooManyRequests(_('Too many wrong owner keys from this address. Wait a minute, then try again.'),
                                  await self._retry_after(self._wrong_codes, 'owner', address))

    async def count_wrong_owner_key(self, address: str) -> None:
        await self._limiter.hit(self._wrong_codes, 'owner', address)

    async def check_passcode_guessing(self, session_id: int, address: str) -> None:
        """TooManyRequests while this address has used up its wrong passcodes for this session."""
        if not await self._limiter.test(self._wrong_codes, 'passcode', str(session_id), address):
            raise TooManyRequests(_('Too many wrong passcodes. Wait a minute, then try again.'),
                                  await self._retry_after(self._wrong_codes, 'passcode', str(session_id), address))

    async def count_wrong_passcode(self, session_id: int, address: str) -> None:
        await self._limiter.hit(self._wrong_codes, 'passcode', str(session_id), address)

    async def _retry_after(self, item: RateLimitItem, *identifiers: str) -> int:
        stats = await self._limiter.get_window_stats(item, *identifiers)
        return max(1, math.ceil(stats.reset_time - time.time()))


def _every(seconds: int) -> str:
    """'every 10 seconds', in the form the number takes (a part of the refusals above)."""
    return ngettext('every %(seconds)d second', 'every %(seconds)d seconds', seconds, seconds=seconds)
