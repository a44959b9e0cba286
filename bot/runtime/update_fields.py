"""Field checks for Telegram objects as PTB parsed them: types, ranges, required parts.

Each raises Malformed naming the field path and what is wrong with it, never its value
(bot/runtime/screening.py logs the reason, and residents' messages are private).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from telegram import Chat, Location, MessageEntity, Poll, User

MAX_ID = 2**53
"""Telegram ids fit in 52 bits (and a signed 64-bit column)."""
MAX_TEXT = 4096
MAX_CALLBACK_BYTES = 64
MAX_POLL_OPTIONS = 12
CHAT_TYPES = frozenset({"private", "group", "supergroup", "channel", "sender"})
MEMBER_STATUSES = frozenset({"creator", "administrator", "member", "restricted", "left", "kicked"})
FILE_FIELDS = ("document", "audio", "video", "voice", "video_note", "animation", "sticker")


class Malformed(Exception):
    """What is wrong, as a field path and a reason (never a value)."""


def integer(value: object, path: str, low: int = -MAX_ID, high: int = MAX_ID) -> None:
    """An integer (not a boolean) within [low, high]."""
    # bool is an int in Python, and JSON true is not an id.
    if isinstance(value, bool) or not isinstance(value, int):
        raise Malformed(f"{path} is not an integer")
    if not low <= value <= high:
        raise Malformed(f"{path} is out of range")


def string(
    value: object, path: str, *, optional: bool = False, empty: bool = True, limit: int = MAX_TEXT
) -> None:
    """A string (None allowed if optional), non-empty unless allowed, at most `limit` long."""
    if value is None and optional:
        return
    if not isinstance(value, str):
        raise Malformed(f"{path} is not a string")
    if not empty and not value:
        raise Malformed(f"{path} is empty")
    if len(value) > limit:
        raise Malformed(f"{path} is too long")


def number(value: object, path: str, low: float, high: float) -> None:
    """A finite number within [low, high]."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Malformed(f"{path} is not a number")
    if not math.isfinite(value) or not low <= value <= high:
        raise Malformed(f"{path} is out of range")


def user(user: object, path: str) -> None:
    """A User with an integer id, a boolean is_bot and string names."""
    if not isinstance(user, User):
        raise Malformed(f"{path} is missing")
    integer(user.id, f"{path}.id", 1)
    if not isinstance(user.is_bot, bool):
        raise Malformed(f"{path}.is_bot is not a boolean")
    string(user.first_name, f"{path}.first_name", limit=256)
    string(user.last_name, f"{path}.last_name", optional=True, limit=256)
    string(user.username, f"{path}.username", optional=True, limit=64)
    string(user.language_code, f"{path}.language_code", optional=True, limit=35)


def chat(chat: object, path: str) -> None:
    """A Chat with an integer id of the right sign and a known type."""
    if not isinstance(chat, Chat):
        raise Malformed(f"{path} is missing")
    integer(chat.id, f"{path}.id")
    if not isinstance(chat.type, str) or chat.type not in CHAT_TYPES:
        raise Malformed(f"{path}.type is not a chat type")
    # A private chat's id is its user's (positive); groups and channels have negative ids.
    if chat.type == Chat.PRIVATE and chat.id < 1:
        raise Malformed(f"{path}.id is not a user's")
    if chat.type in (Chat.GROUP, Chat.SUPERGROUP, Chat.CHANNEL) and chat.id > -1:
        raise Malformed(f"{path}.id is not a group's")
    string(chat.title, f"{path}.title", optional=True, limit=256)
    string(chat.username, f"{path}.username", optional=True, limit=64)
    string(chat.first_name, f"{path}.first_name", optional=True, limit=256)


def entities(entities: Sequence[MessageEntity], text: str | None, path: str) -> None:
    """Entities of `text` that lie within it (offsets in UTF-16 units)."""
    if not entities:
        return
    if text is None:
        raise Malformed(f"{path} has no text to refer to")
    size = len(text.encode("utf-16-le")) // 2  # Telegram counts offsets in UTF-16 units
    for index, entity in enumerate(entities):
        here = f"{path}[{index}]"
        string(entity.type, f"{here}.type", empty=False, limit=64)
        integer(entity.offset, f"{here}.offset", 0, size)
        integer(entity.length, f"{here}.length", 1, size - entity.offset)


def media_file(media: Any, path: str) -> None:
    """A file (photo size, document, voice...) with ids and sane sizes."""
    string(media.file_id, f"{path}.file_id", empty=False, limit=256)
    string(media.file_unique_id, f"{path}.file_unique_id", empty=False, limit=256)
    if media.file_size is not None:
        integer(media.file_size, f"{path}.file_size", 0)
    for name in ("width", "height"):
        if getattr(media, name, None) is not None:
            integer(getattr(media, name), f"{path}.{name}", 0, 2**31)
    for name in ("mime_type", "file_name"):
        string(getattr(media, name, None), f"{path}.{name}", optional=True, limit=256)


def location(location: object, path: str) -> None:
    """A Location with finite coordinates in range."""
    if not isinstance(location, Location):
        raise Malformed(f"{path} is missing")
    number(location.latitude, f"{path}.latitude", -90, 90)
    number(location.longitude, f"{path}.longitude", -180, 180)
    if location.horizontal_accuracy is not None:
        number(location.horizontal_accuracy, f"{path}.horizontal_accuracy", 0, 1500)


def poll(poll: Poll, path: str) -> None:
    """A Poll with an id, a question and at most 12 options."""
    string(poll.id, f"{path}.id", empty=False, limit=256)
    string(poll.question, f"{path}.question", limit=300)
    if not isinstance(poll.options, tuple) or len(poll.options) > MAX_POLL_OPTIONS:
        raise Malformed(f"{path}.options is not a list of options")
    for index, option in enumerate(poll.options):
        string(option.text, f"{path}.options[{index}].text", limit=100)
        integer(option.voter_count, f"{path}.options[{index}].voter_count", 0)
    integer(poll.total_voter_count, f"{path}.total_voter_count", 0)
