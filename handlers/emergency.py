"""Gas danger, tiered: the safety steps come first; an uncertain message gets one safety line.

Two mistakes, not equally costly: a missed leak leaves someone in a gas-filled kitchen
without the steps, an alarm on an ordinary question swallows the answer they asked for.
So a confident danger gets the steps as the very first reply and then the urgent flow
(handlers/emergency_place.py files the ticket from a location, a venue or a typed
address); a possible one gets its normal reply, with a safety line and an "this is an
emergency" button sent just before it; anything else passes untouched.
"""

from __future__ import annotations

import asyncio
import logging
import re
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from telegram import (
    InlineKeyboardMarkup,
    KeyboardButton,
    Message,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    MessageHandler,
    filters,
)
from zhconv import convert

from bot.context import CityContext
from bot.messages import LANGUAGES, t
from bot.wiring import Registration
from handlers.buttons import EscalateGas, button, expired, is_offered, remember_offer
from handlers.common import answer_query, download_image, kick_outbox, language_of
from handlers.drafts import draft_in, keep, new_draft
from handlers.inspections_staff import HAZARD
from handlers.replies import owed_reply
from knowledge.triage import assess_danger
from storage import Actor, Role, StoreError
from storage.tickets import ReportDraft, remarks

log = logging.getLogger(__name__)

EMERGENCY_GROUP = -20
"""Before every feature (and the report conversation) so the steps always come first."""
PENDING = "emergency"
"""user_data key of an alert whose place we still wait for."""
POSSIBLE = "possible_danger"
"""user_data key of the last "possible" message, which the escalation button turns into one."""
RECENT = "last_emergency_at"
"""When this resident last had the safety steps: "还是有味" after that is a danger too."""
FILED = "last_emergency_ticket"
"""The urgent ticket this resident's last alert filed ({"number", "at"}): "还是有味" within
RECENT_WINDOW adds to it, so staff see one emergency going on, not two (a new alert in
other words may be another place: it files its own)."""
PLACE_WINDOW = timedelta(minutes=30)
RECENT_WINDOW = timedelta(hours=24)
TRADITIONAL = "zh-hant"
STILL_THERE = (
    "还是有味",
    "还有味",
    "又有味",
    "又漏",
    "还在漏",
    "味道还在",
    "还是臭",
    "仲有味",
    "仲系有味",
    "仍有味",
    "still",
)


def writes_traditional(update: Update) -> bool:
    """True when the resident's message is written in traditional characters."""
    message = update.effective_message
    text = (message.text or message.caption or "") if message is not None else ""
    return bool(text) and convert(text, "zh-hans") != text


def writes_english(update: Update) -> bool:
    """True for a message of three or more Latin words and no Chinese characters."""
    message = update.effective_message
    text = (message.text or message.caption or "") if message is not None else ""
    if any("\u4e00" <= char <= "\u9fff" for char in text):
        return False
    return len(_LATIN_WORD.findall(text)) >= 3


_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def alert_language(update: Update, context: CityContext) -> str:
    """The language the steps are read best in: the resident's, or the message's own when
    it is written in English ("the gas bottle is make ssss sound" from a Chinese-set phone)
    or in traditional characters ("個罐漏緊氣")."""
    lang = language_of(update, context)
    if lang != "en" and "en" in LANGUAGES and writes_english(update):
        return "en"
    if lang == "zh" and TRADITIONAL in LANGUAGES and writes_traditional(update):
        return TRADITIONAL
    return lang


def emergency_text(update: Update, context: CityContext, key: str, **params: object) -> str:
    """An emergency text in the language of the alert, with the gas hotline if set."""
    lang = alert_language(update, context)
    hotline = context.services.settings.gas_hotline
    hotline_line = t("emergency.hotline", lang, number=hotline) if hotline else ""
    return t(key, lang, hotline_line=hotline_line, **params)


def _text_of(message: Message) -> str | None:
    text = message.text or message.caption
    # A command is an instruction to the bot ("/practice gas_leak"), not a cry for help.
    if text is None or text.startswith("/"):
        return None
    return text


def _recently_alerted(context: CityContext, now: datetime) -> bool:
    at = (context.user_data or {}).get(RECENT)
    return isinstance(at, str) and now - datetime.fromisoformat(at) <= RECENT_WINDOW


def _says_still(text: str) -> bool:
    """Says in words that the smell or leak is still (or again) there."""
    folded = convert(text, "zh-hans").lower()
    return any(word in folded for word in STILL_THERE)


def _still_there(text: str) -> bool:
    """Says the smell or leak is still (or again) there: a danger after an earlier alert."""
    return assess_danger(text).tier != "none" or _says_still(text)


async def triage(update: Update, context: CityContext) -> None:
    """Every text and caption: the steps for a danger, a safety line for a possible one."""
    message = update.effective_message
    text = _text_of(message) if message is not None else None
    if message is None or text is None:
        return
    if message.chat.type == "private" and (context.user_data or {}).get(HAZARD) is not None:
        # An inspector's hazard caption ("软管开裂，接口漏气") records what they found on site
        # for the result's ticket: the steps would swallow the photo, the line is noise to them.
        return
    tier = assess_danger(text).tier
    if tier != "danger" and _recently_alerted(context, message.date) and _still_there(text):
        tier = "danger"
    if tier == "danger":
        await _send_steps(update, context, message, text)
        raise ApplicationHandlerStop
    if tier == "possible":
        await _offer_escalation(update, context, message, text)


