"""Files for upload tests, made in memory: real pictures, picture headers that claim huge sizes, a zip bomb."""
import io
import struct
import zipfile
import zlib

from PIL import Image


def picture(kind: str = 'PNG', size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new('RGB', size, 'teal').save(buffer, kind)
    return buffer.getvalue()


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims `width` x `height` pixels but carries almost no data (a pixel flood)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
    header = struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + chunk(b'IDAT', zlib.compress(b'\0')) + chunk(b'IEND', b'')


def zip_bomb(unpacked_mb: int = 50) -> bytes:
    """A small zip that would unpack to `unpacked_mb` MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, 'w', zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr('zeros.bin', bytes(unpacked_mb * 1024 * 1024))
    return buffer.getvalue()
