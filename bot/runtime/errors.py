"""The error handler: log everything, tell the user something clear, keep their draft."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError

from bot.context import CityContext
from bot.messages import t
from handlers.common import language_of
from storage.db.engine import is_database_error

log = logging.getLogger(__name__)


def _message(error: BaseException | None, lang: str) -> str:
    if is_database_error(error):
        return t("error.database", lang)
    return t("error.generic", lang)


async def on_error(update: object, context: CityContext) -> None:
    """Log the error and, when there is a user to tell, tell them (drafts stay in user_data)."""
    error = context.error
    if isinstance(error, Forbidden):
        log.info("user blocked the bot or left: %s", error)
        return
    log.error("error while handling %s", getattr(update, "update_id", update), exc_info=error)
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        return  # Telegram itself is unreachable; a reply would fail the same way
    try:
        lang = language_of(update, context)
    except Exception:  # the services themselves may be what failed
        lang = "zh"
    text = _message(error, lang)
    if update.callback_query is not None:
        try:
            await update.callback_query.answer(text[:200], show_alert=True)
            return
        except TelegramError:
            pass  # answered already (handlers answer first): say it in the chat instead
    try:
        await context.bot.send_message(update.effective_chat.id, text)
    except TelegramError:
        log.warning("could not tell chat %s about the error", update.effective_chat.id)
