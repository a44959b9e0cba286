"""The second half of a report: category, description, the 部件 check, the duplicate check,
confirmation."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram.ext import ConversationHandler

from bot import fit
from bot.context import CityContext
from bot.messages import in_script, t
from handlers.buttons import (
    ConfirmReport,
    FileAnew,
    JoinDuplicate,
    PickCategory,
    SkipDescription,
    button,
    expired,
    pressed,
)
from handlers.common import (
    answer_query,
    edit_query_message,
    kick_outbox,
    language_of,
    reply,
)
from handlers.drafts import draft_in, drop, keep
from handlers.replies import after_commit, owed_reply
from handlers.report_asset import asset_line, offer_asset, take_asset_answer
from handlers.report_duplicates import join_offered, offer_duplicates, was_offered
from storage.tickets import MAX_DESCRIPTION
from storage.tickets.intake import file_report, suggest_category

CATEGORY, DESCRIPTION, DUPLICATE, CONFIRM = "category", "description", "duplicate", "confirm"
ASSET = "asset"


async def _send(update: Update, context: CityContext, text: str, markup: Any = None) -> None:
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_message(chat.id, text, reply_markup=markup)


async def ask_category(update: Update, context: CityContext) -> None:
    """Suggest a category from the words, with the reason, and offer the others."""
    draft = draft_in(context)
    assert draft is not None
    lang = language_of(update, context)
    catalog = context.services.store.catalog
    suggestion = await suggest_category(draft, triage=context.services.triage)
    keep(context, replace(draft, suggested=suggestion.category if suggestion else None))
    rows: list[list[InlineKeyboardButton]] = []
    if suggestion is not None:
        full_name = catalog.get(suggestion.category).name(lang)
        name = fit.shorten(full_name, fit.NAME)  # a button's room; the sentence has the whole
        word = fit.shorten(suggestion.evidence, fit.LABEL)
        reason = (
            t("report.reason_keyword", lang, category=full_name, word=word)
            if suggestion.reason == "keyword"
            else t("report.reason_document", lang, category=full_name, word=word)
        )
        rows.append(
            [button(t("report.suggested", lang, category=name), PickCategory(suggestion.category))]
        )
    else:
        reason = t("report.reason_none", lang)
    others = [
        c
        for c in catalog.categories.values()
        if c.code != catalog.question_category
        and not (suggestion is not None and c.code == suggestion.category)
    ]
    for start in range(0, len(others), 2):
        pair = others[start : start + 2]
        rows.append([button(in_script(c.name(lang), lang), PickCategory(c.code)) for c in pair])
    await _send(
        update, context, t("report.ask_category", lang, reason=reason), ReplyKeyboardRemove()
    )
    await _send(update, context, "👇", InlineKeyboardMarkup(rows))


async def category_chosen(update: Update, context: CityContext) -> str | int | None:
    """Keep the chosen category; ask for a description unless the caption gave one."""
    query = update.callback_query
    draft = draft_in(context)
    assert query is not None
    press = pressed(update, PickCategory)
    code = press.category if press is not None else ""
    lang = language_of(update, context)
    if draft is None:
        await answer_query(query, t("error.stale_button", lang))
        return await draft_lost(update, context)
    catalog = context.services.store.catalog
    if code not in catalog.categories or code == catalog.question_category:
        await answer_query(query, t("error.stale_button", lang))
        return None
    await answer_query(query)
    draft = replace(draft, category=code)
    keep(context, draft)
    name = context.services.store.catalog.get(code).name(lang)
    await edit_query_message(query, "✅ " + in_script(name, lang))
    if draft.caption:  # the caption is the description: not asked twice
        keep(context, replace(draft, description=draft.caption))
        return await _check_duplicates(update, context)
    skip = InlineKeyboardMarkup([[button(t("report.skip_photo", lang), SkipDescription())]])
    await _send(update, context, t("report.ask_description", lang), skip)
    return DESCRIPTION


async def description_given(update: Update, context: CityContext) -> str | int | None:
    """A description, or skip."""
    draft = draft_in(context)
    if draft is None:
        if update.callback_query is not None:
            await answer_query(update.callback_query)
        return await draft_lost(update, context)
    text = ""
    if update.callback_query is not None:
        await answer_query(update.callback_query)
    else:
        text = (update.effective_message.text or "").strip() if update.effective_message else ""
        if len(text) > MAX_DESCRIPTION:
            await reply(update, context, "report.description_too_long", limit=MAX_DESCRIPTION)
            return None
    keep(context, replace(draft, description=text))
    return await _check_duplicates(update, context)


async def _check_duplicates(update: Update, context: CityContext) -> str:
    """The 部件 check first ("是这个井盖吗？"), then the duplicate check."""
    if await offer_asset(update, context):
        return ASSET
    return await _offer_duplicates(update, context)


async def asset_chosen(update: Update, context: CityContext) -> str | int | None:
    """Yes, it is that asset (the ticket carries its code), or no; then the duplicates."""
    answer = await take_asset_answer(update, context)
    if answer == "lost":
        return await draft_lost(update, context)
    if answer == "stale":
        return None
    return await _offer_duplicates(update, context)


async def _offer_duplicates(update: Update, context: CityContext) -> str:
    if await offer_duplicates(update, context):
        return DUPLICATE
    await _show_summary(update, context)
    return CONFIRM


async def duplicate_chosen(update: Update, context: CityContext) -> str | int | None:
    """Join an offered ticket ("me too"), add to the resident's own, or file anew."""
    query = update.callback_query
    assert query is not None
    join = pressed(update, JoinDuplicate)
    choice = join.number if join is not None else "new" if pressed(update, FileAnew) else ""
    draft = draft_in(context)
    if draft is None:
        await expired(update, context)
        return await draft_lost(update, context)
    if not was_offered(draft, choice):
        await expired(update, context)  # not offered to this resident: changes nothing
        return None
    if choice == "new":
        await answer_query(query)
    elif await join_offered(update, context, choice):
        return ConversationHandler.END
    await _show_summary(update, context)
    return CONFIRM


