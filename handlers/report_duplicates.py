"""The duplicate check of a report: open tickets of the same kind close by are offered to
join ("me too") — or, when one is the resident's own, to add the new photos and words to it.

The offer is recorded in the draft (server-side), and a press is checked against it: a
ticket number the resident was not offered joins nothing and reveals nothing. Whose the
ticket is, the store says at the press.
"""

from __future__ import annotations

from dataclasses import replace

from telegram import InlineKeyboardMarkup, Update

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
from storage import Actor, Role, StoreError, UnitOfWork
from storage.tickets import ReportDraft, lookups, remarks
from storage.tickets.intake import find_duplicates

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
    keep(context, replace(draft, offered=tuple(number for number, _, _, _ in offered)))
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


async def join_offered(update: Update, context: CityContext, number: str) -> bool:
    """Join the offered ticket `number`, or add to it if it is the resident's own (whatever
    the offer called it: the store says whose it is now); True when that ends the report.
    False: the ticket can no longer be joined (said so), and the report goes on anew."""
    query, user = update.callback_query, update.effective_user
    draft = draft_in(context)
    assert query is not None and user is not None and draft is not None
    lang = language_of(update, context)
    await answer_query(query)
    resident = Actor(user.id, Role.RESIDENT)
    try:
        async with context.services.store.unit_of_work() as uow:
            standing = await lookups.find_standing(uow, number=number, user_id=user.id)
            own = standing is not None and standing.reporter
            if own:
                owed = await _add_to_own(uow, update, draft, number, resident, lang)
                text = t("report.own_nothing_new", lang, number=number)
            else:
                joined = owed_reply(update, "report.joined", lang)
                ticket, owed = await remarks.join(
                    uow,
                    number=number,
                    by=resident,
                    language=lang,
                    note=draft.ticket_description,
                    photos=list(draft.photos),
                    reply=joined,
                )
                count = ticket.also_reported_count + 1
                text = t("report.joined", lang, number=ticket.number, count=count)
    except StoreError as error:  # e.g. closed since the offer
        catalog = context.services.store.catalog
        await edit_query_message(query, store_error_text(error, lang, catalog))
        return False
    drop(context)
    if not owed:  # nothing changed (joined before, nothing new to add): say so here
        await edit_query_message(query, text)
        return True
    # Joined (or added): the outbox owes the resident the message saying so; the offer
    # here only shows the choice made, and may fail to.
    kick_outbox(context)
    label = _join_label(own, number, lang)
    await after_commit(edit_query_message(query, "✅ " + label))
    return True


async def _add_to_own(
    uow: UnitOfWork, update: Update, draft: ReportDraft, number: str, actor: Actor, lang: str
) -> bool:
    """Add the draft's words and photos to the resident's own ticket; False if none."""
    note = (draft.description or "").strip()
    photos = list(draft.photos)
    if not note and not photos:
        return False
    added = owed_reply(update, "report.added_to_own", lang)
    await remarks.comment(uow, number=number, by=actor, note=note, photos=photos, reply=added)
    return True
