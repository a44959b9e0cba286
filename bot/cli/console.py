"""`citybot console`: talk to the real bot in a terminal, no Telegram account needed.

The local Bot API stand-in runs in-process; the real Application long-polls it with
the embedded defaults (SQLite, the local index). Typed lines are messages from the
current user; a few slash commands act as Telegram clients do.
"""

from __future__ import annotations

import asyncio
import contextlib
import shlex
import sys
from collections.abc import Callable
from pathlib import Path

from pydantic import SecretStr
from telegram import Message, User

from bot.app import build_application, start_application, stop_application
from bot.context import CityApplication
from bot.runtime.database import prepare_database
from bot.services import open_store
from bot.settings import Settings
from bot.standin import StandIn
from bot.standin.errors import StandInError
from storage.botstate import service as botstate

RESIDENT_ID, STAFF_ID = 10_001, 20_001
HELP = """console commands:
  /photo PATH [caption]   send a photo (a real image file)
  /file PATH [caption]    send a file as a document (keeps the photo's GPS)
  /loc LAT LON            share a location
  /press N                press button N of the bot's last message (inline or keyboard)
  /forge DATA             press the bot's last message with any callback data, as a
                          modified client can (the bot must answer that it has expired)
  /as resident|staff|ID   act as another user (staff acts in the staff group with /as group)
  /help-console           this help
  /quit                   leave (Ctrl-D too)
anything else is sent as a message, including the bot's own commands such as /start"""


class Console:
    """A terminal chat with the bot through the stand-in."""

    def __init__(self, standin: StandIn, staff_group: int, *, write: Callable[[str], None]) -> None:
        self.standin = standin
        self.staff_group = staff_group
        self.write = write
        self.resident = standin.add_user(RESIDENT_ID, "居民", language_code="zh-hans")
        self.staff = standin.add_user(STAFF_ID, "值班员", language_code="zh-hans")
        standin.private_chat(self.resident)
        standin.private_chat(self.staff)
        self.user: User = self.resident
        self.chat_id: int = RESIDENT_ID
        self._printed = 0
        self._edits_printed = 0

    def show_new_messages(self) -> None:
        """Print what the bot sent since the last call, with numbered buttons."""
        sent = self.standin.sent
        for message in sent[self._printed :]:
            self.write(self.describe(message))
        self._printed = len(sent)
        edits = self.standin.edits
        for edit in edits[self._edits_printed :]:
            self.write("✏️ " + self.describe(edit.after).removeprefix("🤖 "))
        self._edits_printed = len(edits)

    def describe(self, message: Message) -> str:
        """One bot message as terminal text."""
        where = (
            ""
            if message.chat.id == self.chat_id
            else f"[chat {message.chat.title or message.chat.id}] "
        )
        parts = [f"🤖 {where}{message.text or message.caption or ''}".rstrip()]
        if message.photo:
            biggest = message.photo[-1]
            parts.append(f"   [photo {biggest.width}x{biggest.height}]")
        if message.document:
            parts.append(f"   [file {message.document.file_name}]")
        if message.location:
            parts.append(f"   [location {message.location.latitude}, {message.location.longitude}]")
        if message.poll:
            options = " / ".join(option.text for option in message.poll.options)
            parts.append(f"   [poll: {message.poll.question} — {options}]")
        for number, label in enumerate(self.button_labels(message), start=1):
            parts.append(f"   [{number}] {label}")
        return "\n".join(parts)

    @staticmethod
    def button_labels(message: Message) -> list[str]:
        """Labels of a message's inline buttons, or of its reply keyboard."""
        markup = message.reply_markup
        rows = getattr(markup, "inline_keyboard", None) or getattr(markup, "keyboard", None) or []
        return [button.text for row in rows for button in row]

    def last_with_buttons(self) -> Message | None:
        """The bot's latest message in the current chat that has buttons."""
        for message in reversed(self.standin.messages_to(self.chat_id)):
            if self.button_labels(message):
                return message
        return None

    def act(self, line: str) -> bool:
        """Carry out one typed line; False to quit."""
        stripped = line.strip()
        if not stripped:
            return True
        if stripped in ("/quit", "/exit"):
            return False
        if stripped == "/help-console":
            self.write(HELP)
            return True
        command, _, rest = stripped.partition(" ")
        try:
            handler = {
                "/photo": self._photo,
                "/file": self._file,
                "/loc": self._location,
                "/press": self._press,
                "/forge": self._forge,
                "/as": self._switch,
            }.get(command)
            if handler is None:
                self.standin.send_text(self.user, stripped, self.chat_id)
            else:
                handler(rest)
        except (ValueError, OSError, LookupError) as exc:
            self.write(f"⚠️  {exc}")
        except Exception as exc:  # the stand-in refuses what Telegram would refuse
            self.write(f"⚠️  {type(exc).__name__}: {exc}")
        return True

    def _photo(self, rest: str) -> None:
        path, caption = self._path_and_caption(rest)
        self.standin.send_photo(self.user, path.read_bytes(), caption=caption, chat=self.chat_id)

    def _file(self, rest: str) -> None:
        path, caption = self._path_and_caption(rest)
        self.standin.send_document(
            self.user,
            path.read_bytes(),
            path.name,
            "image/jpeg",
            caption=caption,
            chat=self.chat_id,
        )

    @staticmethod
    def _path_and_caption(rest: str) -> tuple[Path, str | None]:
        words = shlex.split(rest)
        if not words:
            raise ValueError("usage: /photo PATH [caption]")
        return Path(words[0]).expanduser(), " ".join(words[1:]) or None

    def _location(self, rest: str) -> None:
        try:
            lat, lon = (float(word) for word in rest.split())
        except ValueError:
            raise ValueError("usage: /loc LAT LON, e.g. /loc 23.129 113.264") from None
        self.standin.send_location(self.user, lat, lon, chat=self.chat_id)

    def _press(self, rest: str) -> None:
        message = self.last_with_buttons()
        if message is None:
            raise LookupError("the bot's last messages have no buttons")
        number = int(rest.strip() or "0")
        labels = self.button_labels(message)
        if not 1 <= number <= len(labels):
            raise ValueError(f"press a number from 1 to {len(labels)}")
        if getattr(message.reply_markup, "inline_keyboard", None):
            self.standin.press_button(self.user, message, number - 1)
        else:
            self.standin.send_text(self.user, labels[number - 1], self.chat_id)

    def _forge(self, rest: str) -> None:
        messages = self.standin.messages_to(self.chat_id)
        if not messages or not rest.strip():
            raise LookupError("usage: /forge DATA, after the bot has sent something here")
        self.standin.press_data(self.user, messages[-1], rest.strip(), self.chat_id)

    def _switch(self, rest: str) -> None:
        who = rest.strip()
        if who == "resident":
            self.user, self.chat_id = self.resident, RESIDENT_ID
        elif who == "staff":
            self.user, self.chat_id = self.staff, STAFF_ID
        elif who == "group":
            self.user, self.chat_id = self.staff, self.staff_group
        elif who.isdigit():
            self.user = self.standin.world.users.get(int(who)) or self.standin.add_user(
                int(who), f"用户{who}"
            )
            self.chat_id = self.user.id
        else:
            raise ValueError("usage: /as resident | staff | group | USER_ID")
        self.write(f"(now acting as {self.user.first_name} in chat {self.chat_id})")


