"""The HTTP API: the same services the pages use, for scripts, bots and tests (app.py builds it)."""
