"""The error handler: log everything, tell the user something clear, keep their draft."""

from __future__ import annotations

import contextlib
import logging

from sqlalchemy.exc import SQLAlchemyError
from telegram import Update
from telegram.error import BadRequest, Forbidden, NetworkError, TelegramError

from bot.context import CityContext
from bot.messages import t
from handlers.common import language_of

log = logging.getLogger(__name__)


def _message_key(error: BaseException | None) -> str:
    if isinstance(error, SQLAlchemyError | ConnectionError | TimeoutError):
        return "error.database"
    return "error.generic"


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
    if update.callback_query is not None:
        with contextlib.suppress(TelegramError):
            await update.callback_query.answer(t(_message_key(error), lang)[:200], show_alert=True)
        return
    try:
        await context.bot.send_message(update.effective_chat.id, t(_message_key(error), lang))
    except TelegramError:
        log.warning("could not tell chat %s about the error", update.effective_chat.id)
