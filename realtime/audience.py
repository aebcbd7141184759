"""Who among a session's pages gets which payload of an event: everyone alike, or hosts and guests apart (where
names are hidden from guests), or the guest pages of one person (what only they and the hosts may see yet)."""
from dataclasses import dataclass, field
from typing import Literal, NamedTuple


class Person(NamedTuple):
    """The guest pages of one participant (by name key); their host pages, if any, are among the hosts."""
    key: str


Audience = Literal['everyone', 'hosts', 'guests'] | Person


@dataclass
class SessionPages:
    """The NiceGUI client ids of the pages open on one session, kept by audience as pages come and go, so that an
    event costs one set per audience, never a look at every page."""
    everyone: set[str] = field(default_factory=set)
    hosts: set[str] = field(default_factory=set)
    guests: set[str] = field(default_factory=set)
    people: dict[str, set[str]] = field(default_factory=dict)  # guest pages by person key

    def add(self, client_id: str, *, host: bool, person: str | None) -> None:
        self.everyone.add(client_id)
        (self.hosts if host else self.guests).add(client_id)
        if person is not None and not host:
            self.people.setdefault(person, set()).add(client_id)

    def discard(self, client_id: str) -> None:
        for pages in (self.everyone, self.hosts, self.guests):
            pages.discard(client_id)
        for key, pages in list(self.people.items()):
            pages.discard(client_id)
            if not pages:
                del self.people[key]

    def members(self, audience: Audience) -> set[str]:
        if isinstance(audience, Person):
            return self.people.get(audience.key, set())
        return {'everyone': self.everyone, 'hosts': self.hosts, 'guests': self.guests}[audience]
