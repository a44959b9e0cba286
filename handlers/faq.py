"""/faq add|list|show ID|edit ID|delete ID: staff keep the FAQ from chat.

Residents get one clear line saying the command is for staff. Every change is logged by the
store (who, when, before/after) and loaded into the index at once; the save-as-FAQ offer
after a /reply and the draft's buttons are in faq_draft.
"""

from __future__ import annotations

import math
from typing import Final

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.callback_data import any_of
from bot.context import CityContext
from bot.messages import t
from bot.wiring import Registration
from handlers import faq_draft
from handlers.buttons import expired, offer_buttons, offered_here
from handlers.common import answer_query, edit_query_message, language_of
from handlers.faq_buttons import FaqDelete, FaqDraftStep, FaqPage
from handlers.faq_common import live_faq, refresh_index, saved_text
from handlers.replies import after_commit, owed_reply
from handlers.staff_common import kick_outbox, local_time, send, staff_actor, staff_press
from storage.faq import (
    FaqEntryNotFound,
    FaqFields,
    delete_entry,
    get_entry,
    list_changes,
    list_entries,
)
from storage.outbox.service import owe_reply

PAGE_SIZE: Final = 10
DELETE_OFFER: Final = "faq_delete"
"""user_data: the entry whose deletion was offered, and on which message (/cancel drops it)."""


async def faq_command(update: Update, context: CityContext) -> None:
    """/faq add|list [PAGE]|show ID|edit ID|delete ID (staff only)."""
    lang = language_of(update, context)
    actor = await staff_actor(update, context)
    if actor is None:
        await send(update, t("faq.staff_only", lang))
        return
    args = list(context.args or [])
    verb = args[0].lower() if args else ""
    try:
        if verb == "add" and len(args) == 1:
            await faq_draft.show_draft(update, context, faq_draft.new_draft())
        elif verb == "list" and len(args) <= 2:
            page = int(args[1]) if len(args) == 2 and args[1].isdigit() else 1
            text, markup = await _page(context, page, lang)
            await send(update, text, reply_markup=markup)
        elif verb in ("show", "edit", "delete") and len(args) == 2:
            await _one(update, context, verb, args[1], lang)
        else:
            await send(update, t("faq.usage", lang))
    except FaqEntryNotFound as error:
        await send(update, saved_text(error, lang))


async def _one(update: Update, context: CityContext, verb: str, entry_id: str, lang: str) -> None:
    async with context.services.store.unit_of_work(read_only=True) as uow:
        entry = await get_entry(uow, entry_id=entry_id, shipped=live_faq(context).shipped)
        changes = await list_changes(uow, entry_id=entry_id, limit=1)
    if verb == "edit":
        await faq_draft.show_draft(update, context, faq_draft.new_draft(entry))
        return
    if verb == "show":
        text = _shown(entry, lang)
        if changes:
            when = local_time(changes[0].at, context.services.store, lang)
            text += "\n" + t("faq.show.changed", lang, when=when, by=changes[0].by or "CLI")
        await send(update, text)
        return
    button = InlineKeyboardButton(t("faq.btn.delete", lang), callback_data=FaqDelete().encode())
    message = update.effective_message
    assert message is not None
    sent = await message.reply_text(
        t("faq.delete.confirm", lang, entry_id=entry.id, question=entry.question),
        reply_markup=InlineKeyboardMarkup([[button]]),
    )
    offer_buttons(context, DELETE_OFFER, sent)
    if context.user_data is not None:
        context.user_data[DELETE_OFFER]["entry_id"] = entry.id


def _shown(entry: FaqFields, lang: str) -> str:
    source = t("faq.source.staff", lang) if entry.source == "staff" else entry.source
    return t(
        "faq.show",
        lang,
        entry_id=entry.id,
        question=entry.question,
        similar=len(entry.similar),
        answer_zh=entry.answer_zh,
        answer_en=entry.answer_en or t("faq.none", lang),
        source=source,
    )


async def _page(
    context: CityContext, page: int, lang: str
) -> tuple[str, InlineKeyboardMarkup | None]:
    async with context.services.store.unit_of_work(read_only=True) as uow:
        entries = await list_entries(uow, shipped=live_faq(context).shipped)
    pages = max(1, math.ceil(len(entries) / PAGE_SIZE))
    page = min(max(page, 1), pages)
    shown = entries[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    lines = [t("faq.list.header", lang, page=page, pages=pages, count=len(entries))]
    lines += [t("faq.list.line", lang, entry_id=e.id, question=e.question) for e in shown]
    buttons = []
    if page > 1:
        buttons.append(
            InlineKeyboardButton(t("faq.btn.prev", lang), callback_data=FaqPage(page - 1).encode())
        )
    if page < pages:
        buttons.append(
            InlineKeyboardButton(t("faq.btn.next", lang), callback_data=FaqPage(page + 1).encode())
        )
    return "\n".join(lines), InlineKeyboardMarkup([buttons]) if buttons else None


async def faq_press(update: Update, context: CityContext) -> None:
    """A list page turned, or a deletion confirmed."""
    pressed = await staff_press(update, context)
    if pressed is None:
        return
    query, actor, lang = pressed
    page = FaqPage.decode(query.data)
    if page is not None:
        text, markup = await _page(context, page.page, lang)
        await answer_query(query)
        await edit_query_message(query, text, reply_markup=markup)
        return
    if FaqDelete.decode(query.data) is None or not offered_here(context, DELETE_OFFER, query):
        await expired(update, context)
        return
    assert context.user_data is not None
    entry_id = context.user_data.pop(DELETE_OFFER)["entry_id"]
    reply = owed_reply(update, "faq.deleted", lang)
    try:
        async with context.services.store.unit_of_work() as uow:
            await delete_entry(
                uow,
                entry_id=entry_id,
                by=actor.user_id,
                shipped=live_faq(context).shipped,
            )
            # The confirmation is owed with the change: the outbox delivers it.
            owe_reply(uow, reply=reply, params={"entry_id": entry_id})
    except FaqEntryNotFound as error:  # deleted meanwhile (by someone else)
        await answer_query(query)
        await edit_query_message(query, saved_text(error, lang))
        return
    await refresh_index(context)
    kick_outbox(context)
    await after_commit(answer_query(query))
    await after_commit(query.edit_message_reply_markup(reply_markup=None))


def handlers() -> list[Registration]:
    """/faq, its buttons, and the draft's typed fields (before the emergency check)."""
    return [
        Registration(CommandHandler("faq", faq_command)),
        Registration(CallbackQueryHandler(faq_press, pattern=any_of(FaqPage, FaqDelete))),
        Registration(CallbackQueryHandler(faq_draft.draft_press, pattern=FaqDraftStep.matches)),
        Registration(
            MessageHandler(filters.TEXT & ~filters.COMMAND, faq_draft.draft_input),
            group=faq_draft.DRAFT_GROUP,
        ),
    ]
