"""Whether live updates reach this process; pages bind a "live updates delayed" notice to it."""
from nicegui import binding


@binding.bindable_dataclass
class HubStatus:
    live: bool = True
    resumed: int = 0  # how often live updates resumed (with Redis): what was missed before is unknown
