"""Sticky routing behind a proxy (deploy/nginx.conf): the socket of a session page names the session's code.

NiceGUI keeps a page's state in the process that rendered it. The proxy routes `/s/{code}` by that code and reads the
same code from the socket's query (`studyhall_session`), so the socket reaches the same process.
"""
import re

from framework_seams import add_socket_query

QUERY_KEY = 'studyhall_session'
ROUTABLE = re.compile(r'[A-Za-z0-9-]{1,32}')  # the same pattern as the proxy's; anything else falls back to a cookie


def name_session_in_socket(code: str) -> None:
    if ROUTABLE.fullmatch(code):
        add_socket_query(QUERY_KEY, code)