async def _show_summary(update: Update, context: CityContext) -> None:
    draft = draft_in(context)
    assert draft is not None and draft.category is not None
    lang = language_of(update, context)
    store = context.services.store
    category = store.catalog.get(draft.category).name(lang)
    place = draft.address or (
        f"{draft.latitude:.5f}, {draft.longitude:.5f}"
        if draft.latitude is not None and draft.longitude is not None
        else "-"
    )
    # With a photo the summary is its caption (1,024 characters): a long description or
    # address is shortened there; the ticket keeps them whole.
    words = {
        "place": fit.shorten(place, fit.PLACE),
        "description": draft.description or t("report.no_description", lang),
    }
    text = fit.fit_fields(
        lambda fields: (
            t(
                "report.summary",
                lang,
                category=fit.shorten(category, fit.NAME),
                photos=len(draft.photos),
                **fields,
            )
            + asset_line(draft, lang)
        ),
        words,
        fit.CAPTION if draft.photos else fit.TEXT,
    )
    buttons = InlineKeyboardMarkup(
        [
            [
                button(t("report.confirm", lang), ConfirmReport("ok")),
                button(t("report.cancel", lang), ConfirmReport("no")),
            ]
        ]
    )
    chat = update.effective_chat
    assert chat is not None
    if draft.photos:
        photo = store.photos.path_of(draft.photos[0].path).read_bytes()
        await context.bot.send_photo(chat.id, photo, caption=text, reply_markup=buttons)
    else:
        await context.bot.send_message(chat.id, text, reply_markup=buttons)


async def confirm_chosen(update: Update, context: CityContext) -> str | int | None:
    """File the ticket (idempotent on the first message), or cancel."""
    query = update.callback_query
    draft = draft_in(context)
    assert query is not None
    lang = language_of(update, context)
    if draft is None:
        await answer_query(query, t("error.stale_button", lang))
        return ConversationHandler.END
    if pressed(update, ConfirmReport) != ConfirmReport("ok"):
        await answer_query(query)
        return await cancel_report(update, context)
    # The number is owed with the filing (one per report, however often this is redone)
    # and the outbox delivers it through any flood: nothing after the commit may fail.
    number = owed_reply(update, "report.filed", lang, origin=draft.reply_origin)
    async with context.services.store.unit_of_work() as uow:
        await file_report(uow, draft=draft, suggest=context.services.triage, reply=number)
    drop(context)
    kick_outbox(context)
    await after_commit(answer_query(query))
    return ConversationHandler.END


async def cancel_report(update: Update, context: CityContext) -> int:
    """Leave the report cleanly; nothing is filed."""
    drop(context)
    await _send(
        update, context, t("cancel.done", language_of(update, context)), ReplyKeyboardRemove()
    )
    return ConversationHandler.END


async def draft_lost(update: Update, context: CityContext) -> int:
    """The report's draft is gone (cleared elsewhere): say so and leave the conversation."""
    await _send(update, context, t("report.draft_lost", language_of(update, context)))
    return ConversationHandler.END


async def use_buttons(update: Update, context: CityContext) -> None:
    """Text where a button is expected."""
    await reply(update, context, "report.use_buttons")
