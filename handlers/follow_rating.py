"""After "your ticket was dealt with": "fixed" asks for stars, "not fixed" for the reason the
ticket goes back (the reporter of a resolved or closed ticket only)."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from bot.context import CityContext
from bot.messages import t
from handlers.buttons import Fixed, NotFixed, Rate, button, expired, pressed, reporter_press
from handlers.common import (
    answer_query,
    edit_query_message,
    kick_outbox,
    language_of,
    reply,
    store_error_text,
)
from handlers.replies import after_commit, owed_reply
from storage import Actor, Role, Status, StoreError
from storage.tickets import service

REWORK_REASON = "rework_reason"
RATEABLE = frozenset({Status.RESOLVED, Status.CLOSED})
"""Statuses in which the reporter is asked "fixed?" (a rating, or rework)."""


async def fixed(update: Update, context: CityContext) -> None:
    """ "Fixed": ask for stars (the reporter of a resolved or closed, unrated ticket)."""
    query = update.callback_query
    assert query is not None
    lang = language_of(update, context)
    press = pressed(update, Fixed)
    number = press.number if press is not None else ""
    standing = await reporter_press(update, context, number, RATEABLE)
    if standing is None:
        return
    if standing.rated:
        await expired(update, context)
        return
    await answer_query(query)
    number = standing.number
    stars = InlineKeyboardMarkup([[button("⭐" * n, Rate(number, n)) for n in range(1, 6)]])
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, t("rate.ask_stars", lang), reply_markup=stars)


async def rated(update: Update, context: CityContext) -> None:
    """Record the rating (reporter only)."""
    query = update.callback_query
    user = update.effective_user
    assert query is not None and user is not None
    lang = language_of(update, context)
    press = pressed(update, Rate)
    if press is None:
        await expired(update, context)
        return
    number, stars = press.number, press.stars
    standing = await reporter_press(update, context, number, RATEABLE)
    if standing is None:
        return
    if standing.rated:
        await expired(update, context)
        return
    thanks = owed_reply(update, "rate.thanks", lang, rating=stars)
    resident = Actor(user.id, Role.RESIDENT)
    try:
        async with context.services.store.unit_of_work() as uow:
            await service.rate(uow, number=number, by=resident, rating=stars, reply=thanks)
    except StoreError as error:
        text = store_error_text(error, lang, context.services.store.catalog)
        await answer_query(query, text, alert=True)
        return
    kick_outbox(context)  # the thanks is owed; the stars here only show what was chosen
    await after_commit(answer_query(query))
    await after_commit(edit_query_message(query, "⭐" * stars))


async def not_fixed(update: Update, context: CityContext) -> str | int:
    """ "Not fixed": ask what is still wrong (the reporter of a resolved or closed ticket)."""
    query = update.callback_query
    assert query is not None and context.user_data is not None
    press = pressed(update, NotFixed)
    number = press.number if press is not None else ""
    standing = await reporter_press(update, context, number, RATEABLE)
    if standing is None:
        return ConversationHandler.END
    context.user_data["rework"] = standing.number
    await answer_query(query)
    await reply(update, context, "rate.ask_reason")
    return REWORK_REASON


async def rework_reason(update: Update, context: CityContext) -> int:
    """Send the ticket back with the resident's reason."""
    user = update.effective_user
    message = update.effective_message
    assert user is not None and message is not None and context.user_data is not None
    lang = language_of(update, context)
    number = context.user_data.pop("rework", "")
    reason = (message.text or "")[:2000]
    reworked = owed_reply(update, "rate.reworked", lang)
    resident = Actor(user.id, Role.RESIDENT)
    try:
        async with context.services.store.unit_of_work() as uow:
            await service.rework(uow, number=number, by=resident, reason=reason, reply=reworked)
    except StoreError as error:
        await message.reply_text(store_error_text(error, lang, context.services.store.catalog))
        return ConversationHandler.END
    kick_outbox(context)
    return ConversationHandler.END
