"""Pages in the language the browser asks for, the switch in the header, the server's default."""
import pytest
from nicegui import app
from nicegui.testing import User

from services import context, sessions


async def test_a_page_follows_accept_language_and_its_events_too(user: User) -> None:
    user.http_client.headers['Accept-Language'] = 'de-DE,de;q=0.9,en;q=0.5'
    await user.open('/')
    await user.should_see('Lernsitzung starten')
    assert user.client.page.resolve_language() == 'de'  # Quasar's pack and <html lang>
    user.find(marker='create').click()  # an event handler, outside the page's request
    await user.should_see('Gib der Sitzung einen Titel.')


async def test_a_browser_that_asks_for_none_of_ours_gets_english(user: User) -> None:
    user.http_client.headers['Accept-Language'] = 'nl-NL,nl;q=0.9'
    await user.open('/')
    await user.should_see('Start a study session')
    assert user.client.page.resolve_language() == 'en-US'


async def test_the_switch_is_remembered_for_the_browser(user: User) -> None:
    await user.open('/')
    await user.should_see('Start a study session')
    user.find(marker='language-de').click()
    assert app.storage.user['language'] == 'de'
    row, _ = await sessions.create_session(context.current(), 'Physik')
    await user.open(f'/s/{row.code}')
    await user.should_see('„Physik“ beitreten')
    await user.should_see('Wähle den Namen, den die anderen sehen.')


@pytest.fixture
def german_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv('STUDYHALL_LANGUAGE', 'de')


async def test_the_server_default_serves_browsers_that_ask_for_none_of_ours(german_server: None, user: User) -> None:
    await user.open('/')
    await user.should_see('Lernsitzung starten')
    user.http_client.headers['Accept-Language'] = 'en'
    await user.open('/')
    await user.should_see('Start a study session')


async def test_the_api_answers_in_english_unless_asked(user: User) -> None:
    refused = await user.http_client.get('/api/sessions/ZZZ-ZZZ')
    assert refused.status_code == 404
    assert refused.json()['error'] == 'There is no study session with the code "ZZZ-ZZZ".'
    german = await user.http_client.get('/api/sessions/ZZZ-ZZZ', headers={'Accept-Language': 'de'})
    assert german.json()['error'] == 'Es gibt keine Lernsitzung mit dem Code „ZZZ-ZZZ“.'
