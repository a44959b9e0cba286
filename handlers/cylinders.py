"""液化石油气钢瓶二维码溯源: a resident photographs a cylinder's QR label (after /cylinder or
the menu button) and is told whether the registry knows it, from a licensed supplier and
within its inspection date; an unknown, overdue, scrapped or unlicensed one is offered as a
燃气安全 report with its code and photo, filed by the one intake service.

The photo after /cylinder is taken in SCAN_GROUP, before the report conversation of group 0,
so it never starts a photo report; a photo sent without /cylinder is a report's as ever.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import replace

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.context import CityContext
from bot.messages import t, t_
from bot.wiring import Registration
from handlers.buttons import button, expired, is_offered, remember_offer
from handlers.common import (
    PhotoTooLarge,
    PhotoUnavailable,
    answer_query,
    button_filter,
    download_image,
    kick_outbox,
    language_of,
    reply,
)
from handlers.cylinders_buttons import ReportCylinder
from handlers.drafts import new_draft
from handlers.replies import after_commit, owed_reply
from storage import InvalidImage, StoredImage
from storage.cylinders import CylinderCheck, check_cylinder, cylinder_code, read_codes
from storage.tickets import ReportDraft
from storage.tickets.intake import file_report

SCAN = "cylinder_scan"
"""user_data: set while /cylinder waits for the photo of a label."""
OFFER = "cylinder_offer"
"""user_data: the cylinder offered as a report: its code, problems, photo and message."""
SCAN_GROUP = -4
"""After a resolver's after-photo (-5), before the report conversation (group 0)."""
PRIVATE = filters.ChatType.PRIVATE
IMAGE = filters.PHOTO | filters.Document.IMAGE

FINDINGS = {
    "unknown": t_("cylinder.finding.unknown"),
    "scrapped": t_("cylinder.finding.scrapped"),
    "overdue": t_("cylinder.finding.overdue"),
    "unlicensed": t_("cylinder.finding.unlicensed"),
}
"""What the resident is told of each problem (the registry's dates as parameters)."""
SHORT = {
    "unknown": t_("cylinder.short.unknown"),
    "scrapped": t_("cylinder.short.scrapped"),
    "overdue": t_("cylinder.short.overdue"),
    "unlicensed": t_("cylinder.short.unlicensed"),
}
"""Each problem in a word, for the ticket staff read."""


async def ask_for_label(update: Update, context: CityContext) -> None:
    """/cylinder or the menu button: ask for the photo of the QR label."""
    if context.user_data is None:
        return
    context.user_data[SCAN] = True
    await reply(update, context, "cylinder.ask_photo")


async def label_photo(update: Update, context: CityContext) -> None:
    """The photo /cylinder asked for: read its code, check it, say what the registry says."""
    message = update.effective_message
    if message is None or context.user_data is None or not context.user_data.get(SCAN):
        return  # no /cylinder: the photo is a report's
    lang = language_of(update, context)
    try:
        data = await download_image(message, context)
        image = await asyncio.to_thread(context.services.store.photos.put, data)
    except (PhotoTooLarge, PhotoUnavailable, InvalidImage):
        await reply(update, context, "cylinder.photo_unusable")
        raise ApplicationHandlerStop from None
    codes = await asyncio.to_thread(read_codes, data)
    if not codes:
        await reply(update, context, "cylinder.unreadable")  # still waiting: try again
        raise ApplicationHandlerStop
    del context.user_data[SCAN]
    async with context.services.store.unit_of_work(read_only=True) as uow:
        found = await check_cylinder(uow, code=cylinder_code(codes[0]))
    await _tell(message, context, found, image, lang)
    raise ApplicationHandlerStop


async def _tell(
    message: Message, context: CityContext, found: CylinderCheck, image: StoredImage, lang: str
) -> None:
    assert context.user_data is not None
    if found.safe:
        await message.reply_text(t("cylinder.ok", lang, **_details(found, lang)))
        return
    details = _details(found, lang)
    findings = "\n".join(t(FINDINGS[problem], lang, **details) for problem in found.problems)
    markup = InlineKeyboardMarkup([[button(t("cylinder.report", lang), ReportCylinder())]])
    sent = await message.reply_text(
        t("cylinder.problems", lang, code=found.code, findings=findings), reply_markup=markup
    )
    record = {"draft": _draft(message, context, found, image, lang).to_json()}
    remember_offer(record, sent)
    context.user_data[OFFER] = record


