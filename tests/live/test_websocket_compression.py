"""Live updates go uncompressed unless the settings ask for permessage-deflate (it costs memory per open page)."""
import aiohttp

from bench.server_process import ServerProcess

SOCKET_PATH = '/_nicegui_ws/socket.io/?EIO=4&transport=websocket'


async def agreed_compression(server: ServerProcess) -> int:
    """The deflate window the server agreed to when offered permessage-deflate as browsers do (0: none)."""
    async with aiohttp.ClientSession() as http, \
            http.ws_connect(server.base_url + SOCKET_PATH, compress=15) as socket:
        return socket.compress


async def test_live_updates_are_not_compressed_by_default(server: ServerProcess) -> None:
    assert await agreed_compression(server) == 0


async def test_compression_can_be_switched_on(start_server) -> None:
    assert await agreed_compression(start_server(env={'STUDYHALL_WEBSOCKET_COMPRESSION': 'true'})) == 15
