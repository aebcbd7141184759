"""The one table a run prints: a row per figure, a column per target, and StudyHall / floor where it means something."""
import math

Row = tuple[str, str, str, bool]  # label, key, format, show the ratio

FANOUT_ROWS: list[Row] = [
    ('clients connected', 'clients', 'd', False),
    ('connect errors', 'connect_errors', 'd', False),
    ('connect time (s)', 'connect_s', '.1f', False),
    ('messages sent', 'messages', 'd', False),
    ('messages/s (capacity)', 'messages_per_s', '.1f', True),
    ('deliveries', 'deliveries', 'd', False),
    ('p50 fan-out latency (ms)', 'p50_ms', '.1f', True),
    ('p99 fan-out latency (ms)', 'p99_ms', '.1f', True),
    ('p99, pages on the process posted to (ms)', 'p99_ms same process', '.1f', False),
    ('p99, pages on the other process (ms)', 'p99_ms other process', '.1f', False),
    ('max fan-out latency (ms)', 'max_ms', '.1f', True),
    ('max fan-out latency, highest of all rounds (ms)', 'max_ms all', '.1f', True),
    ('p99 of the timed deliveries only (ms)', 'timed_p99_ms', '.1f', False),
    ('lost deliveries', 'lost', 'd', False),
    ('duplicate deliveries', 'duplicates', 'd', False),
    ('delivered only by a reload', 'late', 'd', False),
    ('reloads', 'reloads', 'd', False),
    ('reconnects', 'reconnects', 'd', False),
    ('bytes/client/message, wire', 'wire_bytes_per_client_msg', '.0f', True),
    ('bytes/client/message, payload', 'text_bytes_per_client_msg', '.0f', True),
    ('server CPU ms/message', 'server_cpu_ms_per_msg', '.2f', True),
    ('server CPU % (sending phase)', 'server_cpu_pct', '.0f', True),
    ('server CPU % idle, all connected', 'server_idle_cpu_pct', '.1f', True),
    ('server RSS/client (MB)', 'rss_per_client_mb', '.3f', True),
    ('server RSS, all connected (MB)', 'rss_connected_mb', '.0f', True),
    ('POST p99 (ms)', 'post_p99_ms', '.1f', True),
    ('POST errors', 'post_errors', 'd', False),
    ('messages not everywhere in 5 s', 'capacity_timeouts', 'd', False),
]

STORM_ROWS: list[Row] = [
    ('clients', 'clients', 'd', False),
    ('connected', 'connected', 'd', False),
    ('connect errors', 'connect_errors', 'd', False),
    ('all connected after (s)', 'all_connected_s', '.2f', True),
    ('p50 time to connected (s)', 'connect_p50_s', '.2f', True),
    ('p99 time to connected (s)', 'connect_p99_s', '.2f', True),
    ('still connected 2 s later', 'still_connected', 'd', False),
    ('reloads', 'reloads', 'd', False),
    ('server CPU s (storm)', 'server_cpu_s', '.2f', True),
    ('server CPU % (storm)', 'server_cpu_pct', '.0f', True),
    ('server RSS/client (MB)', 'rss_per_client_mb', '.3f', True),
]

CHURN_ROWS: list[Row] = [
    ('connect/disconnect cycles', 'cycles', 'd', False),
    ('cycle errors', 'cycle_errors', 'd', False),
    ('cycles/s', 'cycles_per_s', '.1f', True),
    ('peak clients held by the server', 'peak_clients', 'd', False),
    ('clients after', 'clients_after', 'd', False),
    ('hub subscribers after', 'hub_subscribers_after', 'd', False),
    ('time until cleaned up (s)', 'cleanup_s', '.1f', False),
    ('RSS at boot (MB)', 'rss_boot_mb', '.1f', True),
    ('RSS at start, after warm-up (MB)', 'rss_start_mb', '.1f', True),
    ('RSS after half the cycles (MB)', 'rss_half_mb', '.1f', True),
    ('RSS at the peak (MB)', 'rss_peak_mb', '.1f', True),
    ('RSS per page held at the peak (MB)', 'rss_per_held_page_mb', '.3f', True),
    ('RSS at end (MB)', 'rss_end_mb', '.1f', True),
    ('RSS change start -> end (%)', 'rss_change_pct', '+.1f', False),
    ('RSS 40 s after the end (MB)', 'rss_settled_mb', '.1f', True),
    ('RSS change start -> 40 s after the end (%)', 'rss_settled_change_pct', '+.1f', False),
    ('server CPU % (cycles)', 'server_cpu_pct', '.0f', True),
]

COMMON_ROWS: list[Row] = [
    ('generator CPU % of one core', 'generator_cpu_pct', '.0f', False),
    ('generator loop lag p99 (ms)', 'generator_lag_p99_ms', '.1f', False),
    ('generator loop lag max (ms)', 'generator_lag_max_ms', '.1f', False),
    ('generator loop lag max, highest of all rounds (ms)', 'generator_lag_max_ms all', '.1f', False),
    ('generator saturated (CPU > 80 %)', 'generator_saturated', 's', False),
    ('other processes CPU % (200 = 2 cores)', 'others_cpu_pct', '.0f', False),
    ('server log warnings/errors', 'log_problems', 'd', False),
]

ROWS = {'rate': FANOUT_ROWS, 'capacity': FANOUT_ROWS, 'connect-storm': STORM_ROWS, 'churn': CHURN_ROWS}


def table(mode: str, caption: str, results: dict[str, dict]) -> str:
    """Markdown: `results` maps a target name to its figures; rows no target has are left out."""
    names = list(results)
    ratio = names[:2] == ['StudyHall', 'floor']
    header = ['metric', *names, *(['StudyHall/floor'] if ratio else [])]
    lines = [caption, '', _line(header), _line(['---'] * len(header))]
    for label, key, fmt, show_ratio in ROWS[mode] + COMMON_ROWS:
        values = [results[name].get(key) for name in names]
        if all(value is None for value in values):
            continue
        cells = [label, *(_cell(value, fmt) for value in values)]
        if ratio:
            cells.append(_ratio(values[0], values[1]) if show_ratio else '')
        lines.append(_line(cells))
    return '\n'.join(lines)


def _line(cells: list[str]) -> str:
    return '| ' + ' | '.join(cells) + ' |'


def _cell(value: object, fmt: str) -> str:
    if value is None:
        return ''
    if isinstance(value, float) and math.isnan(value):
        return 'n/a'
    if fmt == 'd' and isinstance(value, float):
        fmt = '.0f'
    try:
        return format(value, fmt)
    except (TypeError, ValueError):
        return str(value)


def _ratio(a: object, b: object) -> str:
    if not isinstance(a, int | float) or not isinstance(b, int | float) or not b or math.isnan(a) or math.isnan(b):
        return ''
    return f'{a / b:.2f}x'
