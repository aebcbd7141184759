"""Which benchmark message reached which client when: latencies, losses and duplicates of one run."""
import asyncio
import math
import time
from collections.abc import Callable

KEY_PREFIX = 'bench-'


def message_key(seq: int) -> str:
    return f'{KEY_PREFIX}{seq}'


def seq_of(key: object) -> int | None:
    """The sequence number in a benchmark message's key, None for any other message (e.g. seeded history)."""
    if isinstance(key, str) and key.startswith(KEY_PREFIX):
        return int(key[len(KEY_PREFIX):])
    return None


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile (nan for no values)."""
    if not values:
        return math.nan
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


class Deliveries:
    """Send times by sequence number and, per client, the first arrival of each message."""

    def __init__(self, clients: int, group_of: Callable[[int], str | None] = lambda _: None) -> None:
        self.expected = set(range(clients))  # the clients that should get every message
        self.group_of = group_of
        self.latencies_by_group: dict[str, list[float]] = {}
        self.sent: dict[int, float] = {}
        self.seen: list[set[int]] = [set() for _ in range(clients)]
        self.latencies: list[float] = []  # seconds, one per first arrival at a client by a live or catch-up event
        self.timed = [0] * clients  # per client: how many of its deliveries are in `latencies`
        self.duplicates = 0
        self.late = 0  # reached a client without a live or catch-up event (in a reloaded page's initial history)
        self._reached: dict[int, int] = {}
        self._everybody: dict[int, asyncio.Future[None]] = {}

    def expect(self, clients: set[int]) -> None:
        """Only these clients count (the others never connected)."""
        self.expected = clients

    def sending(self, seq: int) -> None:
        self.sent[seq] = time.monotonic()
        self._reached[seq] = 0

    def arrived(self, client: int, seq: int, now: float) -> None:
        seen = self.seen[client]
        if client not in self.expected:
            return
        if seq in seen:
            self.duplicates += 1
            return
        if seq not in self.sent:
            return  # sent by an earlier run against the same server
        seen.add(seq)
        self.timed[client] += 1
        self.latencies.append(now - self.sent[seq])
        if (group := self.group_of(client)) is not None:
            self.latencies_by_group.setdefault(group, []).append(now - self.sent[seq])
        self._count(seq)

    def shown(self, client: int, seqs: set[int]) -> None:
        """Messages a client shows that came without a timed event; they count as delivered, not for latency."""
        if client not in self.expected:
            return
        for seq in seqs - self.seen[client]:
            if seq in self.sent:
                self.seen[client].add(seq)
                self.late += 1
                self._count(seq)

    def all_latencies(self, cap: float, group: str | None = None) -> list[float]:
        """One latency per expected delivery (every message at every expected client, of `group` if given): the
        timed ones, and `cap` for each that came only with a reload or never (it was at least that late)."""
        clients = [c for c in self.expected if group is None or self.group_of(c) == group]
        timed = self.latencies if group is None else self.latencies_by_group.get(group, [])
        untimed = sum(len(self.sent) - self.timed[client] for client in clients)
        return timed + [cap] * untimed

    def lost(self) -> int:
        return sum(len(self.sent) - len(self.seen[client] & self.sent.keys()) for client in self.expected)

    def deliveries(self) -> int:
        return sum(len(self.seen[client]) for client in self.expected)

    async def reached_everybody(self, seq: int, timeout: float) -> bool:
        if self._reached[seq] >= len(self.expected):
            return True
        future = self._everybody.setdefault(seq, asyncio.get_running_loop().create_future())
        try:
            await asyncio.wait_for(asyncio.shield(future), timeout)
            return True
        except TimeoutError:
            return False

    async def all_reached(self, timeout: float) -> bool:
        """Wait until every message sent so far reached every client (False after `timeout`)."""
        deadline = time.monotonic() + timeout
        for seq in list(self.sent):
            if not await self.reached_everybody(seq, max(0.0, deadline - time.monotonic())):
                return False
        return True

    def _count(self, seq: int) -> None:
        self._reached[seq] += 1
        if self._reached[seq] >= len(self.expected) and (future := self._everybody.get(seq)) and not future.done():
            future.set_result(None)
