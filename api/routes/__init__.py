"""The API's routes, one module per resource."""
from . import hands, health, materials, messages, owner, participants, polls, questions, search, sessions, stage, timer

ROUTERS = (sessions.router, messages.router, materials.router, participants.router, search.router, polls.router,
           timer.router, stage.router, questions.router, hands.router, health.router, owner.router)
