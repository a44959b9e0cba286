"""Acting as users who tap buttons: inline keyboards and reply keyboards."""

from __future__ import annotations

import secrets

from telegram import (
    CallbackQuery,
    InlineKeyboardMarkup,
    Location,
    Message,
    ReplyKeyboardMarkup,
    Update,
    User,
)

from bot.standin.acting import ChatRef, MessageRef, UserActions
from bot.standin.errors import StandInError
from bot.standin.state import ChatRecord, PendingCallback

GUANGZHOU = (23.1291, 113.2644)
"""Where a user is when a button shares their location and the test names no place."""


class ButtonActions(UserActions):
    """Users pressing buttons (mixed into StandIn)."""

    def press_button(
        self, user: User, message: MessageRef, text_or_index: str | int, chat: ChatRef = None
    ) -> Update:
        """A user taps a button of a bot message: callback_query (inline) or text (reply)."""
        record, current = self._bot_message(user, message, chat)
        if isinstance(current.reply_markup, InlineKeyboardMarkup):
            buttons = [b for row in current.reply_markup.inline_keyboard for b in row]
            button = _pick([b.text for b in buttons], text_or_index)
            return self._callback(user, record, current, buttons[button].callback_data)
        keyboard = record.reply_keyboards.get(current.message_id)
        if keyboard is None:
            raise StandInError(f"message {message} has no keyboard: {current.text!r}")
        return self._press_key(user, record, keyboard, text_or_index)

    def press_data(
        self, user: User, message: MessageRef, data: str, chat: ChatRef = None
    ) -> Update:
        """A user's client sends `data` as a press on a bot message, whatever buttons it
        shows (or none): Telegram lets any client do so, so bots must not trust the data."""
        record, current = self._bot_message(user, message, chat)
        if not 1 <= len(data.encode()) <= 64:
            raise StandInError("callback_data must be 1-64 bytes")  # as Telegram's limit
        return self._callback(user, record, current, data)

    def _bot_message(
        self, user: User, message: MessageRef, chat: ChatRef
    ) -> tuple[ChatRecord, Message]:
        if isinstance(message, Message):
            chat, message = message.chat.id, message.message_id
        record = self._chat(user, chat)
        current = record.messages.get(message)
        if current is None:
            raise StandInError(f"message {message} is not (or no longer) in chat {record.chat.id}")
        return record, current

    def press_key(
        self,
        user: User,
        text_or_index: str | int,
        chat: ChatRef = None,
        *,
        location: tuple[float, float] = GUANGZHOU,
    ) -> Update:
        """A user taps a button of the reply keyboard shown now: it sends its text, or the
        user's `location` (latitude, longitude) for a button that requests one."""
        record = self._chat(user, chat)
        if record.keyboard is None:
            raise StandInError(f"no reply keyboard is shown in chat {record.chat.id}")
        return self._press_key(user, record, record.keyboard, text_or_index, location)

    def shown_keyboard(self, chat_id: int) -> list[list[str]] | None:
        """The labels of the reply keyboard the user sees in a chat, if any."""
        record = self.world.chats.get(chat_id)
        if record is None or record.keyboard is None:
            return None
        return [[button.text for button in row] for row in record.keyboard.keyboard]

    def _press_key(
        self,
        user: User,
        record: ChatRecord,
        keyboard: ReplyKeyboardMarkup,
        text_or_index: str | int,
        location: tuple[float, float] = GUANGZHOU,
    ) -> Update:
        buttons = [button for row in keyboard.keyboard for button in row]
        button = buttons[_pick([b.text for b in buttons], text_or_index)]
        if keyboard.one_time_keyboard and record.keyboard is keyboard:
            record.keyboard = None
        if button.request_location:  # Telegram shares the user's location, not the label
            latitude, longitude = location
            return self._send(user, record.chat.id, location=Location(longitude, latitude))
        return self.send_text(user, button.text, record.chat.id)

    def _callback(self, user: User, record: ChatRecord, message: Message, data: object) -> Update:
        if data is None:
            raise StandInError("that button has no callback_data (a URL or other button)")
        query = CallbackQuery(
            id=str(secrets.randbits(63)),
            from_user=user,
            chat_instance=str(abs(hash((record.chat.id, self.world.token))) % 10**19),
            message=message,
            data=str(data),
        )
        self.world.callbacks[query.id] = PendingCallback(query)
        return self.world.emit(callback_query=query)


def _pick(labels: list[str], text_or_index: str | int) -> int:
    """The index of the button named by its label or position; a missing one fails the test."""
    if isinstance(text_or_index, int):
        if not 0 <= text_or_index < len(labels):
            raise StandInError(f"no button #{text_or_index}; buttons: {labels}")
        return text_or_index
    if text_or_index not in labels:
        raise StandInError(f"no button {text_or_index!r}; buttons: {labels}")
    return labels.index(text_or_index)
