"""The other processes' names: merged per session, replaced by each newer announcement, dropped when silent."""
from realtime.presence_peers import PeerNames


def test_the_names_of_all_processes_are_merged_and_a_person_on_two_counts_once() -> None:
    peers = PeerNames()
    peers.heard(1, 'process-a', ['Ana', 'Ben'], now=10)
    peers.heard(1, 'process-b', ['Ben', 'Carl'], now=11)
    peers.heard(2, 'process-b', ['Dora'], now=11)
    assert peers.online(1) == {'Ana', 'Ben', 'Carl'}
    assert peers.online(2) == {'Dora'}
    assert peers.online(3) == set()


def test_a_newer_announcement_of_a_process_replaces_its_earlier_one() -> None:
    peers = PeerNames()
    peers.heard(1, 'process-a', ['Ana', 'Ben'], now=10)
    peers.heard(1, 'process-a', ['Ana'], now=12)
    assert peers.online(1) == {'Ana'}


def test_a_process_without_names_is_forgotten_at_once() -> None:
    peers = PeerNames()
    peers.heard(1, 'process-a', ['Ana'], now=10)
    peers.heard(1, 'process-b', ['Ben'], now=10)
    peers.heard(1, 'process-a', [], now=11)
    assert peers.online(1) == {'Ben'}
    peers.heard(1, 'process-b', [], now=11)
    peers.heard(2, 'process-c', [], now=11)  # never heard with names: nothing to forget
    assert peers.online(1) == peers.online(2) == set()
    assert peers.expire(silent_since=100) == set()  # nothing left behind


def test_processes_silent_since_the_cut_off_expire_and_their_sessions_are_reported() -> None:
    peers = PeerNames()
    peers.heard(1, 'killed', ['Ben'], now=10)
    peers.heard(1, 'alive', ['Ana'], now=10)
    peers.heard(2, 'killed', ['Carl'], now=10)
    peers.heard(3, 'alive', ['Dora'], now=10)
    peers.heard(1, 'alive', ['Ana'], now=25)  # heartbeats of the living
    peers.heard(3, 'alive', ['Dora'], now=25)

    assert peers.expire(silent_since=20) == {1, 2}
    assert peers.online(1) == {'Ana'}
    assert peers.online(2) == set()
    assert peers.online(3) == {'Dora'}
    assert peers.expire(silent_since=20) == set()  # once


def test_a_heartbeat_keeps_a_process_from_expiring() -> None:
    peers = PeerNames()
    for now in (10, 25, 40, 55):
        peers.heard(1, 'alive', ['Ana'], now=now)
        assert peers.expire(silent_since=now - 45) == set()
    assert peers.online(1) == {'Ana'}
    assert peers.expire(silent_since=56) == {1}


def test_the_sessions_with_people_elsewhere_are_known() -> None:
    peers = PeerNames()
    peers.heard(1, 'process-a', ['Ana'], now=10)
    peers.heard(2, 'process-b', ['Ben'], now=10)
    peers.heard(2, 'process-b', [], now=11)
    assert peers.sessions() == {1}
