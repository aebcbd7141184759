"""Every text StudyHall shows a person goes through `_`, and through `ngettext` where it counts something, with
named placeholders, so that each sentence is translated whole:

    _('Join “%(title)s”', title=session.title)
    ngettext('%(count)d person here', '%(count)d people here', count, count=count)
    N_('Mark a text to translate later (a constant): it is looked up where it is shown, with _(TEXT)')

Names, titles, messages and file names that people write are values, never part of a text to translate.
The catalogs (gettext, managed with Babel) and the choice of language per page and request come with issue 20;
until then these return the English source.
"""


def _(message: str, /, **values: object) -> str:
    return message % values if values else message


def ngettext(singular: str, plural: str, count: int, /, **values: object) -> str:
    message = singular if count == 1 else plural
    return message % values if values else message


def N_(message: str) -> str:
    return message