def _details(found: CylinderCheck, lang: str) -> dict[str, object]:
    unknown = t("cylinder.not_recorded", lang)
    return {
        "code": found.code,
        "supplier": found.supplier or unknown,
        "licence": found.licence_number or unknown,
        "station": found.filling_station or unknown,
        "due": found.next_inspection_due.isoformat() if found.next_inspection_due else unknown,
        "scrapped": found.scrap_date.isoformat() if found.scrap_date else unknown,
    }


async def report_cylinder(update: Update, context: CityContext) -> None:
    """The button under a cylinder's problems: file it as a 燃气安全 ticket, once."""
    query = update.callback_query
    assert query is not None
    record = (context.user_data or {}).get(OFFER)
    draft = _offered_draft(record)
    if context.user_data is None or draft is None or not is_offered(record, query):
        await expired(update, context)
        return
    del context.user_data[OFFER]
    lang = language_of(update, context)
    filed = owed_reply(update, "cylinder.filed", lang, origin=draft.reply_origin)
    async with context.services.store.unit_of_work() as uow:
        await file_report(uow, draft=draft, suggest=context.services.triage, reply=filed)
    kick_outbox(context)
    await after_commit(answer_query(query))
    with contextlib.suppress(BadRequest):
        await after_commit(query.edit_message_reply_markup(reply_markup=None))


def _draft(
    message: Message, context: CityContext, found: CylinderCheck, image: StoredImage, lang: str
) -> ReportDraft:
    """The 燃气安全 report the button files: the code, what is wrong, the label's photo."""
    staff = context.services.store.settings.staff_language
    details = _details(found, staff)
    words = "; ".join(t(SHORT[problem], staff, **details) for problem in found.problems)
    draft = new_draft(message, lang, t("cylinder.ticket", staff, code=found.code, findings=words))
    # Keyed on the label's photo: one ticket however often the button is pressed.
    return replace(
        draft,
        intake_key=f"cy:{message.chat.id}:{message.message_id}",
        photos=(image,),
        category=context.services.store.catalog.emergency_category,
    )


def _offered_draft(record: object) -> ReportDraft | None:
    """The draft kept with the offer, or None (never offered, or garbled)."""
    data = record.get("draft") if isinstance(record, dict) else None
    if not isinstance(data, dict):
        return None
    try:
        return ReportDraft.from_json(data)
    except (KeyError, TypeError, ValueError):
        return None


async def text_while_waiting(update: Update, context: CityContext) -> None:
    """Words where the label's photo is expected: ask for the photo again."""
    if context.user_data is None or not context.user_data.get(SCAN):
        return
    await reply(update, context, "cylinder.expected_photo")
    raise ApplicationHandlerStop


async def leave_scan(update: Update, context: CityContext) -> None:
    """A command or a menu button: the scan is left and the message goes on to its feature."""
    if context.user_data is not None:
        context.user_data.pop(SCAN, None)


def handlers() -> list[Registration]:
    """/cylinder and its menu button; the photo (and other words) while it waits."""
    menu = button_filter("menu.cylinder")
    command_or_menu = filters.COMMAND | button_filter(
        "menu.report",
        "menu.ask",
        "menu.my",
        "menu.help",
        "menu.language",
        "menu.privacy",
        "menu.inspection",
    )
    words = filters.TEXT & ~command_or_menu & ~menu
    return [
        Registration(MessageHandler(PRIVATE & IMAGE, label_photo), group=SCAN_GROUP),
        Registration(MessageHandler(PRIVATE & words, text_while_waiting), group=SCAN_GROUP),
        Registration(MessageHandler(PRIVATE & command_or_menu, leave_scan), group=SCAN_GROUP),
        Registration(CommandHandler("cylinder", ask_for_label, filters=PRIVATE)),
        Registration(MessageHandler(PRIVATE & menu, ask_for_label)),
        Registration(CallbackQueryHandler(report_cylinder, pattern=ReportCylinder.matches)),
    ]
