"""燃气入户安检 for the gas company's inspectors (roster role gas_inspector, or an admin):
/inspections lists the requests to take and one's own confirmed visits, each with its
buttons; /inspections checks lists the latest badge checks at doors. After a visit, "no
hazard" closes it, "hazard" asks for a photo (its caption says what was found) and files a
燃气安全 ticket for the address."""

from __future__ import annotations

import asyncio

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
from handlers.buttons import button, expired, pressed
from handlers.common import (
    PhotoTooLarge,
    PhotoUnavailable,
    answer_query,
    download_image,
    kick_outbox,
    language_of,
    reply,
)
from handlers.inspections_buttons import InspectionMove
from handlers.inspections_words import ERROR_WORDS, OUTCOME_WORDS, day_text, period_text
from handlers.replies import after_commit, owed_reply
from storage import InvalidImage, Role
from storage.inspections import (
    Booking,
    Hazard,
    InspectionError,
    confirm_visit,
    find_inspector,
    list_badge_checks,
    list_requests,
    record_result,
)
from storage.staff import service as staff

INSPECTING = frozenset({Role.GAS_INSPECTOR, Role.ADMIN})
HAZARD = "inspection_hazard"
"""user_data: the visit whose hazard photo the bot waits for ({"id": …})."""
HAZARD_GROUP = -3
"""After the cylinder scan (-4), before the conversations of group 0."""
PRIVATE = filters.ChatType.PRIVATE


async def _may_inspect(update: Update, context: CityContext) -> bool:
    user = update.effective_user
    if user is None:
        return False
    settings = context.services.settings
    async with context.services.store.unit_of_work(read_only=True) as uow:
        actor = await staff.identify(
            uow, user_id=user.id, admin_ids=settings.admin_ids, staff_ids=settings.staff_ids
        )
    return actor.role in INSPECTING


def _line(booking: Booking, lang: str) -> str:
    return t(
        "inspection.staff_line",
        lang,
        id=booking.id,
        address=booking.address,
        day=day_text(booking.day, lang),
        period=period_text(booking.period, lang),
    )


async def inspections(update: Update, context: CityContext) -> None:
    """/inspections: requests to take and one's confirmed visits; /inspections checks."""
    message = update.effective_message
    if message is None or message.from_user is None:
        return
    if not await _may_inspect(update, context):
        await reply(update, context, "unknown.command")
        return
    lang = language_of(update, context)
    if [a.lower() for a in context.args or []] == ["checks"]:
        await _checks(update, context, lang)
        return
    async with context.services.store.unit_of_work(read_only=True) as uow:
        waiting = await list_requests(uow, status="requested")
        # An inspector sees their own visits; an admin (who has no badge) everyone's.
        own = await find_inspector(uow, user_id=message.from_user.id)
        badge = own.badge if own is not None else None
        mine = await list_requests(uow, status="confirmed", badge=badge)
    if not waiting and not mine:
        await reply(update, context, "inspection.staff_none")
        return
    for booking in waiting:
        take = button(t("inspection.take", lang), InspectionMove("confirm", booking.id))
        await message.reply_text(_line(booking, lang), reply_markup=InlineKeyboardMarkup([[take]]))
    for booking in mine:
        markup = InlineKeyboardMarkup(
            [
                [
                    button(t("inspection.no_hazard", lang), InspectionMove("ok", booking.id)),
                    button(t("inspection.hazard", lang), InspectionMove("hazard", booking.id)),
                ]
            ]
        )
        text = t(
            "inspection.staff_confirmed_line",
            lang,
            line=_line(booking, lang),
            badge=booking.inspector_badge,
        )
        await message.reply_text(text, reply_markup=markup)


async def _checks(update: Update, context: CityContext, lang: str) -> None:
    async with context.services.store.unit_of_work(read_only=True) as uow:
        checks = await list_badge_checks(uow)
    zone = context.services.store.catalog.timezone
    lines = [
        t(
            "inspection.check_line",
            lang,
            at=check.at.astimezone(zone).strftime("%m-%d %H:%M"),
            badge=check.badge,
            resident=check.resident_id,
            outcome=t(OUTCOME_WORDS[check.outcome], lang)
            if check.outcome in OUTCOME_WORDS
            else "✅",
        )
        for check in checks
    ]
    await reply(update, context, "inspection.checks", lines="\n".join(lines) or "-")


