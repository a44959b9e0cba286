"""Malformed updates stop at the door: checked once, before PTB or any handler sees them.

PTB turns any JSON object with the right keys into an Update without checking types, so
a body that says `"chat": {"id": []}` or `"text": 5` reaches the bot as such. The checks
here are the shape Telegram guarantees and the handlers rely on (ids are integers, a
user's message has a chat and a sender, text is a string, a button press has data and a
presser...). They run in the update queue, not in a handler of the first group, because
PTB itself uses the chat and user ids before any handler runs (the per-chat lock, the
context's user_data, the persistence marks). A malformed update is replaced by an empty
one with the same id, so the ledger still marks it done, and logged once by field name:
no value of it is written down (residents' messages are private).
"""

from __future__ import annotations

import datetime as dtm
import logging

from telegram import (
    CallbackQuery,
    Chat,
    ChatMemberUpdated,
    InaccessibleMessage,
    Message,
    PollAnswer,
    Update,
)

from bot.runtime import update_fields as fields
from bot.runtime.receipts import DurableUpdateQueue

log = logging.getLogger(__name__)


def _content(message: Message, path: str) -> None:
    fields.string(message.text, f"{path}.text", optional=True, empty=False)
    fields.string(message.caption, f"{path}.caption", optional=True)
    fields.entities(message.entities, message.text, f"{path}.entities")
    fields.entities(message.caption_entities, message.caption, f"{path}.caption_entities")
    fields.string(message.media_group_id, f"{path}.media_group_id", optional=True, limit=256)
    for index, size in enumerate(message.photo):
        fields.media_file(size, f"{path}.photo[{index}]")
    for name in fields.FILE_FIELDS:
        if getattr(message, name) is not None:
            fields.media_file(getattr(message, name), f"{path}.{name}")
    if message.location is not None:
        fields.location(message.location, f"{path}.location")
    if message.venue is not None:
        fields.location(message.venue.location, f"{path}.venue.location")
        fields.string(message.venue.title, f"{path}.venue.title", limit=256)
        fields.string(message.venue.address, f"{path}.venue.address", limit=512)
    if message.contact is not None:
        fields.string(message.contact.phone_number, f"{path}.contact.phone_number", limit=64)
        fields.string(message.contact.first_name, f"{path}.contact.first_name", limit=256)
        if message.contact.user_id is not None:
            fields.integer(message.contact.user_id, f"{path}.contact.user_id", 1)
    if message.dice is not None:
        fields.integer(message.dice.value, f"{path}.dice.value", 0, 64)
        fields.string(message.dice.emoji, f"{path}.dice.emoji", limit=8)
    if message.poll is not None:
        fields.poll(message.poll, f"{path}.poll")
    for index, member in enumerate(message.new_chat_members):
        fields.user(member, f"{path}.new_chat_members[{index}]")
    if message.left_chat_member is not None:
        fields.user(message.left_chat_member, f"{path}.left_chat_member")


def _message(message: object, path: str, *, sent_by_user: bool) -> None:
    """A message; `sent_by_user` for one a user sent us (not one of ours a button is on)."""
    if isinstance(message, InaccessibleMessage):  # too old for Telegram to show: no content
        fields.integer(message.message_id, f"{path}.message_id", 1)
        fields.chat(message.chat, f"{path}.chat")
        return
    if not isinstance(message, Message):
        raise fields.Malformed(f"{path} is missing")
    fields.integer(message.message_id, f"{path}.message_id", 1)
    if not isinstance(message.date, dtm.datetime):
        raise fields.Malformed(f"{path}.date is not a date")
    fields.chat(message.chat, f"{path}.chat")
    if message.message_thread_id is not None:
        fields.integer(message.message_thread_id, f"{path}.message_thread_id", 1)
    if message.date.timestamp() == 0:  # one Telegram no longer shows: no sender, no content
        return
    if message.sender_chat is not None:
        fields.chat(message.sender_chat, f"{path}.sender_chat")
    if message.chat.type != Chat.CHANNEL or message.from_user is not None:
        # Telegram names a sender everywhere but in channels (a stand-in user when a
        # group message is sent on behalf of a chat).
        fields.user(message.from_user, f"{path}.from")
        if sent_by_user and message.chat.type == Chat.PRIVATE:
            assert message.from_user is not None
            if message.chat.id != message.from_user.id:
                raise fields.Malformed(f"{path}.chat is not the sender's private chat")
    _content(message, path)
    if message.reply_to_message is not None:
        _message(message.reply_to_message, f"{path}.reply_to_message", sent_by_user=False)


