"""Everything the stand-in remembers: users, chats, messages, files, polls, logs."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from telegram import (
    BotCommand,
    CallbackQuery,
    Chat,
    ForumTopic,
    Message,
    Poll,
    ReplyKeyboardMarkup,
    Update,
    User,
)

from bot.standin.errors import bad_request, forbidden
from bot.standin.files import FileStore
from bot.standin.params import Params
from bot.standin.updates import Pulse, UpdateQueue, telegram_json

Clock = Callable[[], float]


@dataclass
class ChatRecord:
    """One chat: who is in it, the bot's standing, its messages and topics."""

    chat: Chat
    members: dict[int, str] = field(default_factory=dict)  # user id -> ChatMember status
    bot_status: str = "member"
    blocked: bool = False
    messages: dict[int, Message] = field(default_factory=dict)
    topics: dict[int, ForumTopic] = field(default_factory=dict)
    reply_keyboards: dict[int, ReplyKeyboardMarkup] = field(default_factory=dict)
    keyboard: ReplyKeyboardMarkup | None = None  # the reply keyboard the user sees now
    next_message_id: int = 1


@dataclass
class PollRecord:
    """A poll the bot sent, with the votes cast so far."""

    poll: Poll
    chat_id: int
    message_id: int
    votes: dict[int, tuple[int, ...]] = field(default_factory=dict)
    closer: asyncio.TimerHandle | None = None


@dataclass
class ApiCall:
    """One request the bot made: method, decoded parameters, and the error if any."""

    method: str
    params: dict[str, Any]
    error_code: int | None = None
    description: str | None = None


@dataclass(frozen=True)
class CallbackAnswer:
    """What the bot answered to a button press (answerCallbackQuery)."""

    callback_query_id: str
    text: str | None
    show_alert: bool
    url: str | None


@dataclass
class PendingCallback:
    """A callback query a user made, and the bot's answer once it comes."""

    query: CallbackQuery
    answer: CallbackAnswer | None = None


@dataclass(frozen=True)
class Edit:
    """A change the bot made to one of its messages."""

    method: str
    before: Message
    after: Message


def scope_key(scope: dict[str, Any] | None, language_code: str | None) -> str:
    """A stable key for a BotCommandScope plus language, as setMyCommands stores them."""
    normalised = dict(scope or {"type": "default"})
    return json.dumps([normalised, language_code or ""], sort_keys=True, ensure_ascii=False)


class World:
    """The state of the stand-in Telegram as seen by one bot."""

    def __init__(self, bot_user: User, token: str, clock: Clock) -> None:
        self.bot_user = bot_user
        self.token = token
        self.clock = clock
        self.users: dict[int, User] = {}
        self.chats: dict[int, ChatRecord] = {}
        self.files = FileStore()
        self.updates = UpdateQueue()
        self.polls: dict[str, PollRecord] = {}
        self.callbacks: dict[str, PendingCallback] = {}
        self.commands: dict[str, list[BotCommand]] = {}
        self.sent: list[Message] = []
        self.sent_by_chat: dict[int, list[Message]] = {}
        self.edits: list[Edit] = []
        self.deleted: list[Message] = []
        self.calls: list[ApiCall] = []
        self.callback_answers: list[CallbackAnswer] = []
        self.shown: list[Message | Edit | CallbackAnswer] = []
        """What users saw, in order: messages sent, edits, button answers (the console's)."""
        self.changed = Pulse()
        self.busy = 0
        self.last_activity = 0.0

    def now(self) -> datetime:
        """The current time, to the second, as Telegram stamps messages."""
        return datetime.fromtimestamp(int(self.clock()), UTC)

    def chat(self, chat_id: Any) -> ChatRecord:
        """The chat named by an id or @username; unknown is 400 "chat not found"."""
        if isinstance(chat_id, str) and chat_id.startswith("@"):
            name = chat_id[1:].lower()
            for record in self.chats.values():
                if (record.chat.username or "").lower() == name:
                    return record
            raise bad_request("chat not found")
        try:
            found = self.chats.get(int(chat_id))
        except (TypeError, ValueError):
            found = None
        if found is None:
            raise bad_request("chat not found")
        return found

    def writable_chat(self, chat_id: Any) -> ChatRecord:
        """A chat the bot may post to; blocked or left is 403 like Telegram."""
        record = self.chat(chat_id)
        kind = "group chat" if record.chat.type == Chat.GROUP else f"{record.chat.type} chat"
        if record.blocked:
            raise forbidden("bot was blocked by the user")
        if record.bot_status == "kicked":
            raise forbidden(f"bot was kicked from the {kind}")
        if record.bot_status == "left":
            raise forbidden(f"bot is not a member of the {kind}")
        return record

    def new_message_id(self, record: ChatRecord) -> int:
        """The next message id in this chat (ids grow per chat)."""
        message_id = record.next_message_id
        record.next_message_id += 1
        return message_id

    def store(self, record: ChatRecord, message: Message) -> Message:
        """Keep (or replace) a message in its chat and wake anyone waiting for messages."""
        record.messages[message.message_id] = message
        self.changed.notify()
        return message

    def store_sent(self, record: ChatRecord, message: Message) -> Message:
        """Keep a message the bot sent and log it in `sent`."""
        self.sent.append(message)
        self.sent_by_chat.setdefault(record.chat.id, []).append(message)
        self.shown.append(message)
        return self.store(record, message)

    def message(self, record: ChatRecord, message_id: int | None, missing: str) -> Message:
        """A message in the chat, or 400 with the given Telegram reason."""
        message = record.messages.get(message_id) if message_id is not None else None
        if message is None:
            raise bad_request(missing)
        return message

    def emit(self, **fields: Any) -> Update:
        """Queue a new update (e.g. message=...) for the bot and return it."""
        update = Update(update_id=self.updates.next_id(), **fields)
        self.updates.push(telegram_json(update.to_dict()))
        return update

    def touch(self) -> None:
        """Note that the bot just did something (for wait_idle)."""
        self.last_activity = asyncio.get_running_loop().time()


Handler = Callable[[World, Params], Awaitable[Any]]
