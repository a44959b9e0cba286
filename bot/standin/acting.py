"""Acting as users: each action makes the Update Telegram would send and queues it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from telegram import (
    Chat,
    Message,
    Update,
    User,
)
from telegram.constants import MessageLimit

from bot.standin.errors import StandInError
from bot.standin.message_text import detect_entities
from bot.standin.outgoing import rebuild
from bot.standin.polls import cast_vote
from bot.standin.state import ChatRecord, World
from bot.standin.updates import telegram_json

ChatRef = Chat | int | None
MessageRef = Message | int


class UserActions:
    """What a test can do as a Telegram user (mixed into StandIn)."""

    world: World

    def private_chat(self, user: User) -> Chat:
        """The private chat between a user and the bot (created on first use)."""
        record = self.world.chats.get(user.id)
        if record is None:
            chat = Chat(
                user.id,
                Chat.PRIVATE,
                username=user.username,
                first_name=user.first_name,
                last_name=user.last_name,
            )
            record = self.world.chats[user.id] = ChatRecord(chat)
        return record.chat

    def _chat(self, user: User, chat: ChatRef) -> ChatRecord:
        if user.id not in self.world.users:
            raise StandInError(f"unknown user {user.id}: call add_user first")
        if chat is None:
            record = self.world.chats[self.private_chat(user).id]
        else:
            chat_id = chat.id if isinstance(chat, Chat) else chat
            found = self.world.chats.get(chat_id)
            if found is None:
                raise StandInError(f"unknown chat {chat_id}")
            record = found
        status = record.members.get(user.id)
        if record.chat.type != Chat.PRIVATE and status in (None, "left", "kicked"):
            raise StandInError(f"user {user.id} is not a member of chat {record.chat.id}")
        if record.chat.type == Chat.PRIVATE and record.chat.id != user.id:
            raise StandInError(f"chat {record.chat.id} is another user's private chat")
        if record.bot_status in ("left", "kicked"):
            raise StandInError(
                f"the bot is not in chat {record.chat.id}; Telegram would not tell it"
            )
        if record.blocked:
            raise StandInError(f"user {user.id} blocked the bot; call unblock_bot first")
        return record

    def _send(
        self,
        user: User,
        chat: ChatRef,
        thread_id: int | None = None,
        reply_to: MessageRef | None = None,
        **content: Any,
    ) -> Update:
        record = self._chat(user, chat)
        replied = None
        if reply_to is not None:
            replied_id = reply_to.message_id if isinstance(reply_to, Message) else reply_to
            replied = record.messages.get(replied_id)
            if replied is None:
                raise StandInError(f"no message {replied_id} in chat {record.chat.id}")
            if replied.reply_to_message is not None:
                replied = rebuild(replied, reply_to_message=None)
        message = Message(
            message_id=self.world.new_message_id(record),
            date=self.world.now(),
            chat=record.chat,
            from_user=user,
            reply_to_message=replied,
            message_thread_id=thread_id,
            is_topic_message=True if thread_id else None,
            **content,
        )
        self.world.store(record, message)
        return self.world.emit(message=message)

    def send_text(
        self,
        user: User,
        text: str,
        chat: ChatRef = None,
        *,
        reply_to: MessageRef | None = None,
        thread_id: int | None = None,
    ) -> Update:
        """A user types text (commands get bot_command entities, as on Telegram)."""
        if not text.strip() or len(text) > MessageLimit.MAX_TEXT_LENGTH:
            raise StandInError("Telegram clients send 1-4096 characters of text")
        entities = detect_entities(text)
        return self._send(user, chat, thread_id, reply_to, text=text, entities=entities or None)

    def edit_message(self, user: User, message: Message, new_text: str) -> Update:
        """A user edits a text message they sent: an edited_message update."""
        record = self._chat(user, message.chat.id)
        current = record.messages.get(message.message_id)
        if current is None or current.from_user is None or current.from_user.id != user.id:
            raise StandInError("users can only edit their own, existing messages")
        entities = detect_entities(new_text)
        edited = rebuild(
            current, text=new_text, entities=entities or [], edit_date=self.world.now()
        )
        self.world.store(record, edited)
        return self.world.emit(edited_message=edited)

    def answer_poll(self, user: User, poll_id: str, option_ids: Sequence[int]) -> list[Update]:
        """A user votes: poll_answer (non-anonymous polls) and a poll update with counts."""
        return cast_vote(self.world, user, poll_id, option_ids)

    def push_raw_update(self, data: dict[str, Any], *, check: bool = True) -> dict[str, Any]:
        """Queue any update dict as is (update_id added when missing).

        With check on, an update PTB cannot even parse raises here: such an update makes
        PTB's get_updates fail, so its polling loop retries the same batch forever.
        """
        update = dict(data)
        update.setdefault("update_id", self.world.updates.next_id())
        if check:
            try:
                Update.de_json(update, None)
            except Exception as exc:
                raise StandInError(
                    f"PTB cannot parse this update ({exc}); polling would stall on it. "
                    "Fix its shape, or pass check=False to push it anyway."
                ) from exc
        self.world.updates.push(update, force=True)
        return update

    def redeliver(self, update: Update | dict[str, Any]) -> None:
        """Queue the same update (same update_id) again, as after a crash before confirming."""
        data = telegram_json(update.to_dict()) if isinstance(update, Update) else dict(update)
        self.world.updates.push(data, force=True)
