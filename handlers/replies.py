"""Replies that report a committed change are owed, not sent: they go through the outbox.

A handler names the reply it owes (`owed_reply`) and hands it to the store call that makes
the change, so both are written in one transaction. Whatever the handler still sends after
the commit (answering the button, tidying a keyboard) goes through `after_commit`: a flood
or a network error there is logged, never raised, since raising would tell the user
"something went wrong" about a change that was made and whose reply is on its way.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable

from telegram import Update
from telegram.error import TelegramError

from storage.outbox import OwedReply

log = logging.getLogger(__name__)


def origin_of(update: Update) -> str:
    """What a reply answers: this button press, or this message (one reply each)."""
    if update.callback_query is not None:
        return f"cq:{update.callback_query.id}"
    message = update.effective_message
    if message is not None:
        return f"tg:{message.chat.id}:{message.message_id}"
    return f"update:{update.update_id}"


def owed_reply(
    update: Update,
    key: str,
    lang: str,
    *,
    chat_id: int | None = None,
    origin: str | None = None,
    **params: object,
) -> OwedReply:
    """The reply `key` owed in the update's chat (or `chat_id`), for the store to write."""
    if chat_id is None:
        chat = update.effective_chat
        assert chat is not None, "an owed reply needs a chat"
        chat_id = chat.id
    return OwedReply(
        chat_id=chat_id,
        language=lang,
        message_key=key,
        origin=origin or origin_of(update),
        params=dict(params),
    )


async def after_commit(action: Awaitable[object]) -> None:
    """Run a send that follows a committed change; a Telegram error is only logged."""
    try:
        await action
    except TelegramError as error:
        log.warning("after a committed change, a send failed (the reply is owed): %s", error)
