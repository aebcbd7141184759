"""Reads one multipart upload from a request as it streams in: fields in memory, the file into the store."""
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass

from streaming_form_data import StreamingFormDataParser
from streaming_form_data.parser import ParseFailedException
from streaming_form_data.targets import BaseTarget, ValueTarget

from i18n import _

from .errors import InvalidInput
from .storage import IncomingFile, StoredBlob

FIELD_MAX_BYTES = 4096


@dataclass
class ReceivedFile:
    blob: StoredBlob
    file_name: str
    content_type: str | None
    fields: dict[str, str]


class _IncomingTarget(BaseTarget):
    def __init__(self, incoming: IncomingFile) -> None:
        super().__init__()
        self.incoming = incoming
        self.parts = 0

    async def on_start_async(self) -> None:
        self.parts += 1
        if self.parts > 1:
            raise InvalidInput(_('Send one file per request.'))

    async def on_data_received_async(self, chunk: bytes) -> None:
        await self.incoming.write(chunk)


class _TextField(ValueTarget):
    async def on_data_received_async(self, chunk: bytes) -> None:
        await super().on_data_received_async(chunk)
        if sum(map(len, self._values)) > FIELD_MAX_BYTES:
            raise InvalidInput(_('A form field is too long.'))


async def receive_file(headers: Mapping[str, str], stream: AsyncIterator[bytes], incoming: IncomingFile,
                       field_names: tuple[str, ...], file_field: str = 'file') -> ReceivedFile:
    """Parse `stream` into `incoming` (which enforces the size limit) and the named text fields."""
    try:
        parser = StreamingFormDataParser(headers=headers)
    except ParseFailedException as e:
        raise InvalidInput(_('Send the file as multipart/form-data.')) from e
    target = _IncomingTarget(incoming)
    parser.register(file_field, target)
    values = {name: _TextField() for name in field_names}
    for name, value in values.items():
        parser.register(name, value)
    try:
        async for chunk in stream:
            await parser.adata_received(chunk)
    except ParseFailedException as e:
        raise InvalidInput(_('The upload could not be read as multipart/form-data.')) from e
    if target.parts == 0:
        raise InvalidInput(_('The request has no "%(field)s" part.', field=file_field))
    fields = {name: value.value.decode('utf-8', errors='replace') for name, value in values.items()}
    blob = await incoming.store()
    return ReceivedFile(blob=blob, file_name=target.multipart_filename or '',
                        content_type=target.multipart_content_type, fields=fields)
