"""The benchmark's scenarios against one target; each returns its figures as a flat dict for the table."""
import asyncio
import gc
import logging
import re
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .deliveries import Deliveries, percentile
from .profiler import Profiler
from .resources import MB, PhaseMeter, Usage
from .targets import Client, Target, filler

log = logging.getLogger(__name__)

SETTLE = 2.0  # after connecting: catch-up answers, first pings and acks are done (also in the connect storm)
IDLE_WINDOW = 5.0  # then the server's CPU with everybody connected and nothing sent: pings, timers
DRAIN_TIMEOUT = 10.0  # after the last send: how long a message may take to reach everybody before it counts lost
# (a lost delivery, and one that only a reload brought, enters the latency percentiles at this cap: at least that late)
CAPACITY_WAIT = 5.0  # capacity mode: the longest wait for one message to reach everybody
CAPACITY_MAX_MESSAGES = 100_000
CLEANUP_TIMEOUT = 30.0  # churn: how long the server may take to delete closed clients
DROPPED_CLEANUP_TIMEOUT = 120.0  # ... when their sockets dropped: the reconnect grace (60 s by default) and then some
CHURN_WARMUP = 20
CHURN_SETTLE = 40.0  # churn, after the end: longer than the server takes to collect closed pages (gc_policy.py)
STORM_OPEN_TIMEOUT = 60.0
LOG_PROBLEM = re.compile(r'\b(WARNING|ERROR|CRITICAL)\b|Traceback')

Figures = dict[str, float | int | str]


@dataclass
class Options:
    clients: int
    rate: float
    duration: float
    history: int
    connect_concurrency: int
    churn: int = 0
    churn_concurrency: int = 10
    churn_drops: bool = False  # the churn's sockets drop without the tab saying it leaves
    profile: Path | None = None  # py-spy's collapsed stacks of the measured phase go here


async def rate(target: Target, opts: Options) -> Figures:
    """Connected clients, messages at a fixed rate: latency, losses, bytes, CPU and memory per client."""
    return await _fanout(target, opts, _send_at_rate)


async def capacity(target: Target, opts: Options) -> Figures:
    """The next message as soon as the previous one reached everybody: messages per second."""
    return await _fanout(target, opts, _send_when_delivered)


async def _fanout(target: Target, opts: Options,
                  sender: Callable[[Target, Deliveries, Options], Awaitable[Figures]]) -> Figures:
    await target.prepare(opts.history)
    meter = PhaseMeter(target.pid)
    deliveries = Deliveries(opts.clients, target.group_of)
    clients = [target.new_client(i, deliveries) for i in range(opts.clients)]
    rss_before = meter.server_rss()
    try:
        started = time.monotonic()
        connected = await _open_all(clients, opts.connect_concurrency)
        connect_time = time.monotonic() - started
        deliveries.expect({client.index for client in connected})
        _freeze_generator_heap()
        await asyncio.sleep(SETTLE)
        rss_connected = meter.server_rss()
        meter.start()
        await asyncio.sleep(IDLE_WINDOW)
        idle = await meter.stop()
        wire0, text0 = _received(clients)
        profiler = _profiler(target, opts)
        profiler.start(target.pid)
        meter.start()
        try:
            figures = await sender(target, deliveries, opts)
            await deliveries.all_reached(DRAIN_TIMEOUT)
            usage = await meter.stop()
        finally:
            profiler.stop()
        wire1, text1 = _received(clients)
        for client in connected:
            deliveries.shown(client.index, client.shown())
    finally:
        gc.unfreeze()
        await _close_all(clients)
    messages = max(1, len(deliveries.sent))
    per_client_message = max(1, len(connected)) * messages
    every = deliveries.all_latencies(DRAIN_TIMEOUT)  # over all deliveries: the lost and reload-only ones at the cap
    return {
        'clients': len(connected),
        'connect_errors': len(clients) - len(connected),
        'connect_s': connect_time,
        **figures,
        'deliveries': deliveries.deliveries(),
        'p50_ms': percentile(every, 0.5) * 1000,
        'p99_ms': percentile(every, 0.99) * 1000,
        **{f'p99_ms {group}': percentile(deliveries.all_latencies(DRAIN_TIMEOUT, group), 0.99) * 1000
           for group in deliveries.latencies_by_group},
        'max_ms': max(every, default=float('nan')) * 1000,
        'timed_p99_ms': percentile(deliveries.latencies, 0.99) * 1000,
        'lost': deliveries.lost(),
        'duplicates': deliveries.duplicates,
        'late': deliveries.late,
        'reloads': sum(client.reloads for client in clients),
        'reconnects': sum(client.reconnects for client in clients),
        'wire_bytes_per_client_msg': (wire1 - wire0) / per_client_message,
        'text_bytes_per_client_msg': (text1 - text0) / per_client_message,
        'server_cpu_ms_per_msg': usage.server_cpu / messages * 1000,
        'server_idle_cpu_pct': idle.server_cpu / idle.wall * 100,
        'rss_per_client_mb': (rss_connected - rss_before) / max(1, len(connected)) / MB,
        'rss_connected_mb': rss_connected / MB,
        **_usage_figures(usage),
        'log_problems': _log_problems(target),
    }


