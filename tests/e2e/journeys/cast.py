"""The people of a journey and the bot they talk to, on an event loop of the journey's own.

Hypothesis' stateful rules are plain functions, so each example opens a fresh stand-in,
database and Application on a new event loop, and every rule runs its coroutine on that
loop to the end; the bot works while a rule runs, which is all the time it needs. The policy
index is the one thing shared between examples (opening it takes seconds): it is read-only
for everything the journeys do.
"""

from __future__ import annotations

import asyncio
import io
import logging
import shutil
import tempfile
from collections.abc import Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from PIL import Image
from sqlalchemy import select
from telegram import Chat, User

from bot.app import build_application, start_application
from bot.cli.console import wait_until_settled
from bot.runtime.database import prepare_database
from bot.standin import StandIn
from knowledge.base import KnowledgeBase
from storage.botstate.models import ProcessedUpdate
from storage.outbox.models import OutboxMessage
from tests.e2e.harness import BotHarness, harness_settings

T = TypeVar("T")

RESIDENTS = (("小明", 610001, "zh-hans"), ("Alice", 610002, "en"), ("阿芳", 610003, "zh-CN"))
"""Residents: name, Telegram id, the language their Telegram is set to."""
ADMIN_ID, DISPATCHER_ID, BYSTANDER_ID, TEACHER_ID = 690001, 690002, 690003, 690004
OWED_WITHIN = 15.0
"""Seconds an owed message may take to leave the outbox before it counts as undelivered."""


def jpeg(colour: tuple[int, int, int], size: tuple[int, int] = (320, 240)) -> bytes:
    """A real JPEG of one colour."""
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format="JPEG")
    return out.getvalue()


class ErrorLog(logging.Handler):
    """Keeps every ERROR the bot logs (a handler that raised, a message that failed)."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        self.records.append(f"{record.name}: {text}")


async def _cancel_the_rest() -> None:
    """Cancel every other task of the running loop and wait for them to end."""
    left = asyncio.all_tasks() - {asyncio.current_task()}
    for task in left:
        task.cancel()
    await asyncio.gather(*left, return_exceptions=True)


@dataclass
class Journey:
    """One example's world: the stand-in, its people and groups, and the bot."""

    knowledge: KnowledgeBase
    loop: asyncio.AbstractEventLoop = field(default_factory=asyncio.new_event_loop)
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="journey-")))
    errors: ErrorLog = field(default_factory=ErrorLog)

    def run(self, work: Coroutine[Any, Any, T]) -> T:
        """Run `work` on the journey's loop (the bot runs meanwhile)."""
        return self.loop.run_until_complete(work)

    def open(self) -> Journey:
        """Start the stand-in and the bot, with everyone in their chats and groups."""
        logging.getLogger().addHandler(self.errors)
        self.run(self._open())
        return self

    async def _open(self) -> None:
        standin = self.standin = StandIn()
        await standin.start()
        self.residents = [
            standin.add_user(number, name, language_code=code) for name, number, code in RESIDENTS
        ]
        self.admin = standin.add_user(ADMIN_ID, "管理员")
        self.dispatcher = standin.add_user(DISPATCHER_ID, "调度员")
        self.bystander = standin.add_user(BYSTANDER_ID, "老王")  # in the group, not staff
        self.teacher = standin.add_user(TEACHER_ID, "王老师")
        for user in [*self.residents, self.admin, self.dispatcher, self.bystander, self.teacher]:
            standin.private_chat(user)
        self.staff_group = standin.add_group(
            "城管值班群", members=[self.bystander], admins=[self.admin, self.dispatcher]
        )
        self.class_group = standin.add_group(
            "三年级二班", members=self.residents[:2], admins=[self.teacher]
        )
        database = f"sqlite+aiosqlite:///{self.folder / 'bot.db'}"
        settings = harness_settings(standin, self.folder, database, self.staff_group)
        settings = settings.model_copy(update={"admin_ids": [ADMIN_ID]})
        settings = settings.model_copy(update={"staff_ids": [DISPATCHER_ID]})
        self.harness = BotHarness(standin, settings, self.staff_group)
        await prepare_database(settings)
        # Without PTB's flood control, which holds a group to 20 posts a minute as Telegram
        # does: the stand-in has no limit, and the journeys are about what is said.
        app = build_application(settings, outbox_interval=0.05, rate_limit=False)
        assert app.bot_data.services is not None
        app.bot_data.services.knowledge = self.knowledge
        await start_application(app)
        self.harness.app = app

    def close(self) -> None:
        """Stop the bot and the stand-in, and forget the example's files."""
        try:
            self.run(self._close())
        finally:
            logging.getLogger().removeHandler(self.errors)
            # As asyncio.run ends: what the bot left running is cancelled and awaited, so no
            # database thread calls back into a closed loop.
            self.run(_cancel_the_rest())
            self.run(self.loop.shutdown_asyncgens())
            self.run(self.loop.shutdown_default_executor())
            self.loop.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    async def _close(self) -> None:
        await self.harness.stop()
        await self.standin.stop()

    @property
    def people(self) -> list[User]:
        """Everyone who talks to the bot."""
        return [*self.residents, self.admin, self.dispatcher, self.bystander, self.teacher]

    def user(self, user_id: int) -> User | None:
        """A person of the journey by id."""
        return next((user for user in self.people if user.id == user_id), None)

    @property
    def groups(self) -> list[Chat]:
        """The staff group and the class group."""
        return [self.staff_group, self.class_group]

    async def settle(self, update_ids: list[int]) -> list[str]:
        """Wait until the bot handled `update_ids` (its ledger says so: a quiet spell alone
        can end before a busy machine put a fetched update in the queue), went quiet and
        delivered what it owes; the owed messages still undelivered after OWED_WITHIN
        seconds, described."""
        app = self.harness.app
        assert app is not None
        await self._handled(update_ids)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + OWED_WITHIN
        while True:
            await wait_until_settled(self.standin, app, quiet=0.05, within=60)
            waiting = await self._undelivered()
            if not waiting or loop.time() > deadline:
                return waiting
            await asyncio.sleep(0.05)

    async def _handled(self, update_ids: list[int], within: float = 60.0) -> None:
        wanted = set(update_ids)
        store = self.harness.services.store
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while wanted:
            async with store.reading() as session:
                rows = await session.execute(
                    select(ProcessedUpdate.update_id).where(
                        ProcessedUpdate.update_id.in_(wanted), ProcessedUpdate.done.is_(True)
                    )
                )
                wanted -= {row[0] for row in rows}
            if wanted and loop.time() > deadline:
                raise TimeoutError(f"updates {sorted(wanted)} not handled in {within} s")
            await asyncio.sleep(0.02 if wanted else 0)

    async def _undelivered(self) -> list[str]:
        store = self.harness.services.store
        async with store.reading() as session:
            rows = await session.execute(
                select(OutboxMessage).where(OutboxMessage.delivered_at.is_(None))
            )
            return [
                f"{row.message_key} to {row.chat_id or row.recipient}: "
                f"{row.last_error or 'not sent yet'}"
                for row in rows.scalars()
            ]
