"""The duplicate check of a report: open tickets of the same kind close by are offered to
join ("me too") — or, when one is the resident's own, to add the new photos and words to it.

The offer is recorded in the draft (server-side), and a press is checked against it: a
ticket number the resident was not offered joins nothing and reveals nothing.
"""

from __future__ import annotations

from dataclasses import replace

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from bot.context import CityContext
from bot.messages import t
from bot.messages.words import status_text
from handlers.buttons import FileAnew, JoinDuplicate, button
from handlers.common import (
    answer_query,
    edit_query_message,
    kick_outbox,
    language_of,
    store_error_text,
)
from handlers.drafts import draft_in, drop, keep
from handlers.replies import after_commit, owed_reply
from storage import Action, Actor, Role, StoreError
from storage.tickets.intake import find_duplicates
from storage.tickets.intake_draft import ReportDraft

MAX_OFFERED = 3
"""Tickets offered as buttons (more are listed, without one)."""


def _duplicate_item(number: str, distance: str, status: str, own: bool, lang: str) -> str:
    words = {"number": number, "distance": distance, "status": status_text(status, lang)}
    if own:
        return t("report.duplicate_item_own", lang, **words)
    return t("report.duplicate_item", lang, **words)


def _join_label(own: bool, number: str, lang: str) -> str:
    if own:
        return t("report.add_to_own", lang, number=number)
    return t("report.join", lang, number=number)


async def offer_duplicates(update: Update, context: CityContext) -> bool:
    """Offer the open tickets like this report, and record the offer; False if none."""
    draft = draft_in(context)
    chat = update.effective_chat
    assert draft is not None and chat is not None
    lang = language_of(update, context)
    async with context.services.store.unit_of_work(read_only=True) as uow:
        duplicates = await find_duplicates(uow, draft=draft)
    found = [  # number, distance, status, the resident's own
        (
            item.number,
            t("report.same_address", lang)
            if item.distance_m is None
            else t("report.distance_m", lang, meters=round(item.distance_m)),
            item.status,
            item.own,
        )
        for item in duplicates
    ]
    if not found:
        return False
    items = "\n".join(_duplicate_item(*item, lang) for item in found)
    offered = found[:MAX_OFFERED]
    keep(
        context,
        replace(
            draft,
            offered=tuple(number for number, _, _, _ in offered),
            own=tuple(number for number, _, _, own in offered if own),
        ),
    )
    rows = [
        [button(_join_label(own, number, lang), JoinDuplicate(number))]
        for number, _, _, own in offered
    ]
    rows.append([button(t("report.file_new", lang), FileAnew())])
    await context.bot.send_message(
        chat.id, t("report.duplicates", lang, items=items), reply_markup=InlineKeyboardMarkup(rows)
    )
    return True


def was_offered(draft: ReportDraft | None, choice: str) -> bool:
    """True if `choice` ("new" or a ticket number) was offered in this draft's duplicate check."""
    if draft is None or draft.offered is None:
        return False
    return choice == "new" or choice in draft.offered


async def join_offered(update: Update, context: CityContext, number: str) -> int | None:
    """Join the offered ticket `number`, or add to it if it is the resident's own."""
    query, user = update.callback_query, update.effective_user
    draft = draft_in(context)
    assert query is not None and user is not None and draft is not None
    lang = language_of(update, context)
    await answer_query(query)
    store = context.services.store
    actor = Actor(user.id, Role.RESIDENT)
    own = number in draft.own
    text = t("report.own_nothing_new", lang, number=number)
    try:
        if own:
            owed = await _add_to_own(update, context, draft, number, actor, lang)
        else:
            joined = owed_reply(update, "report.joined", lang)
            ticket, owed = await store.annotate(
                number, Action.JOIN, actor, language=lang, reply=joined
            )
            count = ticket.also_reported_count + 1
            text = t("report.joined", lang, number=ticket.number, count=count)
    except StoreError as error:  # e.g. closed since the offer: the resident may file anew
        text = store_error_text(error, lang, context.services.store.catalog)
        await edit_query_message(query, text)
        return None
    drop(context)
    if not owed:  # nothing changed (joined before, nothing new to add): say so here
        await edit_query_message(query, text)
        return ConversationHandler.END
    # Joined (or added): the outbox owes the resident the message saying so; the offer
    # here only shows the choice made, and may fail to.
    kick_outbox(context)
    label = _join_label(own, number, lang)
    await after_commit(edit_query_message(query, "✅ " + label))
    return ConversationHandler.END


async def _add_to_own(
    update: Update,
    context: CityContext,
    draft: ReportDraft,
    number: str,
    actor: Actor,
    lang: str,
) -> bool:
    """Add the draft's words and photos to the resident's own ticket; False if none."""
    note = (draft.description or "").strip()
    photos = list(draft.photos)
    if not note and not photos:
        return False
    added = owed_reply(update, "report.added_to_own", lang)
    await context.services.store.comment(number, actor, note=note, photos=photos, reply=added)
    return True