def location_keyboard(lang: str) -> ReplyKeyboardMarkup:
    """The one-button keyboard that shares the resident's location."""
    return ReplyKeyboardMarkup(
        [[KeyboardButton(t("emergency.share_location", lang), request_location=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )


async def _send_steps(update: Update, context: CityContext, message: Message, text: str) -> None:
    private = message.chat.type == "private"
    lang = language_of(update, context)
    markup = location_keyboard(alert_language(update, context)) if private else None
    steps = (
        emergency_text(update, context, "emergency.steps")
        if private
        else emergency_text(update, context, "emergency.steps_group")
    )
    await message.reply_text(steps, reply_markup=markup)
    if private and context.user_data is not None:
        await _remember_alert(update, context, message, text, lang)


async def _remember_alert(
    update: Update, context: CityContext, message: Message, text: str, lang: str
) -> None:
    assert context.user_data is not None
    pending = draft_in(context, PENDING)
    if pending is not None and not context.user_data[PENDING].get("filed"):
        # A second message before the place ("还是有味，好浓"): one ticket, all the words.
        keep(context, pending.with_words(text), PENDING)
        return
    if _says_still(text) and await _added_to_earlier(update, context, message, text, lang):
        context.user_data[RECENT] = message.date.isoformat()
        return
    draft = new_draft(message, lang, text, emergency=True)
    if message.photo or message.document:
        try:
            data = await download_image(message, context)
            stored = await asyncio.to_thread(context.services.store.photos.put, data)
            draft = draft.with_photo(stored)
        except Exception:  # the steps went out; a bad photo must not stop the alert
            log.warning("emergency photo could not be kept", exc_info=True)
    keep(context, draft, PENDING)
    context.user_data[RECENT] = message.date.isoformat()


async def _added_to_earlier(
    update: Update, context: CityContext, message: Message, text: str, lang: str
) -> bool:
    """Add the words to the urgent ticket an alert of the last RECENT_WINDOW filed, if it is
    still open; the resident is told its number, the staff group hears of it."""
    assert context.user_data is not None
    earlier = context.user_data.get(FILED)
    user = message.from_user
    if not isinstance(earlier, dict) or user is None:
        return False
    if message.date - datetime.fromisoformat(earlier["at"]) > RECENT_WINDOW:
        return False
    number = str(earlier["number"])
    added = owed_reply(update, "emergency.added_to_ticket", lang, number=number)
    try:
        async with context.services.store.unit_of_work() as uow:
            await remarks.comment(
                uow, number=number, by=Actor(user.id, Role.RESIDENT), note=text, reply=added
            )
    except StoreError:  # closed or gone since: this alert files a ticket of its own
        context.user_data.pop(FILED, None)
        return False
    kick_outbox(context)
    return True


async def _offer_escalation(
    update: Update, context: CityContext, message: Message, text: str
) -> None:
    lang = language_of(update, context)
    markup = InlineKeyboardMarkup([[button(t("emergency.escalate", lang), EscalateGas())]])
    sent = await message.reply_text(
        emergency_text(update, context, "emergency.safety_line"), reply_markup=markup
    )
    if context.user_data is not None and message.chat.type == "private":
        record: dict[str, Any] = new_draft(message, lang, text, emergency=True).to_json()
        remember_offer(record, sent)
        context.user_data[POSSIBLE] = record
    # No stop: the message goes on to its normal reply (the answer, the report flow).


async def escalate(update: Update, context: CityContext) -> None:
    """ "This is an emergency" under a safety line: the steps and the urgent flow."""
    query = update.callback_query
    assert query is not None
    record = (context.user_data or {}).get(POSSIBLE)
    if context.user_data is None or not is_offered(record, query) or query.message is None:
        await expired(update, context)
        raise ApplicationHandlerStop  # answered: the catch-all of a later group must not
    assert isinstance(record, dict)
    await answer_query(query)
    del context.user_data[POSSIBLE]
    lang = language_of(update, context)
    markup = location_keyboard(lang)
    chat_id = query.message.chat.id
    await context.bot.send_message(
        chat_id, emergency_text(update, context, "emergency.steps"), reply_markup=markup
    )
    now = datetime.now(tz=query.message.date.tzinfo)
    # The alert's clock starts at the press: the place is awaited from now on.
    draft = ReportDraft.from_json(record)
    draft = replace(
        draft,
        started=now.isoformat(),
        emergency=True,
        reporter_id=query.from_user.id,
        language=lang,
    )
    keep(context, draft, PENDING)
    context.user_data[RECENT] = now.isoformat()
    raise ApplicationHandlerStop


def handlers() -> list[Registration]:
    """The triage runs before everything else; the place handlers right after it."""
    from handlers import emergency_place

    text_or_caption = filters.UpdateType.MESSAGE & (filters.TEXT | filters.CAPTION)
    return [
        Registration(MessageHandler(text_or_caption, triage), group=EMERGENCY_GROUP),
        Registration(
            CallbackQueryHandler(escalate, pattern=EscalateGas.matches), group=EMERGENCY_GROUP
        ),
        *emergency_place.handlers(group=EMERGENCY_GROUP + 1),
    ]
