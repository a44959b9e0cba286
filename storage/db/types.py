"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, DateTime, String, Text, event
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """An aware UTC datetime in Python, stored naive-UTC so comparisons sort correctly.

    SQLite has no time zones; storing naive UTC everywhere keeps `deadline < now`
    a plain string or timestamp comparison on both databases.
    """

    impl = DateTime(timezone=False)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column; pass an aware datetime")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


# PostgreSQL text cannot hold NUL, and UTF-8 cannot hold a lone surrogate; the other C0
# controls (but tab and newline) are invisible noise that SQLite alone would keep.
_UNWANTED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def clean_text(value: str) -> str:
    """`value` as every database stores it: line ends as \\n, no NUL, lone surrogate or
    other C0 control but tab and newline, NFC-normalised. Idempotent."""
    if "\r" in value:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = _UNWANTED.sub("", value)
    if not unicodedata.is_normalized("NFC", value):
        value = unicodedata.normalize("NFC", value)
    return value


def clean_json(value: Any) -> Any:
    """`value` with clean_text applied to every string in it, keys included."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {
            clean_text(key) if isinstance(key, str) else key: clean_json(item)
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [clean_json(item) for item in value]
    return value


class CleanText(TypeDecorator[str]):
    """Unbounded text, cleaned (clean_text) on its way into the database."""

    impl = Text
    cache_ok = True

    def clean(self, value: Any) -> Any:
        """The value as it is stored."""
        return None if value is None else clean_text(value)

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return self.clean(value)  # type: ignore[no-any-return]


class CleanString(TypeDecorator[str]):
    """Text of at most `length` characters, cleaned and cut to fit on its way in.

    PostgreSQL refuses a longer value where SQLite keeps it whole; cutting here stores the
    same on both.
    """

    impl = String
    cache_ok = True

    def clean(self, value: Any) -> Any:
        """The value as it is stored."""
        if value is None:
            return None
        length = getattr(self.impl, "length", None)
        cleaned = clean_text(value)
        return cleaned[:length] if length else cleaned

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        return self.clean(value)  # type: ignore[no-any-return]


class CleanJSON(TypeDecorator[Any]):
    """A JSON document whose strings are cleaned (clean_json) on their way in."""

    impl = JSON
    cache_ok = True

    def clean(self, value: Any) -> Any:
        """The value as it is stored."""
        return clean_json(value)

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        return self.clean(value)


def clean_on_assignment(base: type[DeclarativeBase]) -> None:
    """Clean values as they are assigned to clean columns of `base`'s models, so what a
    service keeps in memory after a flush is what the database holds."""

    @event.listens_for(base, "attribute_instrument", propagate=True)
    def _instrument(cls: type, key: str, attribute: Any) -> None:
        columns = getattr(getattr(attribute, "property", None), "columns", ())
        if not columns or not isinstance(columns[0].type, CleanText | CleanString | CleanJSON):
            return
        column_type = columns[0].type

        @event.listens_for(attribute, "set", retval=True)
        def _set(target: Any, value: Any, old: Any, initiator: Any) -> Any:
            return column_type.clean(value)
