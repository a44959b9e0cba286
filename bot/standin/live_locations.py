"""Acting as users who share their live location, as Telegram clients do: a location
message with a live period, then each new position as an edit of it (an edited_message
update), and, when the user stops sharing, a last edit whose location has no live period.
A share that simply runs out sends nothing: the bot must notice the period's end itself."""

from __future__ import annotations

from datetime import timedelta

from telegram import Location, Message, Update, User

from bot.standin.acting import ChatRef, UserActions
from bot.standin.errors import StandInError
from bot.standin.outgoing import rebuild

LIVE_PERIODS = (60, 86_400)
"""The live periods a client offers lie in this range (seconds), or 0x7FFFFFFF: until stopped."""
FOREVER = 0x7FFFFFFF
EIGHT_HOURS = 8 * 3600


def _live_period(message: Message) -> int | None:
    # The Bot API's field as sent (PTB's attribute warns that it will become a timedelta).
    if message.location is None:
        return None
    period = message.location.to_dict().get("live_period")
    return int(period) if isinstance(period, int | float) and period else None


class LiveLocationActions(UserActions):
    """Users sharing, moving and stopping a live location (mixed into StandIn)."""

    def send_live_location(
        self,
        user: User,
        latitude: float,
        longitude: float,
        live_period: int = EIGHT_HOURS,
        chat: ChatRef = None,
        *,
        horizontal_accuracy: float | None = None,
    ) -> Update:
        """A user starts sharing their live location for `live_period` seconds."""
        if live_period != FOREVER and not LIVE_PERIODS[0] <= live_period <= LIVE_PERIODS[1]:
            raise StandInError("a live period is 60 to 86400 seconds, or 0x7FFFFFFF")
        location = Location(
            longitude, latitude, live_period=live_period, horizontal_accuracy=horizontal_accuracy
        )
        return self._send(user, chat, location=location)

    def _live_message(self, user: User, message: Message | int, chat: ChatRef) -> Message:
        record = self._chat(user, chat if chat is not None else getattr(message, "chat", None))
        message_id = message.message_id if isinstance(message, Message) else message
        current = record.messages.get(message_id)
        if current is None or current.from_user is None or current.from_user.id != user.id:
            raise StandInError("users can only update their own live locations")
        seconds = _live_period(current)
        if seconds is None:
            raise StandInError(f"message {message_id} is no live location being shared")
        if seconds != FOREVER:
            ends = current.date + timedelta(seconds=seconds)
            if self.world.now() >= ends:
                raise StandInError(f"the live location of message {message_id} has ended")
        return current

    def _edit_location(self, user: User, current: Message, location: Location) -> Update:
        record = self._chat(user, current.chat.id)
        edited = rebuild(current, location=location.to_dict(), edit_date=self.world.now())
        self.world.store(record, edited)
        return self.world.emit(edited_message=edited)

    def move_live_location(
        self,
        user: User,
        message: Message | int,
        latitude: float,
        longitude: float,
        chat: ChatRef = None,
        *,
        horizontal_accuracy: float | None = None,
    ) -> Update:
        """The user's phone reports a new position: the live location message is edited."""
        current = self._live_message(user, message, chat)
        assert current.location is not None
        location = Location(
            longitude,
            latitude,
            live_period=_live_period(current),
            horizontal_accuracy=horizontal_accuracy,
        )
        return self._edit_location(user, current, location)

    def stop_live_location(
        self, user: User, message: Message | int, chat: ChatRef = None
    ) -> Update:
        """The user stops sharing: a last edit, its location without a live period."""
        current = self._live_message(user, message, chat)
        assert current.location is not None
        last = Location(current.location.longitude, current.location.latitude)
        return self._edit_location(user, current, last)

    def live_location_of(self, user: User, chat: ChatRef = None) -> Message | None:
        """The user's newest live location in the chat that is still being shared."""
        record = self._chat(user, chat)
        for message in sorted(record.messages.values(), key=lambda m: -m.message_id):
            mine = message.from_user is not None and message.from_user.id == user.id
            if mine and _live_period(message):
                try:
                    return self._live_message(user, message, record.chat.id)
                except StandInError:
                    return None
        return None
