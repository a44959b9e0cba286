"""随手拍: a photo report as a conversation — photo, place, category, description, the
部件 check ("是这个井盖吗？"), the duplicate check, then a summary to confirm. Its state and
draft are persisted, so a restart in the middle continues where the resident was."""

from __future__ import annotations

from typing import Any

from telegram import (
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.ext import (
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.callback_data import any_of
from bot.context import CityContext
from bot.messages import t
from bot.wiring import Registration
from handlers.basic import end_conversation_quietly
from handlers.buttons import (
    ConfirmAsset,
    ConfirmReport,
    FileAnew,
    JoinDuplicate,
    PickCategory,
    ReportHere,
    SkipDescription,
    SkipPhoto,
    UsePhotoLocation,
    button,
    expired,
)
from handlers.common import (
    answer_query,
    button_filter,
    language_of,
    reply,
)
from handlers.drafts import draft_in, drop, keep, new_draft, report_began
from handlers.presses import StepButton
from handlers.report_finish import (
    ASSET,
    CATEGORY,
    CONFIRM,
    DESCRIPTION,
    DUPLICATE,
    ask_category,
    asset_chosen,
    category_chosen,
    confirm_chosen,
    description_given,
    draft_lost,
    duplicate_chosen,
    use_buttons,
)
from handlers.report_photos import keep_photo
from handlers.report_place import has_place, place_outside_report
from handlers.report_start import (
    LOCATION,
    PHOTO,
    rate_limited,
    start_from_menu,
    start_here,
)

PRIVATE = filters.ChatType.PRIVATE
IMAGE = filters.PHOTO | filters.Document.IMAGE


async def start_with_photo(update: Update, context: CityContext) -> str | int:
    """A photo (or an image sent as a file) starts a report."""
    message = update.effective_message
    if message is None or context.user_data is None or await rate_limited(update, context):
        return ConversationHandler.END
    keep(context, new_draft(message, language_of(update, context), message.caption or ""))
    if not await keep_photo(update, context, quiet=True):
        drop(context)
        return ConversationHandler.END
    await _ask_location(update, context)
    return LOCATION


async def photo_in_report(update: Update, context: CityContext) -> str | int | None:
    """Another photo during a report (the rest of an album, or a first one after /report)."""
    draft = draft_in(context)
    message = update.effective_message
    if message is None:
        return None
    if draft is None:  # the draft is gone (forgotten, cleared): this photo starts anew
        return await start_with_photo(update, context)
    first = not draft.photos
    kept = await keep_photo(update, context, quiet=first)
    if first and kept:
        return await _ask_place_unless_known(update, context)
    return None


async def skip_photo(update: Update, context: CityContext) -> str | int:
    """No photo: go on to the place."""
    if update.callback_query is not None:
        await answer_query(update.callback_query)
    if draft_in(context) is None:
        return await draft_lost(update, context)
    return await _ask_place_unless_known(update, context)


async def _ask_place_unless_known(update: Update, context: CityContext) -> str:
    """Ask where, unless the report began at a place (then on to the category)."""
    draft = draft_in(context)
    if draft is not None and has_place(draft):
        await ask_category(update, context)
        return CATEGORY
    await _ask_location(update, context)
    return LOCATION


async def _ask_location(update: Update, context: CityContext) -> None:
    draft = draft_in(context)
    assert draft is not None
    lang = language_of(update, context)
    keyboard = ReplyKeyboardMarkup(
        [[KeyboardButton(t("report.send_location", lang), request_location=True)]],
        resize_keyboard=True,
        one_time_keyboard=True,
    )
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, t("report.ask_location", lang), reply_markup=keyboard)
    if draft.photo_gps is not None:
        lat, lon = draft.photo_gps
        use = InlineKeyboardMarkup(
            [[button(t("report.use_photo_location", lang), UsePhotoLocation())]]
        )
        await context.bot.send_message(
            chat.id, t("report.photo_has_location", lang, lat=lat, lon=lon), reply_markup=use
        )


async def location_given(update: Update, context: CityContext) -> str | int | None:
    """A shared location, a venue, a typed address, or the photo's own GPS."""
    draft = draft_in(context)
    message = update.effective_message
    if draft is None:
        return await draft_lost(update, context)
    if update.callback_query is not None:
        if draft.photo_gps is None:  # not offered: the photo had no location
            await expired(update, context)
            return None
        await answer_query(update.callback_query)
        latitude, longitude = draft.photo_gps
        draft = draft.with_place(latitude=latitude, longitude=longitude)
    elif message is not None and message.venue is not None:
        venue = message.venue
        draft = draft.with_place(
            latitude=venue.location.latitude,
            longitude=venue.location.longitude,
            address=f"{venue.title} {venue.address}",
        )
    elif message is not None and message.location is not None:
        draft = draft.with_place(
            latitude=message.location.latitude, longitude=message.location.longitude
        )
    elif message is not None and message.text:
        draft = draft.with_place(address=message.text)
        geocoder = context.services.geocoder
        found = None
        if geocoder is not None and draft.address:
            found = await geocoder.locate(draft.address)
        if found is not None:
            draft = draft.with_place(latitude=found[0], longitude=found[1], address=draft.address)
    else:
        await reply(update, context, "report.bad_location")
        return None
    keep(context, draft)
    await ask_category(update, context)
    return CATEGORY


async def expect_photo(update: Update, context: CityContext) -> None:
    """Text where a photo is expected."""
    await reply(update, context, "report.expected_photo")


def handlers() -> list[Registration]:
    """The report conversation (persistent: a restart continues it)."""
    # The main menu's buttons keep their meaning at every step: never an address or a
    # description; "report" (as /report) begins a new report.
    menu = button_filter("menu.report", "menu.ask", "menu.my")
    text = filters.TEXT & ~filters.COMMAND & ~menu
    restart: list[Any] = [
        CommandHandler("report", start_from_menu, filters=PRIVATE),
        MessageHandler(PRIVATE & button_filter("menu.report"), start_from_menu),
    ]
    # Handlers return different state types; PTB's generics cannot express the mix.
    photo_anytime: Any = MessageHandler(PRIVATE & IMAGE, photo_in_report)
    buttons_only: Any = MessageHandler(PRIVATE & text, use_buttons)
    # After the summary, a photo is not taken into what the resident is confirming.
    after_summary: Any = MessageHandler(PRIVATE & (text | IMAGE), use_buttons)
    entry_points: list[Any] = [
        MessageHandler(PRIVATE & IMAGE, start_with_photo),
        StepButton(ReportHere.matches, start_here),
        *restart,
    ]
    states: dict[object, list[Any]] = {
        PHOTO: [
            photo_anytime,
            StepButton(SkipPhoto.matches, skip_photo, since=report_began),
            MessageHandler(PRIVATE & text, expect_photo),
        ],
        LOCATION: [
            photo_anytime,
            StepButton(UsePhotoLocation.matches, location_given, since=report_began),
            MessageHandler(PRIVATE & (filters.LOCATION | filters.VENUE | text), location_given),
        ],
        CATEGORY: [
            photo_anytime,
            StepButton(PickCategory.matches, category_chosen, since=report_began),
            buttons_only,
        ],
        DESCRIPTION: [
            photo_anytime,
            StepButton(SkipDescription.matches, description_given, since=report_began),
            MessageHandler(PRIVATE & text, description_given),
        ],
        ASSET: [
            StepButton(ConfirmAsset.matches, asset_chosen, since=report_began),
            after_summary,
        ],
        DUPLICATE: [
            StepButton(any_of(JoinDuplicate, FileAnew), duplicate_chosen, since=report_began),
            after_summary,
        ],
        CONFIRM: [
            StepButton(ConfirmReport.matches, confirm_chosen, since=report_began),
            after_summary,
        ],
    }
    conversation = ConversationHandler(
        entry_points=entry_points,
        states=states,
        fallbacks=[CommandHandler("cancel", end_conversation_quietly), *restart],
        name="report",
        persistent=True,
        per_chat=True,
        per_user=True,
    )
    # After the conversation: a place none of its steps took.
    places = MessageHandler(PRIVATE & (filters.LOCATION | filters.VENUE), place_outside_report)
    return [Registration(conversation), Registration(places)]
