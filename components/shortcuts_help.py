"""The keyboard shortcuts of the session page, in a dialog opened with `?` (outside the text boxes)."""
from collections.abc import Callable

from nicegui import ui

from i18n import _

EVENT = 'studyhall_shortcuts'


def open_with_question_mark(open_dialog: Callable[[], None]) -> None:
    """`?` pressed anywhere but in a text field calls `open_dialog` (one listener, no round trip per key)."""
    ui.on(EVENT, open_dialog)
    ui.add_body_html(f'''<script>
document.addEventListener("keydown", (e) => {{
  if (e.key !== "?" || e.target.closest("input, textarea, select, [contenteditable]")) return;
  e.preventDefault();
  emitEvent("{EVENT}");
}});
</script>''')


def shortcuts_dialog() -> ui.dialog:
    with ui.dialog() as dialog, ui.card().classes('max-w-md gap-3').mark('shortcuts'):
        ui.label(_('Keyboard shortcuts')).classes('text-lg font-medium')
        with ui.element('dl').classes('sh-shortcuts'):
            for keys, meaning in (
                    (_('Enter'), _('send the message')),
                    (_('Shift+Enter'), _('new line')),
                    (_('Tab, Shift+Tab'), _('to the next or previous message, and into its actions')),
                    (_('Enter on an action'), _('reply, react, edit, delete')),
                    (_('Escape'), _('close a dialog, cancel an edit')),
                    ('← →', _('on the Chat and Questions tabs: from one to the other')),
                    ('1 … 9', _('on a poll: choose that answer')),
                    ('Alt+Shift+H', _('raise or lower your hand')),
                    ('?', _('this list'))):
                with ui.element('dt').classes('font-mono font-medium'):
                    ui.label(keys)
                with ui.element('dd').classes('mb-2 opacity-80'):
                    ui.label(meaning)
        ui.button(_('Close'), on_click=dialog.close).props('flat color=primary').classes('sh-dialog-close')
    return dialog
