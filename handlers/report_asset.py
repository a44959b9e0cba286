"""The report's 部件 check: a report about a kind of asset (a manhole cover, a street light)
near a registered one asks "是这个井盖吗？", and the ticket carries the asset's code if it is.

Which asset was offered is recorded in the draft (server-side); the buttons say only yes or
no, so a press can name no other asset, and one with no offer standing changes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from telegram import InlineKeyboardMarkup, Update

from bot import fit
from bot.context import CityContext
from bot.messages import in_script, t
from handlers.buttons import ConfirmAsset, button, pressed
from handlers.common import answer_query, edit_query_message, language_of
from handlers.drafts import draft_in, keep
from storage.assets import load_asset_classes
from storage.assets.service import match_report
from storage.tickets import ReportDraft

Answer = Literal["lost", "stale", "taken"]


def asset_class_name(class_code: str, lang: str) -> str:
    """A class of 部件 by its name in `lang` (井盖, manhole cover), or its code."""
    found = load_asset_classes().get(class_code)
    return in_script(found.name(lang), lang) if found is not None else class_code


def asset_line(draft: ReportDraft, lang: str) -> str:
    """The summary's line about the asset the resident confirmed ("" if none)."""
    if draft.asset_code is None or draft.asset_class is None:
        return ""
    name = asset_class_name(draft.asset_class, lang)
    return "\n" + t("report.summary_asset", lang, asset=name, code=draft.asset_code)


async def offer_asset(update: Update, context: CityContext) -> bool:
    """Ask whether the registered asset nearby is the one reported; False if no asset of
    the report's kind is near (the draft still notes the kind: a 部件 case, not an 事件)."""
    draft = draft_in(context)
    chat = update.effective_chat
    assert draft is not None and chat is not None
    draft = replace(draft, asset_class=None, asset_offered=None, asset_code=None)
    match = None
    if draft.kind == "report" and draft.category is not None:
        async with context.services.store.unit_of_work(read_only=True) as uow:
            match = await match_report(
                uow,
                category=draft.category,
                words=draft.words,
                latitude=draft.latitude,
                longitude=draft.longitude,
            )
    if match is None or match.nearest is None:
        keep(context, replace(draft, asset_class=match.asset_class if match else None))
        return False
    asset = match.nearest.asset
    keep(context, replace(draft, asset_class=match.asset_class, asset_offered=asset.code))
    lang = language_of(update, context)
    text = t(
        "report.asset_offer",
        lang,
        asset=asset_class_name(match.asset_class, lang),
        name=fit.shorten(asset.name or "-", fit.NAME),
        code=asset.code,
        meters=round(match.nearest.distance_m),
    )
    buttons = InlineKeyboardMarkup(
        [
            [
                button(t("report.asset_yes", lang), ConfirmAsset("yes")),
                button(t("report.asset_no", lang), ConfirmAsset("no")),
            ]
        ]
    )
    await context.bot.send_message(chat.id, text, reply_markup=buttons)
    return True


async def take_asset_answer(update: Update, context: CityContext) -> Answer:
    """Keep the resident's yes (the ticket carries the code) or no (it carries none);
    "stale" for a press with no offer standing, "lost" when the draft is gone."""
    query = update.callback_query
    assert query is not None
    lang = language_of(update, context)
    draft = draft_in(context)
    if draft is None:
        await answer_query(query, t("error.stale_button", lang))
        return "lost"
    press = pressed(update, ConfirmAsset)
    offered = draft.asset_offered
    if press is None or offered is None or draft.asset_class is None:
        await answer_query(query, t("error.stale_button", lang))
        return "stale"
    await answer_query(query)
    name = asset_class_name(draft.asset_class, lang)
    if press.choice == "yes":
        keep(context, replace(draft, asset_offered=None, asset_code=offered))
        done = t("report.asset_taken", lang, asset=name, code=offered)
    else:
        keep(context, replace(draft, asset_offered=None, asset_code=None))
        done = t("report.asset_declined", lang, asset=name)
    await edit_query_message(query, done)
    return "taken"
