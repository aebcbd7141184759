"""The benchmark's latencies are over all deliveries: a lost one or one only a reload brought counts at the cap."""
from bench import scenarios
from bench.deliveries import Deliveries, percentile


def test_the_percentiles_count_lost_and_reload_only_deliveries_at_the_cap() -> None:
    deliveries = Deliveries(3)
    for seq in range(10):
        deliveries.sending(seq)
        deliveries.sent[seq] -= 0.05  # sent 50 ms before it arrives below
    for seq in range(10):
        deliveries.arrived(0, seq, deliveries.sent[seq] + 0.05)
        deliveries.arrived(1, seq, deliveries.sent[seq] + 0.05)
    deliveries.shown(2, set(range(5)))  # client 2: five only by a reload, five never
    every = deliveries.all_latencies(10.0)
    assert len(every) == 30 and every.count(10.0) == 10
    assert deliveries.lost() == 5 and deliveries.late == 5
    assert percentile(every, 0.5) < 0.1 < percentile(every, 0.99) == 10.0
    assert percentile(deliveries.latencies, 0.99) < 0.1  # what the timed ones alone would have claimed


def test_the_latencies_of_a_group_count_its_own_missing_deliveries() -> None:
    deliveries = Deliveries(2, group_of=lambda client: 'even' if client % 2 == 0 else 'odd')
    deliveries.sending(0)
    deliveries.arrived(0, 0, deliveries.sent[0] + 0.01)
    assert deliveries.all_latencies(10.0, 'even') == [deliveries.latencies[0]]
    assert deliveries.all_latencies(10.0, 'odd') == [10.0]


def test_the_settle_after_connecting_is_two_seconds_and_the_churn_has_its_own() -> None:
    assert scenarios.SETTLE == 2.0  # as the README says; the churn's 40 s once overrode it for every scenario
    assert scenarios.CHURN_SETTLE == 40.0