async def move(update: Update, context: CityContext) -> None:
    """A button under a request: take it, or record the visit's result."""
    query = update.callback_query
    choice = pressed(update, InspectionMove)
    if query is None or choice is None or not await _may_inspect(update, context):
        await expired(update, context)
        return
    lang = language_of(update, context)
    if choice.verb == "hazard":
        assert context.user_data is not None
        context.user_data[HAZARD] = {"id": choice.id}
        await answer_query(query)
        await reply(update, context, "inspection.hazard_photo", id=choice.id)
        return
    store = context.services.store
    try:
        async with store.unit_of_work() as uow:
            if choice.verb == "confirm":
                owed = owed_reply(update, "inspection.confirm_done", lang)
                await confirm_visit(
                    uow, request_id=choice.id, by_user_id=query.from_user.id, reply=owed
                )
            else:
                owed = owed_reply(update, "inspection.result_saved", lang)
                await record_result(
                    uow,
                    request_id=choice.id,
                    by_user_id=query.from_user.id,
                    hazard=None,
                    triage=context.services.triage,
                    reply=owed,
                )
    except InspectionError as error:
        await answer_query(
            query, t(ERROR_WORDS.get(error.code, ERROR_WORDS["not_found"]), lang), alert=True
        )
        return
    kick_outbox(context)
    await after_commit(answer_query(query))
    await after_commit(query.edit_message_reply_markup(reply_markup=None))


async def hazard_photo(update: Update, context: CityContext) -> None:
    """The photo of a hazard found: the visit is done and a 燃气安全 ticket filed."""
    message = update.effective_message
    pending = (context.user_data or {}).get(HAZARD)
    if message is None or message.from_user is None or not isinstance(pending, dict):
        return
    assert context.user_data is not None
    lang = language_of(update, context)
    try:
        data = await download_image(message, context)
        image = await asyncio.to_thread(context.services.store.photos.put, data)
    except (PhotoTooLarge, PhotoUnavailable, InvalidImage):
        await reply(update, context, "cylinder.photo_unusable")
        raise ApplicationHandlerStop from None
    del context.user_data[HAZARD]
    note = (message.caption or "").strip() or t(
        "inspection.hazard_default", context.services.store.settings.staff_language
    )
    owed = owed_reply(update, "inspection.hazard_saved", lang)
    try:
        async with context.services.store.unit_of_work() as uow:
            await record_result(
                uow,
                request_id=int(pending.get("id", 0)),
                by_user_id=message.from_user.id,
                hazard=Hazard(note=note, photos=(image,)),
                triage=context.services.triage,
                reply=owed,
            )
    except InspectionError as error:
        await message.reply_text(t(ERROR_WORDS.get(error.code, ERROR_WORDS["not_found"]), lang))
        raise ApplicationHandlerStop from None
    kick_outbox(context)
    raise ApplicationHandlerStop


async def text_instead_of_hazard_photo(update: Update, context: CityContext) -> None:
    """Words while the hazard's photo is awaited: ask for the photo (with a caption)."""
    if not isinstance((context.user_data or {}).get(HAZARD), dict):
        return
    await reply(update, context, "inspection.hazard_photo_again")
    raise ApplicationHandlerStop


def handlers() -> list[Registration]:
    """/inspections, its buttons, and the hazard photo (seen before the photo report)."""
    image = filters.PHOTO | filters.Document.IMAGE
    words = filters.TEXT & ~filters.COMMAND
    return [
        Registration(MessageHandler(PRIVATE & image, hazard_photo), group=HAZARD_GROUP),
        Registration(
            MessageHandler(PRIVATE & words, text_instead_of_hazard_photo), group=HAZARD_GROUP
        ),
        Registration(CommandHandler("inspections", inspections, filters=PRIVATE)),
        Registration(CallbackQueryHandler(move, pattern=InspectionMove.matches)),
    ]
