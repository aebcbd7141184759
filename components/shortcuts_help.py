"""The keyboard shortcuts of the session page, in a dialog opened with `?` (outside the text boxes)."""
import json
from collections.abc import Callable

from nicegui import ui

from i18n import _

EVENT = 'studyhall_shortcuts'


def open_with_question_mark(open_dialog: Callable[[], None], *, enabled: bool = True) -> None:
    """`?` (`؟` on an Arabic keyboard) pressed anywhere but in a text field calls `open_dialog` (one listener, no round
    trip per key), unless the person turned that key off (WCAG 2.1.4: a one-character shortcut can be turned off;
    `set_question_mark`)."""
    ui.on(EVENT, open_dialog)
    ui.add_body_html(f'''<script>
window.shQuestionMark = {json.dumps(enabled)};
document.addEventListener("keydown", (e) => {{
  if (!window.shQuestionMark || !["?", "؟"].includes(e.key)) return;
  if (e.target.closest("input, textarea, select, [contenteditable]")) return;
  e.preventDefault();
  emitEvent("{EVENT}");
}});
</script>''')


def set_question_mark(enabled: bool) -> None:
    """Turns the `?` key on or off in this page (the choice is the caller's to keep)."""
    ui.run_javascript(f'window.shQuestionMark = {json.dumps(enabled)}')


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
