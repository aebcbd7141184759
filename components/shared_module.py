"""The browser side that StudyHall's live components share, as one ES module: `import ... from "studyhall"` (the
socket, its event name and the connection state), `"studyhall/outbox.js"` and `"studyhall/drafts.js"` (what this
browser keeps of the pupil's messages). Elements pass `esm=STUDYHALL_JS`; NiceGUI serves the folder once.
"""
from pathlib import Path

STUDYHALL_JS = {'studyhall': str(Path(__file__).with_name('studyhall'))}
