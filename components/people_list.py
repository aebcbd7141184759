"""Who is in the session now: a list (side panel) or a count (header), kept live by the session's presence events."""
from nicegui import ui
from nicegui.events import GenericEventArguments

from db.models import StudySession
from db.schemas import HandPublic
from i18n import _
from i18n.client_texts import plural_forms
from services import context, host
from services.errors import ServiceError

from .shared_module import STUDYHALL_JS


class PeopleList(ui.element, component='people_list.js', esm=STUDYHALL_JS):

    def __init__(self, session: StudySession, online: list[str], *, me: str, compact: bool = False,
                 muted: list[str] | None = None, host_key: str | None = None,
                 hands: list[HandPublic] | None = None) -> None:
        """`compact`: only the number of people, for the header; `host_key` (kept on the server): this page may
        mute and remove people; `hands`: the raised hands, marked with their place in the queue."""
        super().__init__()
        self.session = session
        self.host_key = host_key
        self._props.update({'sessionId': session.id, 'online': online, 'me': me, 'compact': compact,
                            'muted': muted or [], 'isHost': host_key is not None,
                            'hands': {hand.name: hand.position for hand in hands or []},
                            'handLabel': _('hand raised, number %(position)d in the queue')})
        self._props['texts'] = {
            'unknown': _('Not connected: who is here is not known now.'),
            'count': plural_forms('{count} person here', '{count} people here'),
        }
        if not compact:
            self._props['texts'] |= {
                'people': _('People here now'), 'you': _('(you)'),
                'muted': _('muted'), 'mutedHint': _('Muted by the host: reads along, cannot write'),
                'mute': _('Mute'), 'unmute': _('Unmute'), 'remove': _('Remove'), 'cancel': _('Cancel'),
                'confirmRemove': _('Remove %(name)s from this session? That browser cannot join again until you '
                                   'let it back in.', name='%(name)s'),
            }
        if host_key is not None:
            self.on('moderate', self._moderate)

    async def _moderate(self, e: GenericEventArguments) -> None:
        args = e.args if isinstance(e.args, dict) else {}
        try:
            await host.moderate(context.current(), self.session, self.host_key, str(args.get('name', '')),
                                muted=args.get('muted'), removed=args.get('removed'))
        except ServiceError as error:
            ui.notify(error.message, type='warning')
