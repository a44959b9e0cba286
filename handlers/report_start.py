"""How a photo report begins: a photo, /report or the menu button, or the "report here"
button under a place sent outside a report; and the hourly limit every beginning meets."""

from __future__ import annotations

import contextlib
from dataclasses import replace

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import ConversationHandler

from bot.context import CityContext
from bot.messages import t
from handlers.buttons import SkipPhoto, button, expired, is_offered
from handlers.common import answer_query, language_of, reply
from handlers.drafts import keep, new_draft
from handlers.report_place import PLACE_OFFER
from storage.tickets import lookups

PHOTO, LOCATION = "photo", "location"


async def rate_limited(update: Update, context: CityContext) -> bool:
    """True (and said so) when the resident filed their hourly number of photo reports."""
    user = update.effective_user
    if user is None:
        return True
    limit = context.services.settings.reports_per_hour
    async with context.services.store.unit_of_work(read_only=True) as uow:
        count = await lookups.count_reports_in_last_hour(uow, reporter_id=user.id)
    if count >= limit:
        await reply(update, context, "report.rate_limited", count=count)
        return True
    return False


async def ask_for_photo(update: Update, context: CityContext, lang: str) -> str:
    """Ask for the photo, with the button to go on without one."""
    chat = update.effective_chat
    assert chat is not None
    skip = InlineKeyboardMarkup([[button(t("report.skip_photo", lang), SkipPhoto())]])
    await context.bot.send_message(chat.id, t("report.start", lang), reply_markup=skip)
    return PHOTO


async def start_from_menu(update: Update, context: CityContext) -> str | int:
    """/report or the menu button: ask for the photo first."""
    message = update.effective_message
    if message is None or context.user_data is None or await rate_limited(update, context):
        return ConversationHandler.END
    lang = language_of(update, context)
    keep(context, new_draft(message, lang, message.caption or ""))
    return await ask_for_photo(update, context, lang)


async def start_here(update: Update, context: CityContext) -> str | int:
    """The button under a place sent outside a report: a report there, its photo next."""
    query = update.callback_query
    place = (context.user_data or {}).get(PLACE_OFFER)
    if query is None or not isinstance(place, dict) or not is_offered(place, query):
        await expired(update, context)
        return ConversationHandler.END
    assert context.user_data is not None and isinstance(query.message, Message)
    await answer_query(query)
    if await rate_limited(update, context):
        return ConversationHandler.END
    del context.user_data[PLACE_OFFER]
    with contextlib.suppress(BadRequest):  # the offer is taken: its button goes
        await query.edit_message_reply_markup(reply_markup=None)
    lang = language_of(update, context)
    # The offer's message keys this intake (one ticket however often it is redone).
    draft = replace(new_draft(query.message, lang), reporter_id=query.from_user.id)
    coordinates = {key: place.get(key) for key in ("latitude", "longitude", "address")}
    keep(context, draft.with_place(**coordinates))
    return await ask_for_photo(update, context, lang)
