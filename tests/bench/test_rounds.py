"""Rounds of a benchmark fold into one column: a loss in any round shows, a stall in one round does not."""
from bench.rounds import combine, per_round


def test_counts_add_up_and_timings_take_the_median() -> None:
    rounds = [{'messages': 300, 'lost': 0, 'p99_ms': 30.0, 'generator_saturated': 'no'},
              {'messages': 300, 'lost': 2, 'p99_ms': 90.0, 'generator_saturated': 'YES'},
              {'messages': 300, 'lost': 0, 'p99_ms': 31.0, 'generator_saturated': 'no'}]
    assert combine(rounds) == {'messages': 900, 'lost': 2, 'p99_ms': 31.0, 'generator_saturated': 'YES'}


def test_the_line_under_the_table_shows_every_round_and_its_ratio() -> None:
    runs = {'StudyHall': [{'cpu': 30.0}, {'cpu': 36.0}], 'floor': [{'cpu': 15.0}, {'cpu': 20.0}]}
    assert per_round('CPU', 'cpu', runs) == \
        'CPU, round by round: StudyHall 30.00, 36.00; floor 15.00, 20.00; StudyHall/floor 2.00x, 1.80x'


def test_with_rounds_the_maximum_is_the_median_of_the_maxima_and_the_true_maximum_is_shown_too() -> None:
    rounds = [{'max_ms': 40.0}, {'max_ms': 900.0}, {'max_ms': 50.0}]
    assert combine(rounds) == {'max_ms all': 900.0, 'max_ms': 50.0}
    assert combine(rounds[:1]) == {'max_ms': 40.0}  # one round: its maximum is the maximum
