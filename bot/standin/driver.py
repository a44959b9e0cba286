"""StandIn: the local Bot API server plus the driver a test (or the console) controls it with."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterable
from types import TracebackType
from typing import Any

from telegram import Bot, Chat, ChatMemberUpdated, Message, User
from telegram.ext import ApplicationBuilder

from bot.standin.buttons import ButtonActions
from bot.standin.errors import StandInError
from bot.standin.faults import Faults, FloodLimiter, FloodLimits
from bot.standin.holds import Hold
from bot.standin.live_locations import LiveLocationActions
from bot.standin.media_actions import MediaActions
from bot.standin.methods_chat import chat_member
from bot.standin.observing import BotObserver
from bot.standin.server import ApiServer
from bot.standin.state import ChatRecord, Clock, World
from bot.standin.webhook import WebhookDeliverer

MessagePredicate = Callable[[Message], bool]


class StandIn(MediaActions, LiveLocationActions, ButtonActions, BotObserver):
    """A local stand-in for the Telegram Bot API, driven in-process from the same event loop."""

    def __init__(
        self,
        *,
        token: str | None = None,
        bot_id: int = 7_000_000_001,
        bot_username: str = "citybot_test_bot",
        bot_name: str = "城管小助手",
        clock: Clock = time.time,
        webhook_retry_delay: float = 0.05,
    ) -> None:
        bot_user = User(
            bot_id,
            bot_name,
            is_bot=True,
            username=bot_username,
            can_join_groups=True,
            can_read_all_group_messages=False,
            supports_inline_queries=False,
            can_connect_to_business=False,
            has_main_web_app=False,
        )
        self.world = World(bot_user, token or f"{bot_id}:AA{secrets.token_urlsafe(25)}", clock)
        self.faults = Faults()
        self.api = ApiServer(self.world, self.faults)
        self._webhook = WebhookDeliverer(self.world, webhook_retry_delay)
        self._cursors: dict[int, int] = {}
        self._next_group = 1
        self.host = "127.0.0.1"
        self.port = 0

    # lifecycle -----------------------------------------------------------------------------

    async def start(self, host: str = "127.0.0.1", port: int = 0) -> StandIn:
        """Listen on host:port (0 = a free port) and start webhook delivery."""
        self.host = host
        self.port = await self.api.start(host, port)
        self._webhook.start()
        return self

    async def stop(self) -> None:
        """End long polls, stop webhook delivery and the HTTP server."""
        self.api.holds.release_all()
        self.world.updates.close()
        for record in self.world.polls.values():
            if record.closer is not None:
                record.closer.cancel()
        await self._webhook.stop()
        await self.api.stop()

    async def __aenter__(self) -> StandIn:
        return await self.start()

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    @property
    def url(self) -> str:
        """The server root, e.g. http://127.0.0.1:41234."""
        return f"http://{self.host}:{self.port}"

    @property
    def base_url(self) -> str:
        """PTB's base_url (it appends the token)."""
        return f"{self.url}/bot"

    @property
    def base_file_url(self) -> str:
        """PTB's base_file_url (it appends the token)."""
        return f"{self.url}/file/bot"

    @property
    def token(self) -> str:
        """The bot token the stand-in accepts."""
        return self.world.token

    @property
    def bot_user(self) -> User:
        """The bot's own User, as getMe returns it."""
        return self.world.bot_user

    def make_bot(self) -> Bot:
        """A telegram.Bot pointed at this stand-in (not initialised)."""
        return Bot(self.token, base_url=self.base_url, base_file_url=self.base_file_url)

    def application_builder(self) -> ApplicationBuilder[Any, Any, Any, Any, Any, Any]:
        """An ApplicationBuilder with token, URLs and short get_updates timeouts set."""
        return (
            ApplicationBuilder()
            .token(self.token)
            .base_url(self.base_url)
            .base_file_url(self.base_file_url)
        )

    # users and chats -----------------------------------------------------------------------

    def add_user(
        self,
        id: int,
        first_name: str,
        language_code: str = "zh-hans",
        username: str | None = None,
        last_name: str | None = None,
    ) -> User:
        """Register a Telegram user the test can act as."""
        user = User(
            id,
            first_name,
            is_bot=False,
            last_name=last_name,
            username=username,
            language_code=language_code,
        )
        self.world.users[id] = user
        return user

    def add_group(
        self,
        title: str,
        members: Iterable[User],
        admins: Iterable[User] = (),
        forum: bool = False,
        supergroup: bool = True,
        *,
        bot_is_admin: bool = False,
        owner: User | None = None,
        username: str | None = None,
    ) -> Chat:
        """A group (a supergroup by default) with members, admins and the bot in it."""
        number, self._next_group = self._next_group, self._next_group + 1
        if forum and not supergroup:
            raise StandInError("only supergroups can be forums")
        chat_id = -(1_000_000_000_000 + number) if supergroup else -(400_000_000 + number)
        chat = Chat(
            chat_id,
            Chat.SUPERGROUP if supergroup else Chat.GROUP,
            title=title,
            username=username,
            is_forum=True if forum else None,
        )
        record = ChatRecord(chat, bot_status="administrator" if bot_is_admin else "member")
        for user, status in [
            *((u, "member") for u in members),
            *((u, "administrator") for u in admins),
            *([(owner, "creator")] if owner else []),
        ]:
            self.world.users.setdefault(user.id, user)
            record.members[user.id] = status
        self.world.chats[chat_id] = record
        return chat

    def _set_blocked(self, chat_id: int, blocked: bool) -> None:
        record = self.world.chats.get(chat_id)
        if record is None or record.chat.type != Chat.PRIVATE:
            raise StandInError(f"{chat_id} is not a private chat with the bot")
        if record.blocked == blocked:
            return
        old, new = ("member", "kicked") if blocked else ("kicked", "member")
        record.blocked = blocked
        self.world.emit(
            my_chat_member=ChatMemberUpdated(
                chat=record.chat,
                from_user=self.world.users[chat_id],
                date=self.world.now(),
                old_chat_member=chat_member(record, self.world.bot_user, old),
                new_chat_member=chat_member(record, self.world.bot_user, new),
            )
        )

    def block_bot(self, chat_id: int) -> None:
        """The user blocks the bot: sends now fail with 403 (and a my_chat_member update)."""
        self._set_blocked(chat_id, True)

    def unblock_bot(self, chat_id: int) -> None:
        """The user unblocks the bot."""
        self._set_blocked(chat_id, False)

    # faults --------------------------------------------------------------------------------

    def fail_next(
        self,
        method: str,
        error_code: int = 429,
        retry_after: int = 1,
        times: int = 1,
        description: str | None = None,
    ) -> None:
        """Answer the next `times` calls of `method` with a Telegram-shaped error."""
        self.faults.add(method, error_code, retry_after, times, description)

    def hold(self, method: str, chat_id: int | None = None, *, before: bool = False) -> Hold:
        """Hold the bot's next `method` call (to `chat_id`) until the test releases it.

        `before=False` holds it after it took effect (the message is sent; the bot has not
        had the answer), `before=True` before (nothing happened yet).
        """
        return self.api.holds.add(method, chat_id, before=before)

    def flood_storm(self, seconds: float, retry_after: int | None = None) -> None:
        """For `seconds` from now, every send answers 429 (retry_after: the time left, or
        the value given), as when Telegram holds a bot to its flood limits."""
        self.faults.storm(self.world.clock() + seconds, retry_after)

    def set_rate_limit(
        self,
        enabled: bool = True,
        *,
        private_per_second: int | None = 1,
        group_per_minute: int | None = 20,
        global_per_second: int | None = 30,
    ) -> None:
        """Turn Telegram-like flood limits on (429 with retry_after) or off (the default)."""
        limits = FloodLimits(private_per_second, group_per_minute, global_per_second)
        self.api.limiter = FloodLimiter(limits) if enabled else None
