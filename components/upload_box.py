"""The upload box: Quasar's uploader posting to the streaming upload route, retried by itself when a connection cut
an upload, with an id per file so that the server keeps a retried file once (upload_box.js)."""
from nicegui import ui

from i18n import _
from services.text import human_size

from .shared_module import STUDYHALL_JS


class UploadBox(ui.element, component='upload_box.js', esm=STUDYHALL_JS):

    def __init__(self, url: str, *, author: str, limit: int) -> None:
        """`url`: where each file is posted (multipart: `file`, `author`, `client_upload_id`); `limit`: the largest
        file in bytes (the browser's check is a hint: the server enforces it while the upload streams in)."""
        super().__init__()
        self._props.update({'url': url, 'author': author, 'maxFileSize': limit, 'limitText': human_size(limit),
                            'label': _('Drop files here or pick them (up to %(size)s each)', size=human_size(limit)),
                            'texts': {
                                'interrupted': _('{names}: the upload was interrupted.'),
                                'tryingAgain': _('Trying again…'), 'retry': _('Retry'),
                                'thisFile': _('This file'), 'theFile': _('the file'),
                                'tooLarge': _('{names}: files over {limit} cannot be shared.'),
                                'couldNotShare': _('Could not share {names}: {reason}'),
                                'refused': _('the server refused it'),
                                'pick': _('Pick files to share'),
                            }})

    def add_files_from(self, event_js: str) -> str:
        """JavaScript that hands the files of a drop event (the expression `event_js`) to this box."""
        return f'getElement({self.id}).addFiles({event_js}.dataTransfer.files)'
