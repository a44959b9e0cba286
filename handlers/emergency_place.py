"""After the safety steps: where is it? A shared location, a venue or a typed address each
file the urgent gas ticket at once and alert the staff group; its number is owed."""

from __future__ import annotations

import re
from datetime import datetime

from telegram import Message, ReplyKeyboardRemove, Update
from telegram.ext import ApplicationHandlerStop, MessageHandler, filters

from bot.context import CityContext
from bot.wiring import Registration
from handlers.common import kick_outbox, language_of
from handlers.drafts import image_from_json
from handlers.emergency import PENDING, PLACE_WINDOW, emergency_text
from handlers.replies import after_commit, owed_reply
from storage import NewTicket

# A typed place: street words, building words or a house number. A question typed after
# the steps ("要不要报警？") is not taken for an address.
_ADDRESS = re.compile(
    r"[路街道巷弄里坊村镇乡区县市号楼栋座幢室层苑园庭居城厦场站门]|\d|"
    r"(?i:\b(?:road|rd|street|st|lane|avenue|ave|building|block|floor|flat|room|no)\b)"
)
_QUESTION = re.compile(r"[?？吗呢]\s*$|怎么|点算|how|what|should")


def _pending(context: CityContext, message: Message) -> dict[str, object] | None:
    pending = (context.user_data or {}).get(PENDING)
    if not isinstance(pending, dict) or pending.get("filed"):
        return None
    alerted = datetime.fromisoformat(str(pending["at"]))
    if message.date - alerted > PLACE_WINDOW:
        return None
    # A photo report begun after the alert asked its own "where?": the place is the report's.
    report = (context.user_data or {}).get("report")
    started = report.get("started") if isinstance(report, dict) else None
    if isinstance(started, str) and datetime.fromisoformat(started) >= alerted:
        return None
    return pending


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
    latitude = longitude = None
    address: str | None = None
    if message.venue is not None:
        latitude, longitude = message.venue.location.latitude, message.venue.location.longitude
        address = f"{message.venue.title} {message.venue.address}".strip()[:500]
    elif message.location is not None:
        latitude, longitude = message.location.latitude, message.location.longitude
    elif message.text and looks_like_address(message.text):
        address = message.text.strip()[:500]
        geocoder = context.services.geocoder
        if geocoder is not None:
            found = await geocoder.locate(address)
            if found is not None:
                latitude, longitude = found
    else:
        return  # not a place: the message goes on to its normal handling
    await _file(update, context, pending, latitude, longitude, address)
    raise ApplicationHandlerStop


async def _file(
    update: Update,
    context: CityContext,
    pending: dict[str, object],
    latitude: float | None,
    longitude: float | None,
    address: str | None,
) -> None:
    user = update.effective_user
    lang = language_of(update, context)
    store = context.services.store
    intake_key = str(pending["intake_key"])
    filed = owed_reply(update, "emergency.filed", lang, origin=f"file:{intake_key}")
    photos = pending.get("photos")
    await store.file_ticket(
        NewTicket(
            category=store.catalog.emergency_category,
            description=str(pending["text"]),
            latitude=latitude,
            longitude=longitude,
            address=address,
            reporter_id=user.id if user else None,
            language=lang,
            priority="urgent",
            intake_key=intake_key,
        ),
        photos=[image_from_json(item) for item in photos if isinstance(item, dict)]
        if isinstance(photos, list)
        else [],
        reply=filed,
    )
    pending["filed"] = True
    kick_outbox(context)
    message = update.effective_message
    if message is not None:
        # The location keyboard has done its job; the number itself comes from the outbox.
        await after_commit(
            message.reply_text(
                emergency_text(update, context, "emergency.place_received"),
                reply_markup=ReplyKeyboardRemove(),
            )
        )


def handlers(*, group: int) -> list[Registration]:
    """Places after an alert are looked at before any feature sees them."""
    private = filters.ChatType.PRIVATE
    places = filters.LOCATION | filters.VENUE | (filters.TEXT & ~filters.COMMAND)
    handler = MessageHandler(private & filters.UpdateType.MESSAGE & places, place_given)
    return [Registration(handler, group=group)]
