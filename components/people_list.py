"""Who is in the session now: a list (side panel) or a count (header), kept live by the session's presence events."""
from nicegui import ui


class PeopleList(ui.element, component='people_list.js'):

    def __init__(self, session_id: int, online: list[str], *, me: str, compact: bool = False) -> None:
        """`compact`: only the number of people, for the header."""
        super().__init__()
        self._props.update({'sessionId': session_id, 'online': online, 'me': me, 'compact': compact})
