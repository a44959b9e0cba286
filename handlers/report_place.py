"""A place sent outside a report (a shared location, a venue) is an offer to report there
(issue 14, defect 15): "📷 Report a problem here" begins a report that already knows its
place, so the photo (or "Skip") goes straight on to the category. During a report's photo
step a place is that report's."""

from __future__ import annotations

from typing import Any

from telegram import InlineKeyboardMarkup, Message, Update

from bot.context import CityContext
from bot.messages import t
from handlers.buttons import ReportHere, button, remember_offer
from handlers.common import language_of, reply
from handlers.drafts import draft_in, keep
from storage.tickets import ReportDraft

PLACE_OFFER = "place_offer"
"""user_data: the place last sent outside a report, and the message offering to report there."""


def place_of(message: Message) -> dict[str, Any] | None:
    """A message's place as the draft keeps it (latitude, longitude, address), else None."""
    if message.venue is not None:
        venue = message.venue
        return {
            "latitude": venue.location.latitude,
            "longitude": venue.location.longitude,
            "address": f"{venue.title} {venue.address}",
        }
    if message.location is not None:
        return {"latitude": message.location.latitude, "longitude": message.location.longitude}
    return None


def has_place(draft: ReportDraft) -> bool:
    """True once the draft knows where the problem is."""
    return draft.latitude is not None or bool(draft.address)


async def place_outside_report(update: Update, context: CityContext) -> None:
    """A place no step asked for: the photo step's place, or an offer to report there."""
    message = update.effective_message
    place = place_of(message) if message is not None else None
    if message is None or place is None or context.user_data is None:
        return
    draft = draft_in(context)
    if draft is not None:  # a report waits for its photo: this is where the problem is
        if has_place(draft):
            await reply(update, context, "report.place_kept")
            return
        keep(context, draft.with_place(**place))
        await reply(update, context, "report.place_noted")
        return
    lang = language_of(update, context)
    here = InlineKeyboardMarkup([[button(t("report.here", lang), ReportHere())]])
    sent = await message.reply_text(t("report.place_offer", lang), reply_markup=here)
    remember_offer(place, sent)  # only this message's button begins a report at this place
    context.user_data[PLACE_OFFER] = place
