"""The duplicate check of a report: open tickets of the same kind close by are offered to
join ("me too") — or, when one is the resident's own, to add the new photos and words to it.

The offer is recorded in the draft (server-side), and a press is checked against it: a
ticket number the resident was not offered joins nothing and reveals nothing.
"""

from __future__ import annotations

from typing import Any

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
from handlers.drafts import image_from_json
from handlers.replies import after_commit, owed_reply
from storage import Action, Actor, Role, StoreError

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


def _draft(context: CityContext) -> dict[str, Any] | None:
    return (context.user_data or {}).get("report")


async def offer_duplicates(update: Update, context: CityContext) -> bool:
    """Offer the open tickets like this report, and record the offer; False if none."""
    draft = _draft(context)
    user, chat = update.effective_user, update.effective_chat
    assert draft is not None and user is not None and chat is not None
    store = context.services.store
    lang = language_of(update, context)
    found: list[tuple[str, str, str, bool]] = []  # number, distance, status, the resident's own
    if draft.get("latitude") is not None:
        for item in await store.nearby(draft["category"], draft["latitude"], draft["longitude"]):
            distance = t("report.distance_m", lang, meters=round(item.distance_m))
            own = item.ticket.reporter_id == user.id
            found.append((item.ticket.number, distance, item.ticket.status, own))
    elif draft.get("address"):
        for ticket, _ in await store.similar_address(draft["category"], draft["address"]):
            own = ticket.reporter_id == user.id
            found.append((ticket.number, t("report.same_address", lang), ticket.status, own))
    if not found:
        return False
    items = "\n".join(_duplicate_item(*item, lang) for item in found)
    offered = found[:MAX_OFFERED]
    draft["offered"] = [number for number, _, _, _ in offered]
    draft["own"] = [number for number, _, _, own in offered if own]
    rows = [
        [button(_join_label(own, number, lang), JoinDuplicate(number))]
        for number, _, _, own in offered
    ]
    rows.append([button(t("report.file_new", lang), FileAnew())])
    await context.bot.send_message(
        chat.id, t("report.duplicates", lang, items=items), reply_markup=InlineKeyboardMarkup(rows)
    )
    return True


def was_offered(draft: dict[str, Any] | None, choice: str) -> bool:
    """True if `choice` ("new" or a ticket number) was offered in this draft's duplicate check."""
    if draft is None or "offered" not in draft:
        return False
    return choice == "new" or choice in draft["offered"]


async def join_offered(update: Update, context: CityContext, number: str) -> int | None:
    """Join the offered ticket `number`, or add to it if it is the resident's own."""
    query, user = update.callback_query, update.effective_user
    draft = _draft(context)
    assert query is not None and user is not None and draft is not None
    lang = language_of(update, context)
    await answer_query(query)
    store = context.services.store
    actor = Actor(user.id, Role.RESIDENT)
    own = number in draft.get("own", [])
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
    (context.user_data or {}).pop("report", None)
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
    draft: dict[str, Any],
    number: str,
    actor: Actor,
    lang: str,
) -> bool:
    """Add the draft's words and photos to the resident's own ticket; False if none."""
    note = (draft.get("description") or "").strip()
    photos = [image_from_json(p) for p in draft["photos"]]
    if not note and not photos:
        return False
    added = owed_reply(update, "report.added_to_own", lang)
    await context.services.store.comment(number, actor, note=note, photos=photos, reply=added)
    return True
