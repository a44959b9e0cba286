"""燃气入户安检 for residents: /inspection books a visit in a short conversation (the address,
a day, a time of day, a summary to confirm; /cancel works at every step), and /inspector BADGE
tells a resident at the door at once whether this is an inspector sent to them today.

The booking's step is kept in user_data (persisted) and its words are read in BOOKING_GROUP,
before the features of group 0, only while a booking waits for them: a command or a main-menu
button leaves the booking and goes on to its own feature (a report begun then is never
mistaken for an address), as the cylinder check does."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.context import CityContext
from bot.messages import t
from bot.wiring import Registration
from handlers.buttons import button, expired, pressed, remember_offer
from handlers.common import (
    answer_query,
    button_filter,
    edit_query_message,
    kick_outbox,
    language_of,
    reply,
)
from handlers.inspections_buttons import (
    CheckInspector,
    InspectionConfirm,
    InspectionDay,
    InspectionPeriod,
)
from handlers.inspections_words import ERROR_WORDS, day_text, period_text
from handlers.replies import after_commit, owed_reply
from storage.inspections import (
    MAX_DAYS_AHEAD,
    PERIODS,
    InspectionError,
    request_inspection,
    verify_badge,
)
from storage.outbox import OutboxItem

BOOKING = "inspection"
"""user_data: the booking being made ({address, day, period, offer})."""
ADDRESS, DAY, PERIOD, CONFIRM = "address", "day", "period", "confirm"
CHECK = "inspector_check"
"""user_data: set while /inspector waits for the badge number."""
BOOKING_GROUP = -2
"""After the cylinder scan (-4) and the hazard photo (-3), before group 0."""
PRIVATE = filters.ChatType.PRIVATE
DAYS_OFFERED = 7
MAX_ADDRESS = 200


async def start_booking(update: Update, context: CityContext) -> None:
    """/inspection or the menu button: ask for the address."""
    if context.user_data is None:
        return
    context.user_data[BOOKING] = {"step": ADDRESS}
    await reply(update, context, "inspection.ask_address")


async def words_given(update: Update, context: CityContext) -> None:
    """Words while a booking is under way: its address, or (at a button step) a reminder
    to use the buttons; without a booking they go on to the other features."""
    message = update.effective_message
    if message is None or not message.text or context.user_data is None:
        return
    if context.user_data.pop(CHECK, None):  # the badge number /inspector asked for
        await _verify(update, context, message.text)
        raise ApplicationHandlerStop
    booking = context.user_data.get(BOOKING)
    if not isinstance(booking, dict):
        return
    if booking.get("step") != ADDRESS:
        await reply(update, context, "inspection.use_buttons")
        raise ApplicationHandlerStop
    address = message.text.strip()
    if len(address) < 4 or len(address) > MAX_ADDRESS:
        await reply(update, context, "inspection.bad_address", limit=MAX_ADDRESS)
        raise ApplicationHandlerStop
    booking["address"], booking["step"] = address, DAY
    lang = language_of(update, context)
    store = context.services.store  # its clock, as the booking's check of the day reads it
    today = store.clock().astimezone(store.catalog.timezone).date()
    days = [today + timedelta(days=n) for n in range(1, min(DAYS_OFFERED, MAX_DAYS_AHEAD) + 1)]
    rows = [
        [
            button(day_text(day, lang), InspectionDay(day.strftime("%Y%m%d")))
            for day in days[i : i + 2]
        ]
        for i in range(0, len(days), 2)
    ]
    sent = await message.reply_text(
        t("inspection.ask_day", lang), reply_markup=InlineKeyboardMarkup(rows)
    )
    remember_offer(booking, sent)
    raise ApplicationHandlerStop


def _offered(update: Update, context: CityContext, step: str) -> dict[str, Any] | None:
    """The booking at `step`, if the press is on the message its buttons were offered on."""
    booking = (context.user_data or {}).get(BOOKING)
    query = update.callback_query
    message = query.message if query is not None else None
    if not isinstance(booking, dict) or message is None or booking.get("step") != step:
        return None
    if booking.get("offer") != [message.chat.id, message.message_id]:
        return None
    return booking


async def day_chosen(update: Update, context: CityContext) -> None:
    """The day: offer the times of day."""
    booking = _offered(update, context, DAY)
    choice = pressed(update, InspectionDay)
    query = update.callback_query
    if booking is None or choice is None or query is None:
        await expired(update, context)
        return
    await answer_query(query)
    booking["day"] = f"{choice.day[:4]}-{choice.day[4:6]}-{choice.day[6:]}"
    booking["step"] = PERIOD
    lang = language_of(update, context)
    rows = [[button(period_text(p, lang), InspectionPeriod(p))] for p in PERIODS]  # type: ignore[arg-type]
    await edit_query_message(
        query,
        t("inspection.ask_period", lang, day=day_text(booking["day"], lang)),
        reply_markup=InlineKeyboardMarkup(rows),
    )


async def period_chosen(update: Update, context: CityContext) -> None:
    """The time of day: the summary to confirm."""
    booking = _offered(update, context, PERIOD)
    choice = pressed(update, InspectionPeriod)
    query = update.callback_query
    if booking is None or choice is None or query is None or "day" not in booking:
        await expired(update, context)
        return
    await answer_query(query)
    booking["period"], booking["step"] = choice.period, CONFIRM
    lang = language_of(update, context)
    markup = InlineKeyboardMarkup(
        [
            [
                button(t("inspection.book", lang), InspectionConfirm("ok")),
                button(t("inspection.drop", lang), InspectionConfirm("no")),
            ]
        ]
    )
    summary = t(
        "inspection.summary",
        lang,
        address=booking["address"],
        day=day_text(booking["day"], lang),
        period=period_text(choice.period, lang),
    )
    await edit_query_message(query, summary, reply_markup=markup)


async def confirm_chosen(update: Update, context: CityContext) -> None:
    """Book it (its number owed through the outbox), or drop it."""
    booking = _offered(update, context, CONFIRM)
    choice = pressed(update, InspectionConfirm)
    query = update.callback_query
    user = update.effective_user
    if booking is None or choice is None or query is None or user is None:
        await expired(update, context)
        return
    assert context.user_data is not None and query.message is not None
    del context.user_data[BOOKING]
    lang = language_of(update, context)
    if choice.choice == "no":
        await answer_query(query)
        await edit_query_message(query, t("inspection.dropped", lang))
        return
    chat = query.message.chat.id
    key = f"ib:{chat}:{query.message.message_id}"
    owed = owed_reply(update, "inspection.requested", lang, origin=key)
    try:
        async with context.services.store.unit_of_work() as uow:
            await request_inspection(
                uow,
                resident_id=user.id,
                chat_id=chat,
                language=lang,
                address=str(booking.get("address", "")),
                day=date.fromisoformat(str(booking.get("day"))),
                period=str(booking.get("period")),
                intake_key=key,
                reply=owed,
            )
    except (InspectionError, ValueError) as error:
        code = getattr(error, "code", "day_out_of_range")
        await answer_query(query)
        await edit_query_message(query, t(ERROR_WORDS.get(code, ERROR_WORDS["not_found"]), lang))
        return
    kick_outbox(context)
    await after_commit(answer_query(query))
    await after_commit(query.edit_message_reply_markup(reply_markup=None))


async def leave_booking(update: Update, context: CityContext) -> None:
    """A command or a main-menu button: the booking is left and the message goes on."""
    if context.user_data is not None:
        context.user_data.pop(BOOKING, None)
        context.user_data.pop(CHECK, None)


async def verify(update: Update, context: CityContext) -> None:
    """/inspector BADGE: is this a registered inspector with a visit booked here today?
    /inspector alone asks for the number, which the next message gives."""
    words = list(context.args or [])
    if not words:
        await ask_badge(update, context)
        return
    await _verify(update, context, " ".join(words))


async def ask_badge(update: Update, context: CityContext) -> None:
    """/inspector alone, or the button under a confirmed visit: ask for the badge number."""
    if context.user_data is None:
        return
    context.user_data.pop(BOOKING, None)
    context.user_data[CHECK] = True
    if update.callback_query is not None:
        await answer_query(update.callback_query)
    chat = update.effective_chat
    if chat is not None:
        await context.bot.send_message(
            chat.id, t("inspection.ask_badge", language_of(update, context))
        )


async def _verify(update: Update, context: CityContext, badge: str) -> None:
    user = update.effective_user
    if user is None:
        return
    async with context.services.store.unit_of_work() as uow:
        verdict = await verify_badge(uow, resident_id=user.id, badge=badge)
    lang = language_of(update, context)
    if verdict.ok:
        await reply(
            update,
            context,
            "inspection.verified",
            name=verdict.name or "",
            address=verdict.address or "",
            period=period_text(verdict.period or "", lang),
        )
    else:
        await reply(update, context, "inspection.not_ours")
    kick_outbox(context)  # a false badge is told to the staff group at once


def visit_buttons(application: object, item: OutboxItem, lang: str) -> InlineKeyboardMarkup:
    """Under a confirmed visit and its reminder: check the person at the door."""
    return InlineKeyboardMarkup([[button(t("inspection.check_button", lang), CheckInspector())]])


def handlers() -> list[Registration]:
    """/inspection and its menu button, the booking's words and buttons, and /inspector."""
    main_menu = button_filter(
        "menu.report",
        "menu.ask",
        "menu.my",
        "menu.help",
        "menu.language",
        "menu.privacy",
        "menu.cylinder",
        "menu.inspection",
    )
    command_or_menu = filters.COMMAND | main_menu
    words = filters.TEXT & ~command_or_menu
    return [
        Registration(MessageHandler(PRIVATE & words, words_given), group=BOOKING_GROUP),
        Registration(MessageHandler(PRIVATE & command_or_menu, leave_booking), group=BOOKING_GROUP),
        Registration(CommandHandler("inspection", start_booking, filters=PRIVATE)),
        Registration(MessageHandler(PRIVATE & button_filter("menu.inspection"), start_booking)),
        Registration(CallbackQueryHandler(day_chosen, pattern=InspectionDay.matches)),
        Registration(CallbackQueryHandler(period_chosen, pattern=InspectionPeriod.matches)),
        Registration(CallbackQueryHandler(confirm_chosen, pattern=InspectionConfirm.matches)),
        Registration(CommandHandler("inspector", verify, filters=PRIVATE)),
        Registration(CallbackQueryHandler(ask_badge, pattern=CheckInspector.matches)),
    ]
