"""Gas emergencies: the safety steps come first, before any question; a shared location
then files an urgent ticket that alerts the staff at once."""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta

from telegram import KeyboardButton, ReplyKeyboardMarkup, Update
from telegram.ext import Application, ApplicationHandlerStop, MessageHandler, filters

from bot.context import CityContext
from bot.messages import t
from handlers.common import download_image, kick_outbox, language_of
from handlers.drafts import image_from_json, image_to_json
from knowledge.emergency import is_gas_emergency
from storage import NewTicket

log = logging.getLogger(__name__)

EMERGENCY_GROUP = -20
"""Before every feature (and the report conversation) so the steps always come first."""
LOCATION_WINDOW = timedelta(minutes=30)


class _Says(filters.MessageFilter):
    """Text or caption that says gas is leaking or smells, now."""

    def filter(self, message: object) -> bool:
        text = getattr(message, "text", None) or getattr(message, "caption", None)
        # A command is an instruction to the bot ("/practice gas_leak"), not a cry for help.
        if text is not None and text.startswith("/"):
            return False
        return is_gas_emergency(text)


SAYS_GAS_EMERGENCY = _Says(name="gas_emergency")


async def safety_steps(update: Update, context: CityContext) -> None:
    """Reply with the safety steps at once, then remember the emergency for its location."""
    message = update.effective_message
    if message is None:
        raise ApplicationHandlerStop
    lang = language_of(update, context)
    private = message.chat.type == "private"
    markup = (
        ReplyKeyboardMarkup(
            [[KeyboardButton(t("emergency.share_location", lang), request_location=True)]],
            resize_keyboard=True,
            one_time_keyboard=True,
        )
        if private
        else None
    )
    await message.reply_text(t("emergency.steps", lang), reply_markup=markup)
    if private and context.user_data is not None:
        photos: list[dict[str, object]] = []
        if message.photo or message.document:
            try:
                data = await download_image(message, context)
                stored = await asyncio.to_thread(context.services.store.save_photo, data)
                photos.append(image_to_json(stored))
            except Exception:  # the steps went out; a bad photo must not stop the alert
                log.warning("emergency photo could not be kept", exc_info=True)
        context.user_data["emergency"] = {
            "text": (message.text or message.caption or "")[:2000],
            "at": message.date.isoformat(),
            "intake_key": f"tg:{message.chat.id}:{message.message_id}",
            "photos": photos,
        }
    raise ApplicationHandlerStop


async def emergency_location(update: Update, context: CityContext) -> None:
    """A location after an emergency: file the urgent gas ticket and alert the staff."""
    message = update.effective_message
    pending = context.user_data.get("emergency") if context.user_data is not None else None
    if message is None or message.location is None or not pending:
        return
    if message.date - datetime.fromisoformat(pending["at"]) > LOCATION_WINDOW:
        context.user_data.pop("emergency", None)  # type: ignore[union-attr]
        return
    user = update.effective_user
    lang = language_of(update, context)
    ticket, _ = await context.services.store.file_ticket(
        NewTicket(
            category="gas",
            description=pending["text"],
            latitude=message.location.latitude,
            longitude=message.location.longitude,
            reporter_id=user.id if user else None,
            language=lang,
            priority="urgent",
            intake_key=pending["intake_key"],
        ),
        photos=[image_from_json(item) for item in pending.get("photos", [])],
    )
    context.user_data.pop("emergency", None)  # type: ignore[union-attr]
    kick_outbox(context)
    await message.reply_text(t("emergency.filed", lang, number=ticket.number))
    raise ApplicationHandlerStop


def register(application: Application) -> None:  # type: ignore[type-arg]
    """The emergency handlers run before everything else."""
    text_or_caption = (filters.TEXT | filters.CAPTION) & SAYS_GAS_EMERGENCY
    application.add_handler(
        MessageHandler(filters.UpdateType.MESSAGE & text_or_caption, safety_steps),
        group=EMERGENCY_GROUP,
    )
    application.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & filters.LOCATION, emergency_location),
        group=EMERGENCY_GROUP + 1,
    )
