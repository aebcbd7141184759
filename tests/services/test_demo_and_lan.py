from services import materials, messages
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


def test_a_server_on_localhost_only_says_so() -> None:
    assert 'on this computer only' in banner('127.0.0.1', 8080) or '127.0.0.1' in banner('127.0.0.1', 8080)
