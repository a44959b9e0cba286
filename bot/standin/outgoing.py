"""Building the messages the bot sends: target chat, topic, reply, keyboard, storage."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from telegram import (
    ForceReply,
    InlineKeyboardMarkup,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    TelegramObject,
)

from bot.standin.errors import bad_request
from bot.standin.params import Params
from bot.standin.state import ChatRecord, World
from bot.standin.validation import parse_reply_markup


def to_json(value: Any) -> Any:
    """A PTB object (or list of them, or datetime) as Bot API JSON."""
    if isinstance(value, TelegramObject):
        return value.to_dict()
    if isinstance(value, datetime):
        return int(value.timestamp())
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    return value


def rebuild(message: Message, **changes: Any) -> Message:
    """A copy of a message with some JSON fields changed (None removes a field)."""
    data = message.to_dict()
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = to_json(value)
    return Message.de_json(data, None)


def target_chat(world: World, params: Params) -> ChatRecord:
    """The chat a send method posts to, checked for existence and the bot's standing."""
    chat_id = params.values.get("chat_id")
    if chat_id is None or chat_id == "":
        raise bad_request("chat_id is empty")
    return world.writable_chat(chat_id)


def _reply_target(world: World, record: ChatRecord, params: Params) -> Message | None:
    reply = params.obj("reply_parameters")
    if reply is None and params.has("reply_to_message_id"):
        reply = {
            "message_id": params.integer("reply_to_message_id"),
            "allow_sending_without_reply": params.flag("allow_sending_without_reply"),
        }
    if reply is None:
        return None
    if not isinstance(reply, dict):
        raise bad_request("can't parse reply parameters JSON object")
    source = world.chat(reply["chat_id"]) if reply.get("chat_id") is not None else record
    try:
        message_id = int(reply.get("message_id", 0))
    except (TypeError, ValueError):
        raise bad_request("message to be replied not found") from None
    original = source.messages.get(message_id)
    if original is None:
        if reply.get("allow_sending_without_reply"):
            return None
        raise bad_request("message to be replied not found")
    if original.reply_to_message is not None:
        return rebuild(original, reply_to_message=None)
    return original


def _thread_id(record: ChatRecord, params: Params) -> int | None:
    thread_id = params.integer("message_thread_id")
    if thread_id is None or thread_id == 0:
        return None
    if not record.chat.is_forum or thread_id not in record.topics:
        raise bad_request("message thread not found")
    return thread_id


def post(world: World, record: ChatRecord, params: Params, **content: Any) -> Message:
    """Store and return a new bot message in the chat with the given content fields."""
    thread_id = _thread_id(record, params)
    reply_to = _reply_target(world, record, params)
    markup = parse_reply_markup(params.obj("reply_markup"))
    message = Message(
        message_id=world.new_message_id(record),
        date=world.now(),
        chat=record.chat,
        from_user=world.bot_user,
        reply_to_message=reply_to,
        reply_markup=markup if isinstance(markup, InlineKeyboardMarkup) else None,
        message_thread_id=thread_id,
        is_topic_message=True if thread_id is not None else None,
        has_protected_content=True if params.flag("protect_content") else None,
        **content,
    )
    _remember_keyboard(record, message.message_id, markup)
    return world.store_sent(record, message)


def _remember_keyboard(
    record: ChatRecord,
    message_id: int,
    markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply | None,
) -> None:
    """Reply keyboards are not part of the Message JSON; the client just shows them."""
    if isinstance(markup, ReplyKeyboardMarkup):
        record.reply_keyboards[message_id] = markup
        record.keyboard = markup
    elif isinstance(markup, ReplyKeyboardRemove):
        record.keyboard = None


def bot_message(world: World, params: Params, missing: str) -> tuple[ChatRecord, Message]:
    """The bot's own message named by chat_id + message_id, for edits and deletes."""
    if params.has("inline_message_id"):
        raise bad_request("inline messages are not supported by the stand-in")
    chat_id = params.values.get("chat_id")
    if chat_id is None:
        raise bad_request("chat_id is empty")
    record = world.chat(chat_id)
    message = world.message(record, params.integer("message_id"), missing)
    return record, message
