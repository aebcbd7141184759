"""The shared files of a session: a list that grows by one row per new file, and the upload box."""
import json

from nicegui import background_tasks, ui
from nicegui.events import GenericEventArguments

from db.schemas import MaterialPublic
from realtime.events import Event, HubResynced, MaterialShared
from services import context, materials, sessions
from services.text import human_size

TYPE_ICONS = {
    'image/': 'image', 'video/': 'movie', 'audio/': 'audio_file', 'text/': 'description',
    'application/pdf': 'picture_as_pdf', 'application/zip': 'folder_zip',
}


class MaterialsPanel(ui.column):

    def __init__(self, session_id: int, session_code: str, materials: list[MaterialPublic], *, author: str) -> None:
        super().__init__()
        self.classes('w-full gap-2')
        ctx = context.current()
        self.session_id = session_id
        self.session_code = session_code
        self._shown: set[int] = set()
        limit = ctx.settings.max_upload_bytes
        with self:
            ui.label('Materials').classes('text-lg font-medium')
            self.upload = ui.upload(multiple=True, auto_upload=True, max_file_size=limit,
                                    label=f'Share files (up to {human_size(limit)} each)') \
                .props('flat bordered field-name=file accept="*"').classes('w-full').mark('upload')
            self.upload.props['url'] = f'/api/sessions/{session_code}/materials'
            self.upload.props['form-fields'] = [{'name': 'author', 'value': author}]
            self.upload.on_rejected(lambda: ui.notify(f'Files over {human_size(limit)} cannot be shared.',
                                                      type='warning'))
            self.upload.on('failed', self._upload_failed,
                           js_handler='(info) => emit(info.files.map((f) => f.name), info.xhr.responseText)')
            self.empty = ui.label('No files shared yet.').classes('text-sm text-grey-7')
            self.empty.visible = not materials
            self.list = ui.list().props('dense separator').classes('w-full').mark('materials')
            for material in materials:
                self._add_row(material)
        self._unsubscribe = ctx.hub.subscribe(session_id, self._on_event)

    def _on_event(self, event: Event) -> None:
        if isinstance(event, MaterialShared):
            self._add_row(event.material)
        elif isinstance(event, HubResynced):
            background_tasks.create(self._catch_up(), name='materials catch-up')

    async def _catch_up(self) -> None:
        """Add the files shared while live updates were interrupted; the rows shown stay as they are."""
        ctx = context.current()
        shared = await materials.list_materials(ctx, await sessions.get_session(ctx, self.session_code))
        for material in shared:
            self._add_row(material)

    def _add_row(self, material: MaterialPublic) -> None:
        if material.id in self._shown or self.is_deleted:
            return
        self._shown.add(material.id)
        self.empty.visible = False
        when = material.created_at.astimezone().strftime('%H:%M')
        with self.list, ui.item().props(f'href="{material.url}" target=_blank').classes('rounded'):
            with ui.item_section().props('avatar'):
                ui.icon(_icon_for(material.content_type), color='primary')
            with ui.item_section():
                ui.item_label(material.name).classes('break-all')
                ui.item_label(f'{human_size(material.size)} · {material.author} · {when}').props('caption')

    def _upload_failed(self, e: GenericEventArguments) -> None:
        names, response = e.args if isinstance(e.args, list) and len(e.args) == 2 else ([], '')
        reason = _error_text(response) or 'the connection was interrupted'
        ui.notify(f'Could not share {", ".join(names) or "the file"}: {reason}', type='negative', multi_line=True)

    def _handle_delete(self) -> None:
        self._unsubscribe()
        super()._handle_delete()


def _icon_for(content_type: str) -> str:
    return next((icon for prefix, icon in TYPE_ICONS.items() if content_type.startswith(prefix)), 'attach_file')


def _error_text(response: str) -> str:
    try:
        return str(json.loads(response).get('error', ''))
    except (ValueError, AttributeError):
        return ''

