"""The fixtures of the live tests are in tests/conftest.py (`server`, `api`, `open_tab`, `own_server`)."""
from tests.servers import new_session  # noqa: F401  (tests here may import it from the conftest)
