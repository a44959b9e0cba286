"""What the console prints of the bot: its messages with their numbered buttons, polls with
numbered options, the reply keyboard a chat shows, edits, and button pop-ups."""

from __future__ import annotations

from collections.abc import Callable

from telegram import KeyboardButton, Message, ReplyKeyboardMarkup

from bot.standin import StandIn
from bot.standin.state import CallbackAnswer, Edit

HELP = """console commands (the rest of a line is sent to the bot as a message, e.g. /start):
  /photo PATH [caption]       send a photo (a real image file; PATH demo: one made here)
  /album PATH PATH… [caption] send up to 10 photos as one album
  /file PATH [caption]        send a file as a document (an image keeps its GPS)
  /loc LAT LON                share a location, e.g. /loc 23.129 113.264
  /venue LAT LON NAME [ADDR]  share a place by name, e.g. /venue 23.13 113.32 天河公园 天河路
  /live LAT LON [MINUTES]     share your live location (8 hours unless said): staff check in
  /move LAT LON               your shared live location moves (the phone reports a new place)
  /stoplive                   stop sharing your live location (staff check out)
  /sticker                    send a sticker (a kind of message the bot cannot use)
  /press N                    press button [N] under the bot's latest message with buttons
                              (or key ⌨️ [N], if a keyboard came after that message)
  /key N                      press key ⌨️ [N] of the keyboard the chat shows now
  /vote N [N…]                answer the latest poll or quiz question with option (N)
  /forge DATA                 press the latest message with any callback data, as a
                              modified client can (the bot must answer that it has expired)
  /as WHO [private|group|class]  act as someone else: resident, staff, group (staff in the
                              staff group), teacher (in the class group), 小明 or 小红 (pupils),
                              a user id (/as 1234, or /as 1234 Alice for a new one) or a name
  /client-lang CODE           the language your Telegram app is set to (zh-hans, en, zh-hk …)
  /whoami                     who and where you are
  /help-console               this help
  /quit                       leave (Ctrl-D too)
The bot's messages are printed as they come, also later ones (a quiz's next question,
news of a ticket); a button's pop-up is printed as 💬, an alert as ⚠️. A line's end from
two spaces and "# " on is a comment, not sent."""


def button_labels(message: Message) -> list[str]:
    """Labels of a message's inline buttons."""
    rows = getattr(message.reply_markup, "inline_keyboard", None) or []
    return [button.text for row in rows for button in row]


def keys_of(keyboard: ReplyKeyboardMarkup | None) -> list[KeyboardButton]:
    """The keys of a reply keyboard, row by row."""
    rows = keyboard.keyboard if keyboard is not None else ()
    return [
        key if isinstance(key, KeyboardButton) else KeyboardButton(str(key))
        for row in rows
        for key in row
    ]


def _key_label(key: KeyboardButton) -> str:
    if key.request_location:
        return f"{key.text}  (shares your location)"
    return key.text


def describe(message: Message, *, here: int, keyboard: ReplyKeyboardMarkup | None = None) -> str:
    """One bot message as terminal text, with the reply keyboard it brought, if any; a
    message to a chat other than `here` is labelled with that chat."""
    chat = message.chat
    where = "" if chat.id == here else f"[{chat.title or chat.first_name or chat.id}] "
    parts = [f"🤖 {where}{message.text or message.caption or ''}".rstrip()]
    if message.photo:
        biggest = message.photo[-1]
        parts.append(f"   [photo {biggest.width}x{biggest.height}]")
    if message.document:
        parts.append(f"   [file {message.document.file_name}]")
    if message.location:
        parts.append(f"   [location {message.location.latitude}, {message.location.longitude}]")
    if message.poll:
        kind = "quiz" if message.poll.type == "quiz" else "poll"
        parts[0] = f"{parts[0]} [{kind}] {message.poll.question}   — /vote N to answer"
        parts.extend(
            f"   ({number}) {option.text}" for number, option in enumerate(message.poll.options, 1)
        )
    for number, label in enumerate(button_labels(message), start=1):
        parts.append(f"   [{number}] {label}")
    for number, key in enumerate(keys_of(keyboard), start=1):
        parts.append(f"   ⌨️ [{number}] {_key_label(key)}")
    return "\n".join(parts)


class Printer:
    """Prints what the bot showed since it last printed: messages, edits, pop-ups."""

    def __init__(self, standin: StandIn, write: Callable[[str], None]) -> None:
        self.standin = standin
        self.write = write
        self.here = 0
        """The chat the console acts in now (messages to others are labelled)."""
        self._shown = 0

    def show(self) -> None:
        """Print everything new, in the order the users saw it."""
        shown = self.standin.world.shown
        for item in shown[self._shown :]:
            text = self._text(item)
            if text:
                self.write(text)
        self._shown = len(shown)

    def _text(self, item: Message | Edit | CallbackAnswer) -> str:
        if isinstance(item, Edit):
            return "✏️ " + describe(item.after, here=self.here).removeprefix("🤖 ")
        if isinstance(item, CallbackAnswer):
            # Telegram shows an answer's text over the chat; an alert waits for an OK.
            if not item.text:
                return ""
            return ("⚠️ [alert] " if item.show_alert else "💬 [pop-up] ") + item.text
        record = self.standin.world.chats.get(item.chat.id)
        keyboard = record.reply_keyboards.get(item.message_id) if record else None
        return describe(item, here=self.here, keyboard=keyboard)
