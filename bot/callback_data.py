"""Typed callback data: one codec for every inline button the bot sends.

A kind of button is a frozen dataclass subclassing CallbackData, with a TAG and typed
fields: a string that fully matches a `Match`, a number within a `Range`, or a `Literal`
of words. `encode()` writes `TAG:field:…` and refuses what would not decode back or would
pass Telegram's 64 bytes; `decode()` returns the value, or None for anything else. A
handler's pattern is the kind's `matches`, so a forged, stale or garbled press reaches no
handler's logic: the catch-all answers that the button has expired.

The kinds themselves are listed in handlers/buttons.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Annotated, Any, ClassVar, Literal, Self, get_args, get_origin, get_type_hints

LIMIT = 64
"""Telegram's limit on callback data, in bytes."""
SEPARATOR = ":"


@dataclass(frozen=True, slots=True)
class Match:
    """A string field: the whole text matches `regex` (which must exclude the separator)."""

    regex: str


@dataclass(frozen=True, slots=True)
class Range:
    """A number field: a decimal from `low` to `high`, written without leading zeros."""

    low: int = 0
    high: int = 999_999


@dataclass(frozen=True, slots=True)
class _Field:
    name: str
    parse: Callable[[str], object | None]
    check: Callable[[object], bool]


def _text_field(name: str, match: Match) -> _Field:
    regex = re.compile(match.regex)
    if regex.fullmatch(SEPARATOR):
        raise TypeError(f"{name}: {match.regex!r} lets the separator in")

    def parse(text: str) -> str | None:
        return text if regex.fullmatch(text) and SEPARATOR not in text else None

    return _Field(name, parse, lambda value: isinstance(value, str) and parse(value) is not None)


def _number_field(name: str, bounds: Range) -> _Field:
    def parse(text: str) -> int | None:
        # One spelling per number ("7", never "07", "+7" or "٧"), so data round-trips.
        if not re.fullmatch(r"0|[1-9][0-9]{0,8}", text):
            return None
        value = int(text)
        return value if bounds.low <= value <= bounds.high else None

    def check(value: object) -> bool:
        ok = isinstance(value, int) and not isinstance(value, bool)
        return ok and parse(str(value)) is not None

    return _Field(name, parse, check)


def _words_field(name: str, words: tuple[object, ...]) -> _Field:
    allowed = {word for word in words if isinstance(word, str) and SEPARATOR not in word}
    if len(allowed) != len(words):
        raise TypeError(f"{name}: a Literal field holds words without the separator")
    return _Field(name, lambda text: text if text in allowed else None, lambda v: v in allowed)


def _field(name: str, hint: Any) -> _Field:
    if get_origin(hint) is Literal:
        return _words_field(name, get_args(hint))
    if get_origin(hint) is Annotated:
        base, *marks = get_args(hint)
        for mark in marks:
            if base is str and isinstance(mark, Match):
                return _text_field(name, mark)
            if base is int and isinstance(mark, Range):
                return _number_field(name, mark)
    if hint is int:
        return _number_field(name, Range())
    raise TypeError(f"{name}: a field is a Literal, an Annotated[str, Match] or an int")


_FIELDS: dict[type[CallbackData], tuple[_Field, ...]] = {}
"""A cache of each kind's field codecs, read from its annotations on first use."""


def _fields_of(kind: type[CallbackData]) -> tuple[_Field, ...]:
    found = _FIELDS.get(kind)
    if found is None:
        hints = get_type_hints(kind, include_extras=True)
        found = tuple(_field(f.name, hints[f.name]) for f in fields(kind))  # type: ignore[arg-type]
        _FIELDS[kind] = found
    return found


class CallbackData:
    """The base of every kind of button; subclasses are frozen dataclasses with a TAG."""

    TAG: ClassVar[str]

    def encode(self) -> str:
        """This value as callback data; ValueError if it would not decode back or fit."""
        parts = [self.TAG]
        for field in _fields_of(type(self)):
            value = getattr(self, field.name)
            if not field.check(value):
                raise ValueError(f"{self.TAG}: {field.name}={value!r} cannot be encoded")
            parts.append(str(value))
        data = SEPARATOR.join(parts)
        if len(data.encode()) > LIMIT:
            raise ValueError(f"callback data of {len(data.encode())} bytes > {LIMIT}: {data!r}")
        return data

    @classmethod
    def decode(cls, data: object) -> Self | None:
        """The value `data` encodes if it is one of this kind, else None (never raises)."""
        if not isinstance(data, str) or len(data.encode()) > LIMIT:
            return None
        kind_fields = _fields_of(cls)
        if not kind_fields:
            return cls() if data == cls.TAG else None
        if not data.startswith(cls.TAG + SEPARATOR):
            return None
        texts = data[len(cls.TAG) + 1 :].split(SEPARATOR)
        if len(texts) != len(kind_fields):
            return None
        values: dict[str, object] = {}
        for field, text in zip(kind_fields, texts, strict=True):
            value = field.parse(text)
            if value is None:
                return None
            values[field.name] = value
        return cls(**values)

    @classmethod
    def matches(cls, data: object) -> bool:
        """True if `data` decodes as this kind: a CallbackQueryHandler's pattern."""
        return cls.decode(data) is not None


def any_of(*kinds: type[CallbackData]) -> Callable[[object], bool]:
    """A pattern matching data of any of `kinds` (one handler for several buttons)."""
    return lambda data: any(kind.matches(data) for kind in kinds)
