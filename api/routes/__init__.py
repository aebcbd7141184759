"""The API's routes, one module per resource."""
from . import health, materials, messages, participants, polls, search, sessions, stage, timer

ROUTERS = (sessions.router, messages.router, materials.router, participants.router, search.router, polls.router,
           timer.router, stage.router, health.router)
