"""Several rounds of one scenario, the targets taking turns, folded into one column per target.

This machine's speed drifts by up to 2x within minutes (other tenants of the host): one run of StudyHall followed by
one of the floor can compare a fast minute with a slow one. Interleaved rounds see the same drift on both sides,
and the median of each figure leaves out the round that caught a stall.
"""
from statistics import median

# figures that count events: a loss in any round must show, so these add up instead
TOTALS = {'messages', 'deliveries', 'lost', 'duplicates', 'late', 'reloads', 'reconnects', 'post_errors',
          'connect_errors', 'capacity_timeouts', 'log_problems', 'cycle_errors'}
# maxima: the median of the rounds' maxima is shown, and next to it the true maximum of all rounds (key + ' all')
MAXIMA = {'max_ms', 'generator_lag_max_ms'}


def combine(rounds: list[dict]) -> dict:
    """Totals for counts, 'YES' if any round said so, the median of everything else; for maxima also the highest."""
    combined = {}
    for key in rounds[0]:
        values = [figures[key] for figures in rounds if key in figures]
        if key in MAXIMA and len(rounds) > 1:
            combined[f'{key} all'] = max(values)
        if key in TOTALS:
            combined[key] = sum(values)
        elif all(isinstance(value, int | float) for value in values):
            combined[key] = median(values)
        else:
            combined[key] = 'YES' if 'YES' in values else values[0]
    return combined


def per_round(label: str, key: str, rounds: dict[str, list[dict]]) -> str:
    """One line under the table: the figure of every round, and StudyHall / floor round by round."""
    parts = [f'{name} ' + ', '.join(f'{figures[key]:.2f}' for figures in runs) for name, runs in rounds.items()]
    if {'StudyHall', 'floor'} <= rounds.keys():
        ratios = [ours[key] / floor[key] for ours, floor in zip(rounds['StudyHall'], rounds['floor'], strict=True)
                  if floor.get(key)]
        parts.append('StudyHall/floor ' + ', '.join(f'{ratio:.2f}x' for ratio in ratios))
    return f'{label}, round by round: ' + '; '.join(parts)
