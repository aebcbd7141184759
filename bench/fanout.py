"""Load generator: simulated browsers against the real StudyHall server and the bare Socket.IO floor; one table.

    python -m bench.fanout --clients 200 --rate 5 --duration 60 --history 1000
    python -m bench.fanout --capacity --clients 200 --duration 30
    python -m bench.fanout --connect-storm --clients 200
    python -m bench.fanout --churn 1000
    python -m bench.fanout --churn 1000 --drop        # sockets drop without leaving: pages kept for the grace
    python -m bench.fanout --smoke
    python -m bench.fanout --rounds 3 --duration 30   # the targets take turns three times: medians

Both servers run on 127.0.0.1 as child processes with temp data dirs, one after the other; every process it
started is stopped (by PID) when the run ends, fails or is interrupted.
"""
import argparse
import asyncio
import atexit
import contextlib
import logging
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from . import rounds, scenarios
from .report import table
from .resources import load_average
from .server_process import PROJECT_DIR
from .targets import FloorTarget, StudyHallPairTarget, StudyHallTarget, Target

try:
    from uvloop import new_event_loop  # what uvicorn runs the servers on; also the cheaper loop for the clients
except ImportError:  # pragma: no cover
    new_event_loop = None

log = logging.getLogger('bench.fanout')

SATURATED_CPU_PCT = 80.0  # the generator is one event loop: past this its own delays show in the latencies
LATE_LAG_MS = 50.0
RUNNERS = {'rate': scenarios.rate, 'capacity': scenarios.capacity, 'connect-storm': scenarios.connect_storm,
           'churn': scenarios.churn}
TARGETS = {'studyhall': StudyHallTarget, 'floor': FloorTarget, 'two-processes': StudyHallPairTarget}
RESULTS_DIR = PROJECT_DIR / 'bench' / 'results'  # git-ignored
_started: list[Target] = []


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog='python -m bench.fanout', description='StudyHall fan-out benchmark')
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument('--capacity', action='store_true', help='send each message once the previous reached all')
    mode.add_argument('--connect-storm', action='store_true', help='all clients connect at once')
    mode.add_argument('--churn', type=int, metavar='N', help='N connect/disconnect cycles, then count leftovers')
    parser.add_argument('--drop', action='store_true',
                        help='with --churn: each socket drops without its tab saying it leaves (the server keeps the '
                             'page for its reconnect grace)')
    mode.add_argument('--smoke', action='store_true', help='20 clients, 10 messages: a few seconds, for CI')
    parser.add_argument('--clients', type=int, default=200)
    parser.add_argument('--rate', type=float, default=5.0, help='messages per second')
    parser.add_argument('--duration', type=float, default=60.0, help='seconds of sending')
    parser.add_argument('--history', type=int, default=1000, help='messages in the session before the run')
    parser.add_argument('--connect-concurrency', type=int, default=20, help='clients connecting at a time')
    parser.add_argument('--targets', default='studyhall,floor',
                        help='comma-separated: studyhall, floor, two-processes (PostgreSQL and Redis, as deployed)')
    parser.add_argument('--rounds', type=int, default=1, metavar='N',
                        help='N rounds, the targets taking turns: medians (counts: totals) in the table')
    parser.add_argument('--profile', action='store_true', help='py-spy the servers while sending (bench/results/)')
    parser.add_argument('--server-env', action='append', default=[], type=_env_pair, metavar='NAME=VALUE',
                        help='an environment variable for both servers (e.g. MALLOC_ARENA_MAX=2); repeatable')
    parser.add_argument('-v', '--verbose', action='store_true')
    args = parser.parse_args(argv)
    if args.smoke:
        args.clients, args.rate, args.duration, args.history = 20, 10.0, 1.0, 20
    args.mode = ('capacity' if args.capacity else 'connect-storm' if args.connect_storm
                 else 'churn' if args.churn else 'rate')
    return args


def _env_pair(text: str) -> tuple[str, str]:
    name, sep, value = text.partition('=')
    if not sep or not name:
        raise argparse.ArgumentTypeError(f'expected NAME=VALUE, got {text!r}')
    return name, value


def scenario_text(args: argparse.Namespace) -> str:
    env = ''.join(f', server env {name}={value}' for name, value in args.server_env)
    if args.mode == 'churn':
        how = ', sockets dropped without leaving' if args.drop else ''
        return f'{args.churn} connect/disconnect cycles{how}, history {args.history}{env}'
    if args.mode == 'connect-storm':
        return f'{args.clients} clients connecting at once, history {args.history}{env}'
    sending = f'{args.duration:g} s as fast as delivered' if args.mode == 'capacity' \
        else f'{args.rate:g} msg/s for {args.duration:g} s'
    return f'{args.clients} clients, {sending}, history {args.history}{env}'


