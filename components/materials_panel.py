"""The shared files of a session: a list that grows by one row per new file, and the upload box."""
from nicegui import background_tasks, ui

from db.models import StudySession
from db.schemas import MaterialPublic, display_code
from i18n import _
from i18n.formatting import format_clock
from realtime.events import Event, HubResynced, MaterialRemoved, MaterialShared
from services import context, materials
from services.errors import ServiceError
from services.previews import can_preview
from services.text import human_size

from .confirm import confirm
from .upload_box import UploadBox

DROP_ACTIVE = 'sh-drop-active'  # outlines the area while files are dragged over it
TYPE_ICONS = {
    'image/': 'image', 'video/': 'movie', 'audio/': 'audio_file', 'text/': 'description',
    'application/pdf': 'picture_as_pdf', 'application/zip': 'folder_zip',
}


class MaterialsPanel(ui.column):

    def __init__(self, session: StudySession, materials: list[MaterialPublic], *, author: str | None,
                 host_key: str | None = None) -> None:
        """`author=None` shows the list only (the projector view); `host_key` (kept on the server): this page may
        take files out of the session."""
        super().__init__()
        self.classes('w-full gap-2')
        self.session = session
        self.host_key = host_key
        self.upload: UploadBox | None = None
        self._rows: dict[int, ui.item] = {}
        session_code = display_code(session.code)
        with self:
            ui.label(_('Materials')).classes('text-lg font-medium')
            if author is not None:
                self.upload = UploadBox(f'/api/sessions/{session_code}/materials', author=author,
                                        limit=context.current().settings.max_upload_bytes).mark('upload')
            self.empty = ui.label(_('No files shared yet.')).classes('text-sm opacity-70')
            self.empty.visible = not materials
            self.list = ui.list().props('separator').classes('w-full').mark('materials')
            for material in materials:
                self._add_row(material)
        self._unsubscribe = context.current().hub.subscribe(session.id, self._on_event,
                                                             only=(MaterialShared, MaterialRemoved, HubResynced))

    def accept_drops_on(self, area: ui.element) -> None:
        """Files dropped anywhere on `area` go to the upload box, as if they had been picked; the area shows it."""
        if self.upload is None:
            return
        files = "e.dataTransfer?.types.includes('Files')"  # text dragged into the message box is not for us
        area.on('dragover', js_handler=f"(e) => {{ if (!{files}) return; e.preventDefault(); "
                                       f"e.currentTarget.classList.add('{DROP_ACTIVE}'); }}")
        area.on('dragleave', js_handler=f"(e) => {{ if (!e.currentTarget.contains(e.relatedTarget)) "
                                        f"e.currentTarget.classList.remove('{DROP_ACTIVE}'); }}")
        area.on('drop', js_handler=f"(e) => {{ if (!{files}) return; e.preventDefault(); "
                                   f"e.currentTarget.classList.remove('{DROP_ACTIVE}'); "
                                   f"{self.upload.add_files_from('e')}; }}")

    def _on_event(self, event: Event) -> None:
        if isinstance(event, MaterialShared):
            self._add_row(event.material)
        elif isinstance(event, MaterialRemoved) and (row := self._rows.pop(event.material_id, None)):
            row.delete()
            self.empty.visible = not self._rows
        elif isinstance(event, HubResynced):
            background_tasks.create(self._catch_up(), name='materials catch-up')

    async def _catch_up(self) -> None:
        """Add the files shared while live updates were interrupted; the rows shown stay as they are."""
        for material in await materials.list_materials(context.current(), self.session):
            self._add_row(material)

    def _add_row(self, material: MaterialPublic) -> None:
        if material.id in self._rows or self.is_deleted:
            return
        self.empty.visible = False
        when = format_clock(material.created_at)
        with self.list, ui.item().classes('rounded') as row:
            with ui.item_section().props('avatar'):
                if can_preview(material.content_type, material.previewable):
                    # a tap on the preview opens the picture (or the PDF) large, in a tab of its own
                    with ui.element('a').classes('sh-thumb-link').mark('open-large') as opener:
                        opener.props.update({'href': material.url, 'target': '_blank', 'rel': 'noopener',
                                             'aria-label': _('Open %(name)s large', name=material.name)})
                        thumbnail = ui.element('img').classes('sh-thumb').props('loading=lazy alt=""')
                        thumbnail.props['src'] = material.preview_url
                else:
                    ui.icon(_icon_for(material.content_type), color='primary', size='md')
            with ui.item_section():
                ui.link(material.name, material.url, new_tab=True).classes('break-all sh-file-link').props('dir=auto')
                ui.item_label(f'{human_size(material.size)} · {material.author} · {when}').props('caption')
            with ui.item_section().props('side'), ui.row(wrap=False).classes('gap-0'):
                download = ui.button(icon='download').props(f'flat round dense href="{material.url}" target=_blank')
                # set directly: names are never parsed
                download.props['aria-label'] = _('Download %(file)s', file=material.name)
                if self.host_key is not None:
                    remove = ui.button(icon='delete', on_click=lambda: self._remove(material)) \
                        .props('flat round dense').mark('delete-file')
                    remove.props['aria-label'] = _('Delete %(name)s', name=material.name)
        self._rows[material.id] = row

    async def _remove(self, material: MaterialPublic) -> None:
        if not await confirm(_('Delete “%(name)s”?', name=material.name),
                             _('It goes out of the session for everyone, and its link stops working.'),
                             _('Delete the file'), marker='confirm-delete-file'):
            return
        try:
            await materials.remove_material(context.current(), self.session, material.id, self.host_key)
        except ServiceError as error:
            ui.notify(error.message, type='warning')

    def _handle_delete(self) -> None:
        self._unsubscribe()
        super()._handle_delete()


def _icon_for(content_type: str) -> str:
    return next((icon for prefix, icon in TYPE_ICONS.items() if content_type.startswith(prefix)), 'attach_file')

