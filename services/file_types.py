"""What a shared file is, judged by its first bytes: a name or a browser's word never makes a file shown inline."""
import puremagic

# Types a browser shows in the page; everything else (HTML, SVG, XML, scripts, ...) is only ever downloaded.
INLINE_TYPES = {'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain'}
PICTURE_TYPES = {'image/png', 'image/jpeg', 'image/gif', 'image/webp'}
GENERIC_TYPE = 'application/octet-stream'
HEAD_BYTES = 64 * 1024  # enough for every signature puremagic looks for near the start


def sniff(head: bytes) -> str | None:
    """The type the bytes show (puremagic's signatures, markup like HTML and SVG included), or None."""
    try:
        return puremagic.from_string(head, mime=True) or None
    except (puremagic.PureError, ValueError):
        return None


def stored_type(claimed: str, detected: str | None) -> str:
    """The type to keep: the claimed one unless it would let a browser show bytes that are something else."""
    if claimed not in INLINE_TYPES:
        return detected if claimed == GENERIC_TYPE and detected else claimed
    if claimed == 'text/plain':
        return detected or claimed  # e.g. HTML or a program named .txt
    if detected in INLINE_TYPES and detected != 'text/plain':
        return detected  # a JPEG named .png is still a picture
    return detected or GENERIC_TYPE