async def _send_at_rate(target: Target, deliveries: Deliveries, opts: Options) -> Figures:
    """Open loop: message n leaves at start + n / rate, whether or not the earlier ones were answered."""
    count = max(1, round(opts.rate * opts.duration))
    post_times: list[float] = []
    start = time.monotonic()
    tasks = []
    for seq in range(count):
        await asyncio.sleep(max(0.0, start + seq / opts.rate - time.monotonic()))
        tasks.append(asyncio.create_task(_post(target, deliveries, seq, post_times)))
    results = await asyncio.gather(*tasks, return_exceptions=True)
    return {'messages': count, 'post_errors': sum(isinstance(r, Exception) for r in results),
            'post_p99_ms': percentile(post_times, 0.99) * 1000}


async def _send_when_delivered(target: Target, deliveries: Deliveries, opts: Options) -> Figures:
    post_times: list[float] = []
    errors = timeouts = 0
    start = time.monotonic()
    seq = 0
    while time.monotonic() - start < opts.duration and seq < CAPACITY_MAX_MESSAGES:
        try:
            await _post(target, deliveries, seq, post_times)
            if not await deliveries.reached_everybody(seq, CAPACITY_WAIT):
                timeouts += 1
        except Exception as e:
            log.warning('%s: posting message %s failed: %r', target.name, seq, e)
            errors += 1
        seq += 1
    elapsed = time.monotonic() - start
    return {'messages': seq, 'messages_per_s': seq / elapsed, 'post_errors': errors, 'capacity_timeouts': timeouts,
            'post_p99_ms': percentile(post_times, 0.99) * 1000}


async def _post(target: Target, deliveries: Deliveries, seq: int, post_times: list[float]) -> None:
    body = filler(1_000_000 + seq)
    deliveries.sending(seq)
    started = time.monotonic()  # the send time: just before the POST
    await target.post(seq, body)
    post_times.append(time.monotonic() - started)


async def connect_storm(target: Target, opts: Options) -> Figures:
    """All clients connect at once: time until the last one is connected, and errors."""
    await target.prepare(opts.history)
    meter = PhaseMeter(target.pid)
    clients = [target.new_client(i, None, open_timeout=STORM_OPEN_TIMEOUT) for i in range(opts.clients)]
    rss_before = meter.server_rss()
    times: list[float] = []
    profiler = _profiler(target, opts)
    try:
        profiler.start(target.pid)
        meter.start()
        started = time.monotonic()

        async def connect(client: Client) -> None:
            await client.open()
            times.append(time.monotonic() - started)
        results = await asyncio.gather(*(connect(client) for client in clients), return_exceptions=True)
        all_connected = time.monotonic() - started
        usage = await meter.stop()
        profiler.stop()
        await asyncio.sleep(SETTLE)
        rss_connected = meter.server_rss()
        errors = [r for r in results if isinstance(r, BaseException)]
        for error in errors[:3]:
            log.warning('%s: a client did not connect: %r', target.name, error)
        await asyncio.sleep(SETTLE)
        still_connected = sum(client.connected.is_set() for client in clients)
    finally:
        profiler.stop()
        await _close_all(clients)
    return {
        'clients': opts.clients,
        'connected': len(times),
        'connect_errors': len(errors),
        'all_connected_s': all_connected,
        'connect_p50_s': percentile(times, 0.5),
        'connect_p99_s': percentile(times, 0.99),
        'still_connected': still_connected,
        'reloads': sum(client.reloads for client in clients),
        'server_cpu_s': usage.server_cpu,
        'rss_per_client_mb': (rss_connected - rss_before) / max(1, len(times)) / MB,
        **_usage_figures(usage),
        'log_problems': _log_problems(target),
    }