def _callback_query(query: CallbackQuery, path: str) -> None:
    fields.string(query.id, f"{path}.id", empty=False, limit=256)
    fields.user(query.from_user, f"{path}.from")
    fields.string(query.chat_instance, f"{path}.chat_instance", limit=256)
    # Every button this bot sends carries data and sits on a message in a chat (it has no
    # inline mode and no games).
    fields.string(query.data, f"{path}.data", empty=False, limit=fields.MAX_CALLBACK_BYTES)
    assert isinstance(query.data, str)
    if len(query.data.encode("utf-8")) > fields.MAX_CALLBACK_BYTES:
        raise fields.Malformed(f"{path}.data is too long")
    _message(query.message, f"{path}.message", sent_by_user=False)


def _poll_answer(answer: PollAnswer, path: str) -> None:
    fields.string(answer.poll_id, f"{path}.poll_id", empty=False, limit=256)
    if answer.user is None and answer.voter_chat is None:
        raise fields.Malformed(f"{path} names no voter")
    if answer.user is not None:
        fields.user(answer.user, f"{path}.user")
    if answer.voter_chat is not None:
        fields.chat(answer.voter_chat, f"{path}.voter_chat")
    if not isinstance(answer.option_ids, tuple) or len(answer.option_ids) > fields.MAX_POLL_OPTIONS:
        raise fields.Malformed(f"{path}.option_ids is not a list of options")
    for index, option in enumerate(answer.option_ids):
        fields.integer(option, f"{path}.option_ids[{index}]", 0, fields.MAX_POLL_OPTIONS - 1)
    for index, persistent in enumerate(answer.option_persistent_ids or ()):
        fields.string(persistent, f"{path}.option_persistent_ids[{index}]", limit=256)


def _member_change(change: ChatMemberUpdated, path: str) -> None:
    fields.chat(change.chat, f"{path}.chat")
    fields.user(change.from_user, f"{path}.from")
    if not isinstance(change.date, dtm.datetime):
        raise fields.Malformed(f"{path}.date is not a date")
    for side in ("old_chat_member", "new_chat_member"):
        member = getattr(change, side)
        status = getattr(member, "status", None)
        if not isinstance(status, str) or status not in fields.MEMBER_STATUSES:
            raise fields.Malformed(f"{path}.{side} is not a chat member")
        fields.user(member.user, f"{path}.{side}.user")


def _check(update: Update) -> None:
    fields.integer(update.update_id, "update_id", 0)
    for name in ("message", "edited_message", "channel_post", "edited_channel_post"):
        if getattr(update, name) is not None:
            _message(getattr(update, name), name, sent_by_user=True)
    if update.callback_query is not None:
        _callback_query(update.callback_query, "callback_query")
    if update.poll_answer is not None:
        _poll_answer(update.poll_answer, "poll_answer")
    if update.poll is not None:
        fields.poll(update.poll, "poll")
    for name in ("my_chat_member", "chat_member"):
        if getattr(update, name) is not None:
            _member_change(getattr(update, name), name)
    # Whatever the kind, PTB keys its per-user and per-chat data on these.
    if update.effective_user is not None:
        fields.user(update.effective_user, "effective user")
    if update.effective_chat is not None:
        fields.chat(update.effective_chat, "effective chat")


def problem_in(update: Update) -> str | None:
    """What makes `update` malformed (a field path and why, no values), or None."""
    try:
        _check(update)
    except fields.Malformed as problem:
        return str(problem)
    except Exception as error:  # a shape so odd that checking it failed: malformed too
        return f"its shape cannot be checked ({type(error).__name__})"
    return None


def screened(update: Update) -> Update | None:
    """`update` itself, or if it is malformed (logged once) an empty update with its id,
    or None when even the id is unusable (nothing can record or confirm it)."""
    problem = problem_in(update)
    if problem is None:
        return update
    try:
        fields.integer(update.update_id, "update_id", 0)
    except fields.Malformed:
        log.warning("dropping malformed update: %s", problem)
        return None
    log.warning("dropping malformed update %s: %s", update.update_id, problem)
    return Update(update_id=update.update_id)


class ScreenedUpdateQueue(DurableUpdateQueue):
    """The durable update queue, replacing malformed updates before anything handles them."""

    async def put(self, item: object) -> None:
        """Screen `item` if it is an update, then record and queue it."""
        if isinstance(item, Update):
            checked = screened(item)
            if checked is None:
                return
            item = checked
        await super().put(item)
