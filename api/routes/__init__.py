"""The API's routes, one module per resource."""
from . import health, materials, messages, participants, search, sessions

ROUTERS = (sessions.router, messages.router, materials.router, participants.router, search.router, health.router)