async def churn(target: Target, opts: Options) -> Figures:
    """Connect and disconnect clients `opts.churn` times; what the server still holds afterwards."""
    await target.prepare(opts.history)
    meter = PhaseMeter(target.pid)
    rss_boot = meter.server_rss()
    leave = not opts.churn_drops
    cleanup_timeout = DROPPED_CLEANUP_TIMEOUT if opts.churn_drops else CLEANUP_TIMEOUT
    await _cycles(target, range(CHURN_WARMUP), opts.churn_concurrency, [], leave)
    await _cleaned_up(target, cleanup_timeout)
    rss_start = meter.server_rss()
    errors: list[BaseException] = []
    peak = {'clients': 0, 'rss': rss_start}
    sampler = asyncio.create_task(_sample_clients(target, peak, meter))
    meter.start()
    half = opts.churn // 2
    await _cycles(target, range(CHURN_WARMUP, CHURN_WARMUP + half), opts.churn_concurrency, errors, leave)
    rss_half = meter.server_rss()
    await _cycles(target, range(CHURN_WARMUP + half, CHURN_WARMUP + opts.churn), opts.churn_concurrency, errors,
                  leave)
    usage = await meter.stop()
    peak['rss'] = max(peak['rss'], meter.server_rss())
    sampler.cancel()
    health, cleanup_s = await _cleaned_up(target, cleanup_timeout)
    rss_end = meter.server_rss()
    await asyncio.sleep(CHURN_SETTLE)
    rss_settled = meter.server_rss()
    for error in errors[:3]:
        log.warning('%s: a churn cycle failed: %r', target.name, error)
    return {
        'cycles': opts.churn,
        'cycle_errors': len(errors),
        'cycles_per_s': opts.churn / usage.wall,
        'peak_clients': peak['clients'],
        'rss_peak_mb': peak['rss'] / MB,
        'rss_per_held_page_mb': (peak['rss'] - rss_start) / max(1, peak['clients']) / MB,
        'clients_after': health.get('clients', -1),
        'hub_subscribers_after': health.get('hub_subscribers', 'n/a'),
        'cleanup_s': cleanup_s,
        'rss_boot_mb': rss_boot / MB,
        'rss_start_mb': rss_start / MB,
        'rss_half_mb': rss_half / MB,
        'rss_end_mb': rss_end / MB,
        'rss_change_pct': (rss_end - rss_start) / rss_start * 100,
        'rss_settled_mb': rss_settled / MB,
        'rss_settled_change_pct': (rss_settled - rss_start) / rss_start * 100,
        **_usage_figures(usage),
        'log_problems': _log_problems(target),
    }


def _freeze_generator_heap() -> None:
    """Keep this process's own collections short while it measures: with 1,000 simulated pages a full collection
    walked them all and stopped the generator for a second every 11 s, stamping whatever arrived meanwhile late."""
    gc.collect()
    gc.freeze()


def _profiler(target: Target, opts: Options) -> Profiler:
    return Profiler(opts.profile and opts.profile.with_suffix(f'.{target.name}.txt'))


async def _cycles(target: Target, indexes: Sequence[int], concurrency: int, errors: list[BaseException],
                  leave: bool) -> None:
    queue = iter(indexes)

    async def worker() -> None:
        for index in queue:
            client = target.new_client(index, None)
            try:
                await client.open()
                await client.ready()
            except Exception as e:
                errors.append(e)
            finally:
                await client.close(leave)
    await asyncio.gather(*(worker() for _ in range(concurrency)))


async def _cleaned_up(target: Target, timeout: float) -> tuple[dict, float]:
    """Wait (bounded) until the server holds no clients and no subscribers; its health then, and how long it took."""
    started = time.monotonic()
    health: dict = {}
    while time.monotonic() - started < timeout:
        health = await target.health()
        if health.get('clients') == 0 and not health.get('hub_subscribers'):
            break
        await asyncio.sleep(0.5)
    return health, time.monotonic() - started


async def _sample_clients(target: Target, peak: dict[str, int], meter: PhaseMeter) -> None:
    """The most pages the server held at once, and its largest RSS meanwhile."""
    while True:
        try:
            peak['clients'] = max(peak['clients'], (await target.health())['clients'])
            peak['rss'] = max(peak['rss'], meter.server_rss())
        except Exception as e:
            log.debug('health sample failed: %r', e)
        await asyncio.sleep(1.0)


async def _open_all(clients: list[Client], concurrency: int) -> list[Client]:
    """Open the clients, `concurrency` at a time; the ones that connected."""
    queue = iter(clients)
    connected: list[Client] = []

    async def worker() -> None:
        for client in queue:
            try:
                await client.open()
                connected.append(client)
            except Exception as e:
                log.warning('client %s did not connect: %r', client.index, e)
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return connected


async def _close_all(clients: list[Client]) -> None:
    await asyncio.gather(*(client.close() for client in clients), return_exceptions=True)


def _received(clients: list[Client]) -> tuple[int, int]:
    return (sum(client.received.get('wire_bytes', 0) for client in clients),
            sum(client.received['bytes'] for client in clients))


def _usage_figures(usage: Usage) -> Figures:
    return {
        'server_cpu_pct': usage.server_cpu / usage.wall * 100,
        'generator_cpu_pct': usage.generator_cpu / usage.wall * 100,
        'generator_lag_p99_ms': usage.loop_lag_p99 * 1000,
        'generator_lag_max_ms': usage.loop_lag_max * 1000,
        'others_cpu_pct': usage.others_cpu / usage.wall * 100,
    }


def _log_problems(target: Target) -> int:
    return sum(bool(LOG_PROBLEM.search(line)) for line in target.process.log().splitlines())
