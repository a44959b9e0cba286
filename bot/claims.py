"""Claims of the update ledger, grouped: updates arriving together share one transaction.

Every update is claimed before it is handled; with many chats at once, one write per
update queues on SQLite's single writer. Callers that ask within a few milliseconds of
each other wait on one batch instead.
"""

from __future__ import annotations

import asyncio

from storage import Store

GATHER_DELAY = 0.002


class ClaimBatcher:
    """Claims updates in batches; each caller learns whether its update is its to handle."""

    def __init__(self, store: Store, bot_id: int) -> None:
        self.store = store
        self.bot_id = bot_id
        self._waiting: dict[int, list[asyncio.Future[bool]]] = {}
        self._task: asyncio.Task[None] | None = None

    async def claim(self, update_id: int) -> bool:
        """True if this worker should handle the update (first delivery, or a dead claim)."""
        future: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiting.setdefault(update_id, []).append(future)
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._run())
        return await future

    async def _run(self) -> None:
        while self._waiting:
            await asyncio.sleep(GATHER_DELAY)
            batch, self._waiting = self._waiting, {}
            try:
                claimed = await self.store.claim_updates(self.bot_id, list(batch))
            except Exception as error:
                for futures in batch.values():
                    for future in futures:
                        if not future.done():
                            future.set_exception(error)
                continue
            for update_id, futures in batch.items():
                # Two deliveries of one update in the same batch: only the first may go on.
                for position, future in enumerate(futures):
                    if not future.done():
                        future.set_result(update_id in claimed and position == 0)
