"""After the safety steps: where is it? A shared location, a venue or a typed address each
file the urgent gas ticket at once and alert the staff group; its number is owed."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime

from telegram import Message, ReplyKeyboardRemove, Update
from telegram.ext import ApplicationHandlerStop, MessageHandler, filters

from bot.context import CityContext
from bot.messages import texts_of
from bot.wiring import Registration
from handlers.common import kick_outbox, language_of
from handlers.drafts import REPORT, draft_in, drop
from handlers.emergency import (
    FILED,
    PENDING,
    PLACE_WINDOW,
    alert_language,
    emergency_text,
    location_keyboard,
)
from handlers.replies import after_commit, owed_reply
from storage.tickets import ReportDraft
from storage.tickets.intake import file_report

# A typed place: street words, building words or a house number. A question typed after
# the steps ("要不要报警？") is not taken for an address.
_ADDRESS = re.compile(
    r"[路街道巷弄里坊村镇乡区县市号楼栋座幢室层苑园庭居城厦场站门]|\d|"
    r"(?i:\b(?:road|rd|street|st|lane|avenue|ave|building|block|floor|flat|room|no)\b)"
)
_QUESTION = re.compile(r"[?？吗呢]\s*$|怎么|点算|how|what|should")


def _pending(context: CityContext, message: Message) -> ReportDraft | None:
    pending = draft_in(context, PENDING)
    if pending is None or (context.user_data or {})[PENDING].get("filed"):
        return None
    alerted = datetime.fromisoformat(pending.started)
    if message.date - alerted > PLACE_WINDOW:
        return None
    # A photo report begun after the alert asked its own "where?": the place is the report's.
    report = draft_in(context, REPORT)
    if report is not None and report.started and _begun(report) > _begun(pending):
        return None
    if pending.reporter_id is None:  # kept by an older version, which knew only the words
        user = message.from_user
        return replace(pending, emergency=True, reporter_id=user.id if user else None)
    return pending


def _begun(draft: ReportDraft) -> tuple[datetime, int]:
    """When a draft began, in the order of the chat: Telegram dates messages to the second,
    so within one second the message that began it (its intake key's id) decides."""
    _, _, message_id = draft.intake_key.rpartition(":")
    return datetime.fromisoformat(draft.started), int(message_id) if message_id.isdigit() else 0


def looks_like_address(text: str) -> bool:
    """True for a short text that reads as a place rather than a question or a story."""
    text = text.strip()
    return 2 <= len(text) <= 200 and bool(_ADDRESS.search(text)) and not _QUESTION.search(text)


async def place_given(update: Update, context: CityContext) -> None:
    """A location, venue or typed address after the steps: file the urgent ticket."""
    message = update.effective_message
    if message is None or context.user_data is None:
        return
    pending = _pending(context, message)
    if pending is None:
        return
    if message.venue is not None:
        venue = message.venue
        pending = pending.with_place(
            latitude=venue.location.latitude,
            longitude=venue.location.longitude,
            address=f"{venue.title} {venue.address}",
        )
    elif message.location is not None:
        pending = pending.with_place(
            latitude=message.location.latitude, longitude=message.location.longitude
        )
    elif message.text and looks_like_address(message.text):
        pending = pending.with_place(address=message.text)
        geocoder = context.services.geocoder
        found = None
        if geocoder is not None and pending.address:
            found = await geocoder.locate(pending.address)
        if found is not None:
            pending = pending.with_place(
                latitude=found[0], longitude=found[1], address=pending.address
            )
    elif message.text and not _is_menu_button(context, message.text):
        # "在家", "要不要报警": someone in danger must never get an FAQ's "call 12345" here.
        await _ask_place_again(update, context, message)
        raise ApplicationHandlerStop
    else:
        return  # a menu button: the message goes on to its feature
    lang = language_of(update, context)
    filed = owed_reply(update, "emergency.filed", lang, origin=pending.reply_origin)
    async with context.services.store.unit_of_work() as uow:
        ticket = await file_report(uow, draft=pending, suggest=context.services.triage, reply=filed)
    drop(context, PENDING)
    context.user_data[FILED] = {"number": ticket.number, "at": message.date.isoformat()}
    kick_outbox(context)
    # The location keyboard has done its job; the number itself comes from the outbox.
    await after_commit(
        message.reply_text(
            emergency_text(update, context, "emergency.place_received"),
            reply_markup=ReplyKeyboardRemove(),
        )
    )
    raise ApplicationHandlerStop


def _is_menu_button(context: CityContext, text: str) -> bool:
    rows = context.services.wiring.menu_rows
    return any(text in texts_of(key) for row in rows for key in row)


async def _ask_place_again(update: Update, context: CityContext, message: Message) -> None:
    """Not a place: leave first and call 119, then the place; /cancel if it was no emergency."""
    lang = alert_language(update, context)
    await message.reply_text(
        emergency_text(update, context, "emergency.ask_place_again"),
        reply_markup=location_keyboard(lang),
    )


def handlers(*, group: int) -> list[Registration]:
    """Places after an alert are looked at before any feature sees them."""
    private = filters.ChatType.PRIVATE
    places = filters.LOCATION | filters.VENUE | (filters.TEXT & ~filters.COMMAND)
    handler = MessageHandler(private & filters.UpdateType.MESSAGE & places, place_given)
    return [Registration(handler, group=group)]
