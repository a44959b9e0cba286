"""Updates are written down as they arrive, before Telegram is told they were received.

Long polling confirms a batch by asking for the next one, and a webhook by answering 200;
after either, Telegram never sends those updates again. So each update is recorded in the
ledger, with its payload, first: a process killed while handling it finds it there on
restart and handles it again (bot/runtime/processor.py marks it done together with the state it
left). An update already in the ledger is a redelivery and goes no further.
"""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

from telegram import Update
from telegram.ext import ExtBot

from storage import Store
from storage.botstate import service as botstate
from storage.db.engine import is_database_error

log = logging.getLogger(__name__)


def payload_of(update: Update) -> dict[str, Any]:
    """The update as plain JSON, as Telegram sent it."""
    # NaN and Infinity are not JSON (Telegram never sends them, a forged update may) and
    # PostgreSQL refuses them, which would leave the whole batch unrecorded: null instead.
    return json.loads(update.to_json(), parse_constant=_null)  # type: ignore[no-any-return]


def _null(constant: str) -> None:
    return None


class UpdateReceipts:
    """The ledger's front door: which arriving updates are new, recorded before admission."""

    def __init__(self) -> None:
        self.store: Store | None = None
        self.bot_id = 0
        self.instance = "main"
        self._fresh: set[int] = set()
        self._redelivered: set[int] = set()
        self.recorded: set[int] = set()
        """Ids recorded in the ledger and not finished yet (the processor marks them done)."""

    def bind(self, store: Store, bot_id: int, instance: str) -> None:
        """Start recording, once the bot knows its own id."""
        self.store, self.bot_id, self.instance = store, bot_id, instance

    async def record(self, updates: list[Update]) -> None:
        """Record a batch in one transaction and remember which of them are new."""
        if self.store is None or not updates:
            return
        try:
            async with self.store.unit_of_work() as uow:
                new = await botstate.receive_updates(
                    uow,
                    bot_id=self.bot_id,
                    updates=[(update.update_id, payload_of(update)) for update in updates],
                    instance=self.instance,
                )
        except Exception as error:
            if not is_database_error(error):
                raise
            # Without the ledger the updates are still handled: a duplicate is better than
            # a lost report, and filing is idempotent on its own.
            log.warning("update ledger unavailable; handling %d updates unrecorded", len(updates))
            self._fresh.update(update.update_id for update in updates)
            return
        for update in updates:
            if update.update_id in new:
                self._fresh.add(update.update_id)
                self.recorded.add(update.update_id)
            else:
                self._redelivered.add(update.update_id)

    async def admit(self, update: Update) -> bool:
        """True if `update` is to be handled; False for a redelivery."""
        if self.store is None:
            return True
        update_id = update.update_id
        if update_id not in self._fresh and update_id not in self._redelivered:
            await self.record([update])
        if update_id in self._redelivered:
            self._redelivered.discard(update_id)
            log.info("update %s was received already; skipping", update_id)
            return False
        self._fresh.discard(update_id)
        return True

    def finished(self, update_id: int) -> None:
        """The processor is done with this update."""
        self.recorded.discard(update_id)

    async def take_over(self, bot: ExtBot[None]) -> list[Update]:
        """Updates a killed process received but never finished, to be handled again."""
        if self.store is None:
            return []
        async with self.store.unit_of_work() as uow:
            taken = await botstate.take_over_unfinished(
                uow, bot_id=self.bot_id, instance=self.instance
            )
        updates: list[Update] = []
        for update_id, payload in taken:
            try:
                update = Update.de_json(payload, bot)
            except Exception:  # a payload this PTB release cannot read: nothing to redo
                log.warning("cannot redo update %s; dropping it", update_id, exc_info=True)
                async with self.store.unit_of_work() as uow:
                    await botstate.finish_updates(uow, bot_id=self.bot_id, update_ids=[update_id])
                continue
            self._fresh.add(update_id)
            self.recorded.add(update_id)
            updates.append(update)
        if updates:
            log.warning("redoing %d updates left unfinished by the last run", len(updates))
        return updates


class DurableUpdateQueue(asyncio.Queue[object]):
    """PTB's update queue, admitting each update only after the ledger has it."""

    def __init__(self, receipts: UpdateReceipts) -> None:
        super().__init__()
        self.receipts = receipts

    async def put(self, item: object) -> None:
        """Queue `item`; an update is recorded first, and a redelivered one dropped."""
        if isinstance(item, Update) and not await self.receipts.admit(item):
            return
        await super().put(item)
