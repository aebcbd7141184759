"""Dates, times, numbers and file sizes as the current language writes them (Babel, CLDR data)."""
from datetime import UTC, datetime

from babel.dates import format_date, format_skeleton, format_time
from babel.numbers import format_decimal
from babel.units import format_unit

from . import current_language
from .languages import SOURCE

SIZE_UNITS = (('digital-kilobyte', 'KB'), ('digital-megabyte', 'MB'), ('digital-gigabyte', 'GB'))


def format_size(size: int) -> str:
    """`1536` -> `1.5 KB` (English), `1,5 kB` (German), `1,5 ko` (French)."""
    code = current_language()
    if size < 1024:
        return f'{size} bytes' if code == SOURCE else format_unit(size, 'digital-byte', length='short', locale=code)
    value = float(size)
    for unit, english in SIZE_UNITS:  # noqa: B007  (the last unit is kept)
        value /= 1024
        if value < 1024 or english == 'GB':
            break
    if code == SOURCE:
        return f'{value:.1f}'.removesuffix('.0') + f' {english}'
    return format_unit(round(value, 1), unit, length='short', format='#,##0.#', locale=code)


def format_number(value: int | float) -> str:
    return format_decimal(value, locale=current_language())


def format_clock(moment: datetime) -> str:
    """The time of day on this server's clock: `2:07 PM`, `14:07`."""
    return format_time(moment.astimezone(), 'short', locale=current_language())


def format_when(moment: datetime) -> str:
    """Day and time on this server's clock: `Mar 5 2:07 PM`, `5. März 14:07`."""
    local = moment.astimezone()
    code = current_language()
    return f"{format_skeleton('MMMd', local, locale=code)} {format_time(local, 'short', locale=code)}"


def format_utc(moment: datetime) -> str:
    """Day and time in UTC, for the server's owner: `Mar 5, 2026, 2:07 PM UTC`, `05.03.2026, 14:07 UTC`."""
    utc, code = moment.astimezone(UTC), current_language()
    return f"{format_date(utc, 'medium', locale=code)}, {format_time(utc, 'short', tzinfo=UTC, locale=code)} UTC"
