"""Text and captions as Telegram stores them: parse mode, limits, trimming, auto entities."""

from __future__ import annotations

import re
from typing import Any

from telegram import MessageEntity
from telegram.constants import MessageLimit

from bot.standin.errors import bad_request
from bot.standin.formatting import parse_html, utf16_len

_AUTO_PATTERNS = (
    (
        MessageEntity.BOT_COMMAND,
        re.compile(r"(?<![\w/])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?"),
    ),
    (MessageEntity.URL, re.compile(r"\bhttps?://[^\s<>\"]+")),
    (MessageEntity.MENTION, re.compile(r"(?<![\w@/])@[A-Za-z0-9_]{4,32}\b")),
    (MessageEntity.HASHTAG, re.compile(r"(?<![\w#])#\w+")),
)


def _utf16_offset(text: str, index: int) -> int:
    return utf16_len(text[:index])


def detect_entities(text: str, *, commands: bool = True) -> list[MessageEntity]:
    """Entities Telegram adds to what users type: commands, URLs, mentions, hashtags."""
    taken: list[tuple[int, int]] = []
    entities: list[MessageEntity] = []
    for kind, pattern in _AUTO_PATTERNS:
        if kind == MessageEntity.BOT_COMMAND and not commands:
            continue
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < other_end and other_start < end for other_start, other_end in taken):
                continue
            taken.append((start, end))
            offset = _utf16_offset(text, start)
            entities.append(MessageEntity(kind, offset, utf16_len(match.group(0))))
    entities.sort(key=lambda entity: entity.offset)
    return entities


def strip_text(text: str, entities: list[MessageEntity]) -> tuple[str, list[MessageEntity]]:
    """Trim surrounding whitespace as Telegram does, moving entities with the text."""
    stripped = text.strip()
    if stripped == text:
        return text, entities
    shift = utf16_len(text[: len(text) - len(text.lstrip())])
    limit = utf16_len(stripped)
    moved: list[MessageEntity] = []
    for entity in entities:
        start = max(entity.offset - shift, 0)
        end = min(entity.offset + entity.length - shift, limit)
        if end > start:
            data: dict[str, Any] = entity.to_dict()
            data.update(offset=start, length=end - start)
            moved.append(MessageEntity.de_json(data, None))
    return stripped, moved


def _explicit_entities(value: Any) -> list[MessageEntity]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise bad_request("can't parse entities JSON object")
    try:
        return [MessageEntity.de_json(item, None) for item in value]
    except (TypeError, KeyError, ValueError):
        raise bad_request("can't parse entities JSON object") from None


def apply_parse_mode(
    text: str, parse_mode: str | None, entities: Any
) -> tuple[str, list[MessageEntity]]:
    """Text and entities after the parse mode (HTML parsed; Markdown kept as given)."""
    if parse_mode in (None, ""):
        return text, _explicit_entities(entities)
    mode = parse_mode.lower()
    if mode == "html":
        return parse_html(text)
    if mode in ("markdown", "markdownv2"):
        return text, []
    raise bad_request(f'unsupported parse_mode "{parse_mode}"')


def message_text(
    text: str | None, parse_mode: str | None, entities: Any
) -> tuple[str, list[MessageEntity]]:
    """Validated text of a message: not empty, at most 4096 characters once parsed."""
    if text is None or text == "":
        raise bad_request("message text is empty")
    plain, found = strip_text(*apply_parse_mode(text, parse_mode, entities))
    if not plain:
        raise bad_request("message text is empty")
    if len(plain) > MessageLimit.MAX_TEXT_LENGTH:
        raise bad_request("message is too long")
    return plain, found


def caption_text(
    caption: str | None, parse_mode: str | None, entities: Any
) -> tuple[str | None, list[MessageEntity]]:
    """Validated caption: optional, at most 1024 characters once parsed."""
    if not caption:
        return None, []
    plain, found = strip_text(*apply_parse_mode(caption, parse_mode, entities))
    if len(plain) > MessageLimit.CAPTION_LENGTH:
        raise bad_request("message caption is too long")
    return (plain or None), found
