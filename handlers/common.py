"""Helpers every handler module shares: the user's language, replies, menu-button filters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from telegram import CallbackQuery, Message, Update
from telegram.error import BadRequest
from telegram.ext import filters

from bot import fit
from bot.context import CityContext
from bot.messages import LANGUAGES, normalize_language, t, texts_of
from bot.messages.words import status_text
from handlers.store_errors import problem_text
from storage import (
    Catalog,
    IllegalTransition,
    InvalidImage,
    InvalidInput,
    PermissionDenied,
    StoreError,
    TicketNotFound,
)


def language_of(update: Update, context: CityContext) -> str:
    """The language to answer in: the user's choice, else Telegram's, else the default."""
    chosen = context.user_data.get("lang") if context.user_data is not None else None
    if isinstance(chosen, str) and chosen in LANGUAGES:
        return chosen
    user = update.effective_user
    if user is not None and user.language_code:
        return normalize_language(user.language_code)
    return context.services.settings.default_language


def button_filter(*keys: str) -> filters.BaseFilter:
    """Matches a message whose text is the label of one of `keys` in any language."""
    labels: list[str] = [text for key in keys for text in texts_of(key)]
    return filters.Text(labels)


async def reply(
    update: Update, context: CityContext, key: str, /, **params: object
) -> Message | None:
    """Reply in the user's language with the catalogue text of `key`."""
    message = update.effective_message
    if message is None:
        return None
    sent = await fit.reply_text(message, t(key, language_of(update, context), **params))
    return sent[-1] if sent else None


def labels(keys: Sequence[str], lang: str) -> list[str]:
    """The labels of `keys` in `lang`."""
    return [t(key, lang) for key in keys]


ANSWER_LIMIT = 200
"""Telegram shows at most 200 characters of a button press's answer."""

STALE_QUERY_ERRORS = (
    "query is too old",
    "query id is invalid",
    "message to edit not found",
    "message is not modified",
    "message can't be edited",
)


def is_stale(error: BadRequest) -> bool:
    """True for Telegram's answers to an old or forged button press."""
    text = str(error).lower()
    return any(marker in text for marker in STALE_QUERY_ERRORS)


async def answer_query(
    query: CallbackQuery, text: str | None = None, *, alert: bool = False
) -> None:
    """Answer a button press; an expired or forged query is not an error worth raising."""
    try:
        await query.answer(fit.fit(text, ANSWER_LIMIT) if text else None, show_alert=alert)
    except BadRequest as error:
        if not is_stale(error):
            raise


async def edit_query_message(query: CallbackQuery, text: str, **kwargs: Any) -> bool:
    """Edit the message a button belongs to; False if it is gone or unchanged."""
    try:
        await query.edit_message_text(fit.fit(text), **kwargs)
    except BadRequest as error:
        if not is_stale(error):
            raise
        return False
    return True


def store_error_text(error: StoreError, lang: str, catalog: Catalog) -> str:
    """A clear reply for a domain error of the store, in `lang` (never the store's English)."""
    if isinstance(error, IllegalTransition):
        return t("store.illegal", lang, status=status_text(error.status, lang))
    if isinstance(error, TicketNotFound):
        return t("store.not_found", lang, number=error.ref)
    if isinstance(error, PermissionDenied):
        return t("store.denied", lang)
    if isinstance(error, InvalidInput | InvalidImage):
        return t("store.invalid", lang, problem=problem_text(error, lang, catalog))
    return t("error.generic", lang)


class PhotoTooLarge(Exception):
    """Telegram says the file is larger than we accept; nothing was downloaded."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size} bytes > {limit}")
        self.size = size
        self.limit = limit


class PhotoUnavailable(Exception):
    """Telegram would not hand over the file; the resident can send it again."""


async def download_image(message: Message, context: CityContext) -> bytes:
    """The bytes of the largest photo size (or the image document) of `message`."""
    limit = context.services.settings.max_photo_bytes
    if message.photo:
        media: Any = message.photo[-1]
    elif message.document is not None:
        media = message.document
    else:
        raise ValueError("the message has no photo")
    if media.file_size and media.file_size > limit:
        raise PhotoTooLarge(media.file_size, limit)
    try:
        telegram_file = await media.get_file()
        data = bytes(await telegram_file.download_as_bytearray())
    except BadRequest as error:  # too big for bots, gone, or not a file id at all
        raise PhotoUnavailable from error
    if len(data) > limit:
        raise PhotoTooLarge(len(data), limit)
    return data


def kick_outbox(context: CityContext) -> None:
    """Deliver owed messages now rather than at the next tick."""
    context.services.outbox.kick()
