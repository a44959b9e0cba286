"""Buttons carry no authority.

Telegram lets any client send any callback data with a press on any message the bot sent
it, so callback data is only a claim. Every press is checked against what that user was
offered (a record kept server-side, in user_data) or may do (their standing in the store);
anything else gets the one "this button has expired" answer, which changes nothing and
reveals nothing — the same for a ticket that is not theirs as for one that does not exist.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from telegram import CallbackQuery, Message, Update

from bot.context import CityContext
from bot.messages import t
from handlers.common import answer_query, language_of
from storage.tickets.queries import Standing

OFFER = "offer"
"""The key, inside a flow's user_data record, of the message its buttons were offered on."""


async def expired(update: Update, context: CityContext) -> None:
    """Answer a press that matches nothing offered: the button has expired."""
    query = update.callback_query
    if query is not None:
        await answer_query(query, t("error.stale_button", language_of(update, context)))


def data_of(query: CallbackQuery, prefix: str) -> str:
    """The callback data after `prefix` (the handler's pattern guarantees the prefix)."""
    return (query.data or "").removeprefix(prefix)


def remember_offer(record: dict[str, Any], message: Message | None) -> None:
    """Record in `record` that its buttons were offered on `message` (and on no other)."""
    if message is not None:
        record[OFFER] = [message.chat.id, message.message_id]


def is_offered(record: object, query: CallbackQuery) -> bool:
    """True if `query` is a press on the very message `record`'s buttons were offered on."""
    message = query.message
    if not isinstance(record, dict) or message is None:
        return False
    return record.get(OFFER) == [message.chat.id, message.message_id]


def offer_buttons(context: CityContext, key: str, message: Message | None) -> None:
    """Record in user_data[`key`] that a flow's buttons were offered on `message`."""
    if context.user_data is not None and message is not None:
        record: dict[str, Any] = {}
        remember_offer(record, message)
        context.user_data[key] = record


def offered_here(context: CityContext, key: str, query: CallbackQuery) -> bool:
    """True if `query` is a press on the message user_data[`key`] records as offered."""
    return is_offered((context.user_data or {}).get(key), query)


async def standing_of(update: Update, context: CityContext, number: str) -> Standing | None:
    """The pressing user's standing on ticket `number` (reporter or follower), or None."""
    user = update.effective_user
    if user is None or not number:
        return None
    return await context.services.store.standing(number, user.id)


async def reporter_press(
    update: Update, context: CityContext, number: str, statuses: Collection[str]
) -> Standing | None:
    """The standing of the presser on ticket `number` if they filed it and it is in one of
    `statuses`; else the press is answered — a follower that only the reporter may, anyone
    else that the button has expired — and None."""
    standing = await standing_of(update, context, number)
    query = update.callback_query
    if standing is not None and not standing.reporter and query is not None:
        await answer_query(query, t("rate.reporter_only", language_of(update, context)))
        return None
    if standing is None or standing.status not in statuses:
        await expired(update, context)
        return None
    return standing
