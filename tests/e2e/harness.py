"""The real Application, long-polling the local Bot API stand-in, on a real database."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from sqlalchemy import select
from telegram import Chat, Message, User

from bot.app import build_application, start_application, stop_application
from bot.cli.console import wait_until_settled
from bot.context import CityApplication, Services
from bot.features import FEATURES
from bot.runtime.database import prepare_database
from bot.settings import Settings
from bot.standin import StandIn
from bot.wiring import assemble
from handlers.basic import help_text
from storage.botstate.models import ProcessedUpdate

RESIDENT_ID, NEIGHBOUR_ID, ADMIN_ID, DISPATCHER_ID, WORKER_ID = 1001, 1002, 9001, 9002, 9003


def resident_help(lang: str) -> str:
    """What /help says to a resident in a private chat, in `lang`."""
    return help_text(assemble(FEATURES), lang)


@dataclass
class BotHarness:
    """A stand-in, the bot's settings and (while running) the Application."""

    standin: StandIn
    settings: Settings
    staff_group: Chat
    app: CityApplication | None = None
    users: dict[str, User] = field(default_factory=dict)

    @property
    def services(self) -> Services:
        assert self.app is not None and self.app.bot_data.services is not None
        return self.app.bot_data.services

    async def start(self, **build: Any) -> None:
        await prepare_database(self.settings)
        build.setdefault("outbox_interval", 0.05)
        self.app = build_application(self.settings, **build)
        await start_application(self.app)

    async def stop(self) -> None:
        if self.app is not None:
            await stop_application(self.app)
            self.app = None

    async def restart(self) -> None:
        await self.stop()
        await self.start()

    def sent_to(self, user_or_chat: User | Chat | int) -> list[Message]:
        chat_id = user_or_chat if isinstance(user_or_chat, int) else user_or_chat.id
        return self.standin.messages_to(chat_id)

    async def say(self, user: User, text: str, *, chat: Chat | int | None = None) -> Message:
        """Send text as `user` and return the bot's first reply in that chat."""
        target = chat.id if isinstance(chat, Chat) else chat if chat is not None else user.id
        before = len(self.standin.messages_to(target))
        self.standin.send_text(user, text, chat)
        return await self.next_reply(target, before)

    async def next_reply(self, chat_id: int, before: int, wait: float = 15.0) -> Message:
        """The first message the bot sends to `chat_id` after it had sent `before` there."""
        return await self.standin.wait_for_message(
            chat_id, lambda m: self.standin.messages_to(chat_id).index(m) >= before, timeout=wait
        )

    async def wait_handled(self, update_ids: list[int], within: float = 60.0) -> None:
        """Wait until the bot's update ledger says every one of `update_ids` was handled."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        wanted = set(update_ids)
        while True:
            async with self.services.store.reading() as session:
                rows = await session.execute(
                    select(ProcessedUpdate.update_id).where(ProcessedUpdate.done.is_(True))
                )
                done = {row[0] for row in rows}
            if wanted <= done:
                return
            if loop.time() > deadline:
                missing = sorted(wanted - done)
                raise TimeoutError(
                    f"{len(missing)} updates not handled in {within}s: {missing[:20]}"
                )
            await asyncio.sleep(0.1)

    async def eventually(self, condition: Callable[[], object], within: float = 15.0) -> None:
        """Wait until `condition()` is true (the bot works in the background)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while not condition():
            if loop.time() > deadline:
                raise TimeoutError(f"condition not met within {within}s")
            await asyncio.sleep(0.02)

    def edited_text(self, chat_id: int, message_id: int) -> str:
        """The current text (or caption) of a message the bot sent."""
        message = self.standin.message(chat_id, message_id)
        return (message.text or message.caption or "") if message is not None else ""

    async def settle(self, quiet: float = 0.3) -> None:
        """Wait until the bot has handled everything sent so far and gone quiet."""
        assert self.app is not None
        await wait_until_settled(self.standin, self.app, quiet=quiet, within=60)


def harness_settings(standin: StandIn, tmp_path: Path, database_url: str, group: Chat) -> Settings:
    """Settings for a bot that talks to `standin`, with staff and a staff group."""
    return Settings(
        telegram_token=SecretStr(standin.token),
        telegram_api_url=standin.url,  # type: ignore[arg-type]
        database_url=database_url,
        data_dir=tmp_path / "data",
        index_dir=tmp_path / "index",
        admin_ids=[ADMIN_ID],
        staff_ids=[DISPATCHER_ID],
        staff_chat_id=group.id,
        _env_file=None,  # type: ignore[call-arg]
    )
