import pytest

from services import lan, materials, messages
from services.context import Context
from services.demo import create_demo_session
from services.lan import banner, lan_urls


async def test_the_demo_session_has_messages_with_code_and_math_and_sample_files(ctx: Context) -> None:
    session = await create_demo_session(ctx)
    shown = await messages.messages_before(ctx, session.id, None, 50)
    assert any('<div class="codehilite">' in m.html for m in shown)
    assert any('<math' in m.html for m in shown)
    names = [m.name for m in await materials.list_materials(ctx, session)]
    assert {'leaf-diagram.png', 'worksheet.pdf'} <= set(names)


def test_the_banner_names_the_lan_addresses_with_a_qr_code() -> None:
    urls = lan_urls('0.0.0.0', 8080)
    assert all(url.startswith('http://') and url.endswith(':8080/') and '127.0.0.1' not in url for url in urls)
    text = banner('0.0.0.0', 8080)
    assert 'http://localhost:8080/' in text
    if urls:
        assert urls[0] in text and '█' in text


@pytest.mark.parametrize('host', ['127.0.0.1', 'localhost', '::1', '127.0.1.1'])
def test_a_server_on_a_loopback_address_says_only_this_computer_can_reach_it(host: str) -> None:
    text = banner(host, 8080)
    assert lan_urls(host, 8080) == []
    assert 'Only this computer can reach it' in text and '--host 0.0.0.0' in text
    assert 'Others on your network' not in text and '█' not in text  # no QR code of an address nobody else reaches
    assert 'StudyHall is running: http://localhost:8080/' in text


def test_a_server_on_one_lan_address_names_that_address() -> None:
    text = banner('192.168.1.5', 8080)
    assert lan_urls('192.168.1.5', 8080) == ['http://192.168.1.5:8080/']
    assert 'Others on your network can join at: http://192.168.1.5:8080/' in text and '█' in text


def test_without_a_network_address_the_banner_says_nobody_else_can_join(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lan.ifaddr, 'get_adapters', lambda: [])
    text = banner('0.0.0.0', 8080)
    assert 'no network address' in text and 'Others on your network' not in text