async def wait_until_settled(
    standin: StandIn, application: CityApplication, *, quiet: float = 0.1, within: float = 120
) -> None:
    """Wait until the bot has fetched, handled and answered everything sent so far.

    A quiet spell alone is not enough: a busy machine can pause inside a handler for
    longer than any spell, so the processor's count of updates in hand must be zero too,
    and so must the outbox's (a ticket number is owed by the handler, sent just after).
    """
    processor = application.update_processor
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        await standin.wait_idle(quiet=quiet, timeout=max(deadline - loop.time(), 0.01))
        services = application.bot_data.services
        outbox = services.outbox if services is not None else None  # owed replies
        busy = (
            getattr(processor, "in_flight", 0)
            or not application.update_queue.empty()
            or getattr(outbox, "in_flight", 0)
        )
        if not busy:
            return
        if loop.time() >= deadline:
            raise StandInError(f"the bot is still handling updates after {within}s")
        await asyncio.sleep(0.05)


async def _settle(standin: StandIn, application: CityApplication) -> None:
    """Wait for the bot's answer to what was typed, however long it thinks."""
    try:
        await wait_until_settled(standin, application)
    except StandInError as exc:
        print(f"⚠️  the bot is still busy: {exc}")


async def _last_update_id(settings: Settings) -> int:
    store = open_store(settings)
    try:
        async with store.unit_of_work(read_only=True) as uow:
            return await botstate.last_update_id(uow)
    finally:
        await store.close()


async def run_console(
    settings: Settings, *, staff: bool = False, read: Callable[[], str] = input
) -> None:
    """Run the stand-in and the bot, then the read–send–print loop until /quit or EOF."""
    async with StandIn() as standin:
        group = standin.add_group("城管值班群 staff", members=[], admins=[])
        console = Console(standin, group.id, write=print)
        standin.world.chats[group.id].members[STAFF_ID] = "administrator"
        local = settings.model_copy(
            update={
                "telegram_token": SecretStr(standin.token),
                "telegram_api_url": standin.url,
                "staff_chat_id": group.id,
                "admin_ids": [STAFF_ID],
                "staff_ids": [],
            }
        )
        await prepare_database(local)
        # A second session on the same database must not reuse update ids the ledger has
        # seen: they would be dropped as redeliveries.
        standin.world.updates.continue_after(await _last_update_id(local))
        application = build_application(local, outbox_interval=0.2)
        await start_application(application)
        if staff:
            console.act("/as staff")
        print("城管小助手 console — /start to begin; /help-console lists the console's commands.")
        try:
            while True:
                await _settle(standin, application)
                console.show_new_messages()
                try:
                    line = await asyncio.to_thread(read)
                except EOFError:
                    break
                if not console.act(line):
                    break
            await _settle(standin, application)
            console.show_new_messages()
        finally:
            with contextlib.suppress(Exception):
                await stop_application(application)
            sys.stdout.flush()
