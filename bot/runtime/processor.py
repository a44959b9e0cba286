"""How updates are processed: once each, in order per chat, with state saved after each.

PTB's own concurrent processing would let two messages of one resident race each other
(and a conversation with them); one lock per chat keeps a chat's updates in order while
different chats run side by side. Updates reach here already recorded in the ledger
(bot/runtime/receipts.py drops redeliveries); after each one, the state it left and its "done"
mark are saved in one transaction, so a kill at any point redoes the step on restart or
finds it done, never skips it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import TYPE_CHECKING, Any

from telegram import Update
from telegram.ext import BaseUpdateProcessor

from bot.runtime.persistence import DatabasePersistence
from storage.botstate import service as botstate
from storage.db.engine import is_database_error

if TYPE_CHECKING:
    from bot.context import CityApplication

log = logging.getLogger(__name__)

FLUSH_DELAY = 0.2


def ordering_key(update: object) -> int | None:
    """The chat (or, for poll answers and the like, the user) whose updates must stay in order."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return update.effective_chat.id
    if update.effective_user is not None:
        return update.effective_user.id
    return None


class ReliableUpdateProcessor(BaseUpdateProcessor):
    """Concurrent across chats, sequential within one, deduplicated, persisted per update."""

    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self.application: CityApplication | None = None
        self._locks: dict[int, asyncio.Lock] = {}
        self._waiters: dict[int, int] = {}
        self._finished: list[int] = []
        self.in_flight = 0
        """Updates being handled right now (the console waits for this to reach zero)."""
        self._flush_task: asyncio.Task[None] | None = None

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Write the last "finished" marks."""
        if self._flush_task is not None:
            await self._flush_task
        await self._flush()

    def _mark_finished(self, update_id: int) -> None:
        # One transaction for every update finished in the next 200 ms instead of one each:
        # a crash loses at most these marks, and a lost mark only means a redelivered
        # update waits for its claim to go stale before it is handled again.
        self._finished.append(update_id)
        if self._flush_task is None or self._flush_task.done():
            self._flush_task = asyncio.create_task(self._flush_soon())

    async def _flush_soon(self) -> None:
        # Marks added while a flush is in flight are picked up by the next turn here.
        while self._finished:
            await asyncio.sleep(FLUSH_DELAY)
            await self._flush()

    async def _flush(self) -> None:
        application = self.application
        if not self._finished or application is None or application.bot_data.services is None:
            return
        batch, self._finished = self._finished, []
        try:
            store = application.bot_data.services.store
            async with store.unit_of_work() as uow:
                await botstate.finish_updates(uow, bot_id=application.bot.id, update_ids=batch)
        except Exception as error:
            if not is_database_error(error):
                raise
            log.warning("could not record %d handled updates; they may be redone", len(batch))

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Handle `update` unless it was handled already, holding its chat's lock."""
        # Counted here, not before the concurrency slot: an update waiting for a slot
        # implies every slot is held by one counted here, so "zero" still means idle.
        self.in_flight += 1
        try:
            await self._ordered(update, coroutine)
        finally:
            self.in_flight -= 1

    async def _ordered(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = ordering_key(update)
        if key is None:
            await self._process_once(update, coroutine)
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiters[key] = self._waiters.get(key, 0) + 1
        try:
            async with lock:
                await self._process_once(update, coroutine)
        finally:
            self._waiters[key] -= 1
            if not self._waiters[key]:
                del self._waiters[key], self._locks[key]

    async def _process_once(self, update: object, coroutine: Awaitable[Any]) -> None:
        application = self.application
        services = application.bot_data.services if application else None
        if application is None or services is None:
            await coroutine
            return
        receipts = services.receipts
        update_id = update.update_id if isinstance(update, Update) else None
        recorded = update_id is not None and update_id in receipts.recorded
        await coroutine
        finished = [update_id] if recorded and update_id is not None else []
        persistence = application.persistence
        try:
            if isinstance(persistence, DatabasePersistence):
                saved = await persistence.save_step(
                    application.update_persistence, bot_id=application.bot.id, finished=finished
                )
            else:
                await application.update_persistence()
                saved = False
            if finished and not saved:
                self._mark_finished(finished[0])
        except Exception as error:
            if not is_database_error(error):
                raise
            # Left unfinished in the ledger: the next start redoes it from its payload.
            log.warning(
                "could not save state after update %s; will retry", update_id, exc_info=True
            )
        finally:
            if update_id is not None:
                receipts.finished(update_id)
