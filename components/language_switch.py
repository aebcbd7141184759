"""The language switch in the header: every language in its own name; the choice is kept for this browser."""
from nicegui import ui

from i18n import LANGUAGES, _, current_language
from i18n.page_language import choose


def language_switch() -> None:
    here = current_language()
    label = _('Language: %(language)s', language=LANGUAGES[here].name)
    button = ui.button(icon='translate').props('flat round dense color=white').mark('language')
    button.props.update({'aria-label': label, 'title': label})
    with button, ui.menu().props('auto-close').mark('language-menu'):
        for code, language in LANGUAGES.items():
            item = ui.menu_item(language.name, on_click=lambda code=code: _switch(code)).mark(f'language-{code}')
            item.props.update(role='menuitem', lang=language.tag, dir='rtl' if language.rtl else 'ltr',
                              active=code == here)


def _switch(code: str) -> None:
    choose(code)
    ui.navigate.reload()
