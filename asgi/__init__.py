"""ASGI plumbing around the app: what answers in front of NiceGUI, the same-origin guard, headers, compression."""
