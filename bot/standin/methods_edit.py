"""Bot API methods that change what was sent: edits, deletes, callback answers, files."""

from __future__ import annotations

from typing import Any

from telegram import Message
from telegram.constants import CallbackQueryLimit, FileSizeLimit

from bot.standin.errors import bad_request
from bot.standin.message_text import message_text
from bot.standin.outgoing import bot_message, rebuild
from bot.standin.params import Params
from bot.standin.state import CallbackAnswer, ChatRecord, Edit, Handler, World
from bot.standin.validation import parse_reply_markup

JSON = dict[str, Any]
NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)


def _editable(world: World, params: Params) -> tuple[ChatRecord, Message]:
    record, message = bot_message(world, params, "message to edit not found")
    if message.from_user is None or message.from_user.id != world.bot_user.id:
        raise bad_request("message can't be edited")
    return record, message


def _apply(world: World, record: ChatRecord, method: str, message: Message, **changes: Any) -> JSON:
    edited = rebuild(message, edit_date=world.now(), **changes)
    before = rebuild(message, edit_date=message.edit_date).to_dict()
    after = rebuild(edited, edit_date=message.edit_date).to_dict()
    if before == after:
        raise bad_request(NOT_MODIFIED)
    world.store(record, edited)
    world.edits.append(Edit(method, message, edited))
    world.shown.append(world.edits[-1])
    return edited.to_dict()


async def edit_message_text(world: World, params: Params) -> JSON:
    """editMessageText (a missing reply_markup removes the inline keyboard, as on Telegram)."""
    record, message = _editable(world, params)
    if message.text is None:
        raise bad_request("there is no text in the message to edit")
    text, entities = message_text(
        params.text("text"), params.text("parse_mode"), params.obj("entities")
    )
    markup = parse_reply_markup(params.obj("reply_markup"), inline_only=True)
    return _apply(
        world,
        record,
        "editMessageText",
        message,
        text=text,
        entities=entities or None,
        reply_markup=markup,
    )


async def edit_message_reply_markup(world: World, params: Params) -> JSON:
    """editMessageReplyMarkup (only inline keyboards can be edited in)."""
    record, message = _editable(world, params)
    markup = parse_reply_markup(params.obj("reply_markup"), inline_only=True)
    return _apply(world, record, "editMessageReplyMarkup", message, reply_markup=markup)


async def delete_message(world: World, params: Params) -> bool:
    """deleteMessage: the bot's own messages, or anyone's in private chats or as admin."""
    record, message = bot_message(world, params, "message to delete not found")
    own = message.from_user is not None and message.from_user.id == world.bot_user.id
    if not own and record.chat.type != "private" and record.bot_status != "administrator":
        raise bad_request("message can't be deleted")
    del record.messages[message.message_id]
    world.deleted.append(message)
    world.changed.notify()
    return True


async def answer_callback_query(world: World, params: Params) -> bool:
    """answerCallbackQuery: once per query, text at most 200 characters."""
    query_id = params.text("callback_query_id") or ""
    pending = world.callbacks.get(query_id)
    if pending is None or pending.answer is not None:
        raise bad_request("query is too old and response timeout expired or query ID is invalid")
    text = params.text("text")
    if text is not None and len(text) > CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH:
        raise bad_request("MESSAGE_TOO_LONG")
    answer = CallbackAnswer(
        callback_query_id=query_id,
        text=text,
        show_alert=params.flag("show_alert"),
        url=params.text("url"),
    )
    pending.answer = answer
    world.callback_answers.append(answer)
    world.shown.append(answer)
    world.changed.notify()
    return True


async def get_file(world: World, params: Params) -> JSON:
    """getFile: the file_path to download the stored bytes from."""
    stored = world.files.get(params.text("file_id") or "")
    if stored is None:
        raise bad_request("invalid file_id")
    if len(stored.content) > FileSizeLimit.FILESIZE_DOWNLOAD:
        raise bad_request("file is too big")
    return stored.as_file().to_dict()


METHODS: dict[str, Handler] = {
    "editMessageText": edit_message_text,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "answerCallbackQuery": answer_callback_query,
    "getFile": get_file,
}