async def run(args: argparse.Namespace) -> str:
    options = scenarios.Options(clients=args.clients, rate=args.rate, duration=args.duration, history=args.history,
                                connect_concurrency=args.connect_concurrency, churn=args.churn or 0,
                                churn_drops=args.drop,
                                profile=RESULTS_DIR / f'{time.strftime("%Y%m%d-%H%M%S")}-profile' if args.profile
                                else None)
    load_before = load_average()
    runs: dict[str, list[dict]] = {}
    for turn in range(args.rounds):
        for name in args.targets.split(','):
            this_round = replace(options, profile=options.profile and options.profile.with_name(
                f'{options.profile.name}-{turn}')) if args.rounds > 1 else options  # one profile per round
            target_name, figures = await _one_run(TARGETS[name.strip()], args, this_round, f'{name.strip()}-{turn}')
            runs.setdefault(target_name, []).append(figures)
    rounds_text = f' · median of {args.rounds} rounds, targets taking turns' if args.rounds > 1 else ''
    caption = (f'**{args.mode}**: {scenario_text(args)}{rounds_text} · commit {_commit()} · {_cores()} cores · '
               f'load average {load_before:.2f} -> {load_average():.2f}')
    output = table(args.mode, caption, {name: rounds.combine(figures) for name, figures in runs.items()})
    if args.rounds > 1 and args.mode in ('rate', 'capacity'):
        output += '\n\n' + rounds.per_round('server CPU ms/message', 'server_cpu_ms_per_msg', runs)
    return output


async def _one_run(kind: type[Target], args: argparse.Namespace, options: scenarios.Options,
                   folder: str) -> tuple[str, dict]:
    with tempfile.TemporaryDirectory(prefix='studyhall-bench-') as tmp:
        target = kind(Path(tmp) / folder, env=dict(args.server_env))
        _started.append(target)
        async with target:
            log.info('%s: %s on %s', target.name, args.mode, target.process.base_url)
            try:
                figures = await RUNNERS[args.mode](target, options)
            finally:
                _keep_log(target)
        figures['generator_saturated'] = _saturation(target.name, figures)
    return target.name, figures


def _saturation(name: str, figures: dict) -> str:
    busy = figures['generator_cpu_pct'] > SATURATED_CPU_PCT
    if busy:
        log.warning('%s: the load generator was saturated (CPU %.0f %% of its one core): these figures are partly '
                    'the generator\'s, not the server\'s', name, figures['generator_cpu_pct'])
    if figures['generator_lag_p99_ms'] > LATE_LAG_MS:
        log.warning('%s: the generator\'s event loop woke up late (p99 %.0f ms; other processes used %.0f %% CPU): '
                    'latencies include that delay', name, figures['generator_lag_p99_ms'], figures['others_cpu_pct'])
    return 'YES' if busy else 'no'


def _keep_log(target: Target) -> None:
    """The server's log outlives the temp dir when it has warnings or errors."""
    text = target.process.log()
    if not scenarios.LOG_PROBLEM.search(text):
        return
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    path = RESULTS_DIR / f'{time.strftime("%Y%m%d-%H%M%S")}-{target.name}.log'
    path.write_text(text)
    log.warning('%s logged warnings or errors: %s', target.name, path)


def _commit() -> str:
    described = subprocess.run(['git', '-C', str(PROJECT_DIR), 'describe', '--always', '--dirty'],
                               capture_output=True, text=True, check=False)
    return described.stdout.strip() or 'unknown'


def _cores() -> int:
    return len(os.sched_getaffinity(0))


def _stop_all() -> None:
    """Last resort at interpreter exit: every server this run started is stopped, by its PID."""
    for target in _started:
        with contextlib.suppress(Exception):
            target.process.stop(kill=True)


def _raise_limits() -> None:
    """One socket per client on each side: the soft limit of open files goes up to the hard one (inherited)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    log.debug('open files: %s -> %s', soft, hard)


async def _main(args: argparse.Namespace) -> str:
    task = asyncio.current_task()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):  # SIGINT too: a shell starts background jobs with it ignored
        loop.add_signal_handler(signum, task.cancel)
    return await run(args)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format='%(asctime)s %(levelname)s %(name)s: %(message)s')
    atexit.register(_stop_all)
    _raise_limits()
    try:
        with asyncio.Runner(loop_factory=new_event_loop) as runner:
            output = runner.run(_main(args))
    except (KeyboardInterrupt, asyncio.CancelledError):
        log.warning('interrupted: the servers were stopped')
        return 130
    print(output)  # the one table: the result of the run
    return 0


if __name__ == '__main__':
    sys.exit(main())
