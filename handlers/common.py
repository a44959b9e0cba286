"""Helpers every handler module shares: the user's language, replies, menu-button filters."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import Message, Update
from telegram.ext import filters

from bot.context import CityContext
from bot.messages import CATALOGUE, LANGUAGES, normalize_language, t


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
    labels: list[str] = [text for key in keys for text in CATALOGUE[key].values()]
    return filters.Text(labels)


async def reply(
    update: Update, context: CityContext, key: str, /, **params: object
) -> Message | None:
    """Reply in the user's language with the catalogue text of `key`."""
    message = update.effective_message
    if message is None:
        return None
    return await message.reply_text(t(key, language_of(update, context), **params))


def labels(keys: Sequence[str], lang: str) -> list[str]:
    """The labels of `keys` in `lang`."""
    return [t(key, lang) for key in keys]
