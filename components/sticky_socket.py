"""Sticky routing behind a proxy (deploy/nginx.conf): the socket of a session page names the session's code.

NiceGUI keeps a page's state in the process that rendered it. The proxy routes `/s/{code}` by that code and reads the
same code from the socket's query (`studyhall_session`), so the socket reaches the same process. The script wraps
`io()` before NiceGUI's page script calls it (body HTML runs after socket.io.min.js and before that script).
"""
import re

from nicegui import ui

QUERY_KEY = 'studyhall_session'
ROUTABLE = re.compile(r'[A-Za-z0-9-]{1,32}')  # the same pattern as the proxy's; anything else falls back to a cookie


def name_session_in_socket(code: str) -> None:
    if not ROUTABLE.fullmatch(code):
        return
    ui.add_body_html(f'''<script type="module">
  const connect = window.io;
  window.io = (url, options) => {{
    Object.assign(options.query, {{ {QUERY_KEY}: "{code}" }});
    return connect(url, options);
  }};
</script>''')
