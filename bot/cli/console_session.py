"""The console's people and chats, and what a typed line does: the Telegram client's part
(photos, albums, places, buttons, votes) acted through the stand-in as the current user."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass

from telegram import Chat, User

from bot.cli.console_input import demo_picture, mime_type, number_in, paths_and_caption
from bot.cli.console_live import LiveLocations
from bot.cli.console_view import HELP, Printer, button_labels, keys_of
from bot.standin import StandIn

RESIDENT_ID, STAFF_ID, TEACHER_ID = 10_001, 20_001, 30_001
PUPILS = ((30_002, "小明"), (30_003, "小红"))
NEW_USERS_FROM = 40_001
GUANGZHOU = (23.129, 113.264)
"""Where a location button shares from (the city centre), unless /loc says otherwise."""
CHATS = ("private", "group", "class")
COMMENT = re.compile(r"\s{2,}#\s.*$")
"""A line's comment: two spaces or more, then "# " (the README's tour can be pasted)."""
DEMO = "demo"
"""`/photo demo …` sends a picture the console makes, for a first try without a file."""


@dataclass
class Place:
    """Who acts, and in which chat."""

    user: User
    chat_id: int


class Session:
    """The console's users and chats, and the typed line's action through the stand-in."""

    def __init__(self, standin: StandIn, *, write: Callable[[str], None]) -> None:
        self.standin = standin
        self.write = write
        add = standin.add_user
        self.resident = add(RESIDENT_ID, "居民", language_code="zh-hans")
        self.staff = add(STAFF_ID, "值班员", language_code="zh-hans")
        self.teacher = add(TEACHER_ID, "王老师", language_code="zh-hans")
        pupils = [add(user_id, name, language_code="zh-hans") for user_id, name in PUPILS]
        for user in (self.resident, self.staff, self.teacher, *pupils):
            standin.private_chat(user)
        self.staff_group: Chat = standin.add_group(
            "城管值班群 staff", members=[], admins=[self.staff]
        )
        self.class_group: Chat = standin.add_group(
            "三年级二班 class", members=pupils, admins=[self.teacher]
        )
        self.place = Place(self.resident, RESIDENT_ID)
        self.printer = Printer(standin, write)
        self.printer.here = RESIDENT_ID
        self.live = LiveLocations(standin, write)

    def act(self, line: str) -> bool:
        """Carry out one typed line; False to quit."""
        stripped = COMMENT.sub("", line).strip()
        if not stripped:
            return True
        if stripped in ("/quit", "/exit"):
            return False
        command, _, rest = stripped.partition(" ")
        handlers: dict[str, Callable[[str], object]] = {
            "/help-console": lambda _: self.write(HELP),
            "/photo": self._photo,
            "/album": self._album,
            "/file": self._file,
            "/loc": self._location,
            "/venue": self._venue,
            "/live": lambda rest: self.live.share(self.user, self.chat_id, rest),
            "/move": lambda rest: self.live.move(self.user, self.chat_id, rest),
            "/stoplive": lambda rest: self.live.stop(self.user, self.chat_id, rest),
            "/sticker": lambda _: self.standin.send_sticker(self.user, chat=self.chat_id),
            "/press": self._press,
            "/key": self._key,
            "/vote": self._vote,
            "/forge": self._forge,
            "/as": self._switch,
            "/client-lang": self._client_language,
            "/whoami": lambda _: self._say_where(),
        }
        handler = handlers.get(command)
        try:
            if handler is None:
                self.standin.send_text(self.user, stripped, self.chat_id)
            else:
                handler(rest)
        except (ValueError, OSError, LookupError) as exc:
            self.write(f"⚠️  {exc}")
        except Exception as exc:  # the stand-in refuses what Telegram would refuse
            self.write(f"⚠️  {type(exc).__name__}: {exc}")
        return True

    @property
    def user(self) -> User:
        """The user typing now."""
        return self.place.user

    @property
    def chat_id(self) -> int:
        """The chat they type in."""
        return self.place.chat_id

    def _photo(self, rest: str) -> None:
        words = shlex.split(rest)
        if words and words[0] == DEMO:
            photo, caption = demo_picture(), " ".join(words[1:]) or None
        else:
            [path], caption = paths_and_caption(rest, most=1)
            photo = path.read_bytes()
        self.standin.send_photo(self.user, photo, caption=caption, chat=self.chat_id)

    def _album(self, rest: str) -> None:
        paths, caption = paths_and_caption(rest, most=10)
        photos = [path.read_bytes() for path in paths]
        self.standin.send_album(self.user, photos, caption=caption, chat=self.chat_id)

    def _file(self, rest: str) -> None:
        [path], caption = paths_and_caption(rest, most=1)
        data = path.read_bytes()
        self.standin.send_document(
            self.user, data, path.name, mime_type(path), caption=caption, chat=self.chat_id
        )

    def _location(self, rest: str) -> None:
        try:
            lat, lon = (float(word) for word in rest.split())
        except ValueError:
            raise ValueError("usage: /loc LAT LON, e.g. /loc 23.129 113.264") from None
        self.standin.send_location(self.user, lat, lon, chat=self.chat_id)

    def _venue(self, rest: str) -> None:
        words = shlex.split(rest)
        try:
            lat, lon, title = float(words[0]), float(words[1]), words[2]
        except (ValueError, IndexError):
            raise ValueError("usage: /venue LAT LON NAME [ADDRESS]") from None
        address = " ".join(words[3:]) or title
        self.standin.send_venue(self.user, lat, lon, title, address, chat=self.chat_id)

    def _press(self, rest: str) -> None:
        """Button N of the newest message with buttons, or key N of the keyboard it brought
        (whichever came last: what the user sees at the bottom of the chat)."""
        record = self.standin.world.chats[self.chat_id]
        messages = self.standin.messages_to(self.chat_id)
        inline = next((m for m in reversed(messages) if button_labels(m)), None)
        # Each reply keyboard replaces the one before: the newest is the one shown, if any.
        keyboard_at = max(record.reply_keyboards, default=0)
        if record.keyboard is not None and (inline is None or keyboard_at > inline.message_id):
            self._key(rest)
            return
        if inline is None:
            raise LookupError("no message with buttons in this chat yet")
        labels = button_labels(inline)
        number = number_in(rest, len(labels))
        self.standin.press_button(self.user, inline, number - 1, self.chat_id)

    def _key(self, rest: str) -> None:
        """Key N of the reply keyboard the chat shows now."""
        keyboard = self.standin.world.chats[self.chat_id].keyboard
        keys = keys_of(keyboard)
        if not keys:
            raise LookupError("this chat shows no keyboard now")
        key = keys[number_in(rest, len(keys)) - 1]
        if key.request_location:
            # Telegram shares the phone's location for such a key, not its label.
            self.standin.send_location(self.user, *GUANGZHOU, chat=self.chat_id)
            self.write(f"(shared the location {GUANGZHOU[0]}, {GUANGZHOU[1]}; /loc shares another)")
            return
        self.standin.press_key(self.user, key.text, self.chat_id)

    def _vote(self, rest: str) -> None:
        """Answer the newest poll of this chat, or of a group the user is in."""
        chats = [self.chat_id] + [
            chat_id
            for chat_id, record in self.standin.world.chats.items()
            if self.user.id in record.members and chat_id != self.chat_id
        ]
        polls = [m for chat_id in chats for m in self.standin.messages_to(chat_id) if m.poll]
        if not polls:
            raise LookupError("no poll you can answer yet")
        message = max(polls, key=lambda m: m.date)
        assert message.poll is not None
        try:
            chosen = [int(word) - 1 for word in rest.split()]
        except ValueError:
            chosen = []
        count = len(message.poll.options)
        if not chosen or not all(0 <= option < count for option in chosen):
            raise ValueError(f"usage: /vote N, N from 1 to {count}")
        self.standin.answer_poll(self.user, message.poll.id, chosen)

    def _forge(self, rest: str) -> None:
        messages = self.standin.messages_to(self.chat_id)
        if not messages or not rest.strip():
            raise LookupError("usage: /forge DATA, after the bot has sent something here")
        self.standin.press_data(self.user, messages[-1], rest.strip(), self.chat_id)

    def _switch(self, rest: str) -> None:
        words = rest.split()
        chat = words.pop() if len(words) > 1 and words[-1] in CHATS else None
        if not words:
            raise ValueError("usage: /as resident|staff|group|teacher|NAME|USER_ID [NAME]")
        who, name = words[0], " ".join(words[1:])
        named = {"resident": self.resident, "staff": self.staff, "group": self.staff}
        named |= {"teacher": self.teacher, "class": self.teacher}
        if who in named:
            user = named[who]
        elif who.isdigit():
            user = self.standin.world.users.get(int(who)) or self._new_user(int(who), name)
        else:
            user = self._by_name(" ".join(words))
        default = {"group": "group", "teacher": "class", "class": "class"}.get(who, "private")
        self._go(user, chat or default)

    def _by_name(self, name: str) -> User:
        for user in self.standin.world.users.values():
            if name in (user.first_name, user.full_name, f"@{user.username}"):
                return user
        taken = set(self.standin.world.users)
        return self._new_user(next(i for i in range(NEW_USERS_FROM, 10**9) if i not in taken), name)

    def _new_user(self, user_id: int, name: str) -> User:
        user = self.standin.add_user(user_id, name or f"用户{user_id}", language_code="zh-hans")
        self.standin.private_chat(user)
        return user

    def _go(self, user: User, chat: str) -> None:
        user = self.standin.world.users.get(user.id, user)  # as /client-lang left them
        chat_id = {"group": self.staff_group.id, "class": self.class_group.id}.get(chat, user.id)
        if chat != "private":
            members = self.standin.world.chats[chat_id].members
            members.setdefault(user.id, "member")  # one who speaks in a group is in it
        self.place = Place(user, chat_id)
        self.printer.here = chat_id
        self._say_where()

    def _client_language(self, rest: str) -> None:
        code = rest.strip()
        if not code:
            raise ValueError("usage: /client-lang CODE, e.g. /client-lang en or zh-hk")
        user = self.standin.add_user(
            self.user.id, self.user.first_name, language_code=code, username=self.user.username
        )
        self.place = Place(user, self.chat_id)
        self.write(f"(your Telegram is set to {code} now)")

    def _say_where(self) -> None:
        chat = self.standin.world.chats[self.chat_id].chat
        where = chat.title or "private chat with the bot"
        self.write(f"(now acting as {self.user.first_name}, id {self.user.id}, in {where})")
