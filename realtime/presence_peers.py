"""What the other processes announced: their people per session, and when each process was last heard of."""
from dataclasses import dataclass


@dataclass(frozen=True)
class Heard:
    names: frozenset[str]
    at: float


class PeerNames:
    """Pure bookkeeping (the caller passes the time): a process's latest announcement replaces its earlier one."""

    def __init__(self) -> None:
        self._sessions: dict[int, dict[str, Heard]] = {}

    def heard(self, session_id: int, origin: str, names: list[str], now: float) -> None:
        processes = self._sessions.setdefault(session_id, {})
        if names:
            processes[origin] = Heard(frozenset(names), now)
        else:  # its last page of the session closed
            processes.pop(origin, None)
            if not processes:
                del self._sessions[session_id]

    def online(self, session_id: int) -> set[str]:
        return set().union(*(heard.names for heard in self._sessions.get(session_id, {}).values()))

    def expire(self, silent_since: float) -> set[int]:
        """Forget the processes silent since `silent_since` (killed, cut off); returns the sessions that lost any."""
        changed = set()
        for session_id, processes in list(self._sessions.items()):
            for origin in [origin for origin, heard in processes.items() if heard.at < silent_since]:
                del processes[origin]
                changed.add(session_id)
            if not processes:
                del self._sessions[session_id]
        return changed

    def sessions(self) -> set[int]:
        """The sessions some other process has people in."""
        return set(self._sessions)
