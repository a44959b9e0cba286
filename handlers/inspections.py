"""燃气入户安检 for residents: /inspection books a visit in a short conversation (the address,
a day, a time of day, a summary to confirm; /cancel works at every step), and /inspector BADGE
tells a resident at the door at once whether this is an inspector sent to them today."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.context import CityContext
from bot.messages import t
from bot.wiring import Registration
from handlers.basic import end_conversation_quietly
from handlers.buttons import button, expired, pressed, remember_offer
from handlers.common import (
    answer_query,
    button_filter,
    edit_query_message,
    kick_outbox,
    language_of,
    reply,
)
from handlers.inspections_buttons import InspectionConfirm, InspectionDay, InspectionPeriod
from handlers.inspections_words import ERROR_WORDS, day_text, period_text
from handlers.presses import StepButton
from handlers.replies import after_commit, owed_reply
from storage.inspections import (
    MAX_DAYS_AHEAD,
    PERIODS,
    InspectionError,
    request_inspection,
    verify_badge,
)

BOOKING = "inspection"
"""user_data: the booking being made ({address, day, period, offer})."""
ADDRESS, DAY, PERIOD, CONFIRM = "i_address", "i_day", "i_period", "i_confirm"
PRIVATE = filters.ChatType.PRIVATE
DAYS_OFFERED = 7
MAX_ADDRESS = 200


async def start_booking(update: Update, context: CityContext) -> str:
    """/inspection or the menu button: ask for the address."""
    assert context.user_data is not None
    context.user_data[BOOKING] = {}
    await reply(update, context, "inspection.ask_address")
    return ADDRESS


async def address_given(update: Update, context: CityContext) -> str | None:
    """The address: offer the coming days."""
    message = update.effective_message
    booking = (context.user_data or {}).get(BOOKING)
    if message is None or not message.text or not isinstance(booking, dict):
        return None
    address = message.text.strip()
    if len(address) < 4 or len(address) > MAX_ADDRESS:
        await reply(update, context, "inspection.bad_address", limit=MAX_ADDRESS)
        return None
    booking["address"] = address
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
    return DAY


def _offered(update: Update, context: CityContext) -> dict[str, Any] | None:
    """The booking, if the press is on the message its last buttons were offered on."""
    booking = (context.user_data or {}).get(BOOKING)
    query = update.callback_query
    message = query.message if query is not None else None
    if not isinstance(booking, dict) or message is None:
        return None
    if booking.get("offer") != [message.chat.id, message.message_id]:
        return None
    return booking


async def day_chosen(update: Update, context: CityContext) -> str | None:
    """The day: offer the times of day."""
    booking = _offered(update, context)
    choice = pressed(update, InspectionDay)
    query = update.callback_query
    if booking is None or choice is None or query is None:
        await expired(update, context)
        return None
    await answer_query(query)
    booking["day"] = f"{choice.day[:4]}-{choice.day[4:6]}-{choice.day[6:]}"
    lang = language_of(update, context)
    rows = [[button(period_text(p, lang), InspectionPeriod(p))] for p in PERIODS]  # type: ignore[arg-type]
    await edit_query_message(
        query,
        t("inspection.ask_period", lang, day=day_text(booking["day"], lang)),
        reply_markup=InlineKeyboardMarkup(rows),
    )
    return PERIOD


async def period_chosen(update: Update, context: CityContext) -> str | None:
    """The time of day: the summary to confirm."""
    booking = _offered(update, context)
    choice = pressed(update, InspectionPeriod)
    query = update.callback_query
    if booking is None or choice is None or query is None or "day" not in booking:
        await expired(update, context)
        return None
    await answer_query(query)
    booking["period"] = choice.period
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
    return CONFIRM


async def confirm_chosen(update: Update, context: CityContext) -> str | int | None:
    """Book it (its number owed through the outbox), or drop it."""
    booking = _offered(update, context)
    choice = pressed(update, InspectionConfirm)
    query = update.callback_query
    user = update.effective_user
    if booking is None or choice is None or query is None or user is None:
        await expired(update, context)
        return None
    assert context.user_data is not None and query.message is not None
    del context.user_data[BOOKING]
    lang = language_of(update, context)
    if choice.choice == "no":
        await answer_query(query)
        await edit_query_message(query, t("inspection.dropped", lang))
        return ConversationHandler.END
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
        return ConversationHandler.END
    kick_outbox(context)
    await after_commit(answer_query(query))
    await after_commit(query.edit_message_reply_markup(reply_markup=None))
    return ConversationHandler.END


async def use_buttons(update: Update, context: CityContext) -> None:
    """Words where a button is expected."""
    await reply(update, context, "inspection.use_buttons")


async def verify(update: Update, context: CityContext) -> None:
    """/inspector BADGE: is this a registered inspector with a visit booked here today?"""
    user = update.effective_user
    words = list(context.args or [])
    if user is None:
        return
    if not words:
        await reply(update, context, "inspection.verify_how")
        return
    async with context.services.store.unit_of_work() as uow:
        verdict = await verify_badge(uow, resident_id=user.id, badge=" ".join(words))
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


def handlers() -> list[Registration]:
    """The booking conversation (persistent), and /inspector."""
    menu = button_filter("menu.inspection")
    text = filters.TEXT & ~filters.COMMAND
    buttons_only: Any = MessageHandler(PRIVATE & text, use_buttons)
    conversation = ConversationHandler(
        entry_points=[
            CommandHandler("inspection", start_booking, filters=PRIVATE),
            MessageHandler(PRIVATE & menu, start_booking),
        ],
        states={
            ADDRESS: [MessageHandler(PRIVATE & text & ~menu, address_given)],
            DAY: [StepButton(InspectionDay.matches, day_chosen), buttons_only],
            PERIOD: [
                StepButton(InspectionPeriod.matches, period_chosen),
                buttons_only,
            ],
            CONFIRM: [
                StepButton(InspectionConfirm.matches, confirm_chosen),
                buttons_only,
            ],
        },
        fallbacks=[
            CommandHandler("cancel", end_conversation_quietly),
            CommandHandler("inspection", start_booking, filters=PRIVATE),
        ],
        name="inspection",
        persistent=True,
        per_chat=True,
        per_user=True,
    )
    return [
        Registration(conversation),
        Registration(CommandHandler("inspector", verify, filters=PRIVATE)),
    ]
