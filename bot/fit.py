"""Every composed message fits Telegram's limits: 4,096 characters of text, 1,024 of a
caption, 64 bytes of callback data.

A view shortens each long field with an ellipsis (`shorten`, `fit_fields`), and a view that
still would not fit goes out as several messages (`pages`, `send_text`), its buttons under
the last. A single message that cannot be split (an edit, a caption) is cut with `fit`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any, Final

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.constants import InlineKeyboardButtonLimit, MessageLimit

from storage.db.types import clean_text

TEXT: Final = int(MessageLimit.MAX_TEXT_LENGTH)
CAPTION: Final = int(MessageLimit.CAPTION_LENGTH)
CALLBACK_DATA: Final = int(InlineKeyboardButtonLimit.MAX_CALLBACK_DATA)
ELLIPSIS: Final = "…"

# Sensible sizes of fields inside a composed message.
NAME: Final = 40
"""A category, department or person's name."""
LABEL: Final = 60
"""The text of a button (Telegram shows one line of it)."""
PLACE: Final = 200
"""An address."""
NOTE: Final = 1000
"""A note in a staff timeline (the resident's own view shows notes whole)."""

_TRAILING: Final = " \t\n,，、;；:：(（[【-–—/\"'“‘"
"""What a shortened text does not end with before its ellipsis (an opening bracket, a comma)."""
_BREAKS: Final = ("\n", "。", "！", "？", "；", ". ", "! ", "? ", "; ", "，", ", ", " ")


def length(text: str) -> int:
    """The size of `text` as Telegram may count it.

    Telegram was measured to count characters; its entities count UTF-16 code units.
    Counting the larger of the two (UTF-16) keeps a message within either.
    """
    return len(text) + sum(1 for char in text if ord(char) > 0xFFFF)


def _prefix(text: str, limit: int) -> str:
    """The longest prefix of `text` of at most `limit` units (never half a character)."""
    if length(text) <= limit:
        return text
    used = 0
    for index, char in enumerate(text):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            return text[:index]
    return text


def _in_word(char: str) -> bool:
    """A letter or digit of a word written with spaces (Latin, Cyrillic …), not Chinese."""
    return char.isalnum() and ord(char) < 0x2E80


def shorten(text: str, limit: int) -> str:
    """`text` if it fits in `limit`, else its beginning and an ellipsis; English is cut
    between words ("Public facilities (manhole covers, …"), Chinese anywhere."""
    if length(text) <= limit:
        return text
    if limit <= 0:
        return ""
    head = _prefix(text, limit - len(ELLIPSIS))
    rest = text[len(head) :]
    if head and rest and _in_word(head[-1]) and _in_word(rest[0]):
        start = len(head)
        while start > 0 and _in_word(head[start - 1]):
            start -= 1
        if start > 0:  # a single word longer than the limit is cut inside it
            head = head[:start]
    return head.rstrip(_TRAILING) + ELLIPSIS


def fit(text: str, limit: int = TEXT) -> str:
    """One message (an edit, a caption) that fits `limit`, cleaned like stored text."""
    return shorten(clean_text(text), limit)


def _cut_at(window: str) -> int:
    """Where to end a part cut from `window`: after the last line or sentence end in its
    second half, else at its end."""
    for mark in _BREAKS:
        position = window.rfind(mark)
        if position >= len(window) // 2:
            return position + len(mark)
    return len(window)


def split(text: str, limit: int = TEXT) -> list[str]:
    """Cut `text` into parts of at most `limit`, at line or sentence ends where possible;
    no part is empty (Telegram refuses an empty message)."""
    parts: list[str] = []
    rest = clean_text(text).strip()
    while length(rest) > limit:
        window = _prefix(rest, limit)
        cut = _cut_at(window)
        part, rest = rest[:cut].rstrip(), rest[cut:].lstrip()
        if part:
            parts.append(part)
    if rest:
        parts.append(rest)
    return parts


def pages(blocks: Iterable[str], limit: int = TEXT, *, separator: str = "\n") -> list[str]:
    """Blocks (a view's head, then its lines) packed in order into as few messages of at
    most `limit` as they fit in; a block longer than a message is split on its own."""
    result: list[str] = []
    current = ""
    for block in blocks:
        joined = f"{current}{separator}{block}" if current else block
        if length(joined) <= limit:
            current = joined
            continue
        if current.strip():
            result.append(current)
        pieces = split(block, limit) or [""]
        result.extend(pieces[:-1])
        current = pieces[-1]
    if current.strip():
        result.append(current)
    return [part for page in result for part in split(page, limit)]


def fit_fields(
    render: Callable[[dict[str, str]], str], fields: Mapping[str, str], limit: int
) -> str:
    """`render(fields)`, the longest of `fields` shortened (all to one common length, as
    little as needed) until the whole fits in `limit`; then cut as a last resort."""
    whole = {key: clean_text(value) for key, value in fields.items()}
    text = render(whole)
    if length(text) <= limit or not whole:
        return fit(text, limit)

    def capped(cap: int) -> str:
        return render({key: shorten(value, cap) for key, value in whole.items()})

    low, high = 0, max(length(value) for value in whole.values())
    while low < high:  # the largest common cap at which the text fits
        middle = (low + high + 1) // 2
        if length(capped(middle)) <= limit:
            low = middle
        else:
            high = middle - 1
    return fit(capped(low), limit)


def callback_data(data: str) -> str:
    """`data`, checked to be the 1-64 bytes Telegram carries in a button."""
    size = len(data.encode("utf-8"))
    if not 1 <= size <= CALLBACK_DATA:
        raise ValueError(f"callback data must be 1-{CALLBACK_DATA} bytes, got {size}: {data!r}")
    return data


def button(text: str, data: str) -> InlineKeyboardButton:
    """An inline button with its label shortened to one line and its data checked."""
    return InlineKeyboardButton(shorten(clean_text(text), LABEL), callback_data=callback_data(data))


def check_keyboard(markup: InlineKeyboardMarkup | None) -> InlineKeyboardMarkup | None:
    """`markup`, every button's callback data checked (ValueError if one is too long)."""
    if markup is not None:
        for row in markup.inline_keyboard:
            for item in row:
                if isinstance(item.callback_data, str):
                    callback_data(item.callback_data)
    return markup


async def _send_parts(
    send: Callable[..., Awaitable[Message]],
    text: str | Sequence[str],
    reply_markup: Any,
    kwargs: dict[str, Any],
) -> list[Message]:
    parts = pages([text] if isinstance(text, str) else text)
    sent: list[Message] = []
    for index, part in enumerate(parts):
        markup = reply_markup if index == len(parts) - 1 else None
        sent.append(await send(part, reply_markup=markup, **kwargs))
    return sent


async def send_text(
    bot: Any, chat_id: int, text: str | Sequence[str], *, reply_markup: Any = None, **kwargs: Any
) -> list[Message]:
    """Send `text` (or a view's blocks) as as many messages as it takes, the buttons under
    the last one."""

    async def send(part: str, **options: Any) -> Message:
        return await bot.send_message(chat_id, part, **options)  # type: ignore[no-any-return]

    return await _send_parts(send, text, reply_markup, kwargs)


async def reply_text(
    message: Message, text: str | Sequence[str], *, reply_markup: Any = None, **kwargs: Any
) -> list[Message]:
    """Reply to `message` with `text` as as many messages as it takes (buttons last)."""
    return await _send_parts(message.reply_text, text, reply_markup, kwargs)
