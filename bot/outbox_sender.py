"""Deliver the outbox: every message owed reaches its chat, retried until it does, once each."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import TYPE_CHECKING

from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.notify import render
from storage.db import is_database_error
from storage.outbox import OutboxItem

if TYPE_CHECKING:
    from bot.context import CityApplication

log = logging.getLogger(__name__)


class OutboxSender:
    """A background task that leases due outbox rows and sends them in order."""

    def __init__(
        self, application: CityApplication, *, interval: float = 1.0, batch: int = 50
    ) -> None:
        self.application = application
        self.interval = interval
        self.batch = batch
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        """Start delivering in the background."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="citybot-outbox")

    def kick(self) -> None:
        """Deliver now rather than at the next tick (a handler just owed a message)."""
        self._wake.set()

    async def stop(self) -> None:
        """Stop the background task; undelivered rows wait in the database."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None

    async def _run(self) -> None:
        while True:
            try:
                while await self.deliver_due() == self.batch:
                    pass
            except Exception as error:
                if is_database_error(error):
                    log.warning("outbox: database unavailable; will retry")
                else:
                    log.exception("outbox: unexpected error; will retry")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.interval)
            self._wake.clear()

    async def deliver_due(self) -> int:
        """Send every due message once; returns how many were claimed."""
        services = self.application.bot_data.services
        assert services is not None
        items = await services.store.claim_outbox(limit=self.batch)
        for item in items:
            await self._deliver(item)
        return len(items)

    async def _deliver(self, item: OutboxItem) -> None:
        services = self.application.bot_data.services
        assert services is not None
        store, settings = services.store, services.settings
        chat_id = item.chat_id if item.recipient == "user" else settings.staff_chat_id
        if chat_id is None:
            await store.outbox_failed(item.id, error="no staff chat configured", permanent=True)
            return
        message = render(item, store.catalog, store.photos.root)
        bot = self.application.bot
        try:
            if message.photo is not None and message.photo.exists():
                await bot.send_photo(
                    chat_id,
                    message.photo.read_bytes(),
                    caption=message.text[:1024],
                    reply_markup=message.buttons,
                )
            else:
                await bot.send_message(chat_id, message.text, reply_markup=message.buttons)
        except RetryAfter as exc:
            wait = (
                exc.retry_after.total_seconds()
                if hasattr(exc.retry_after, "total_seconds")
                else exc.retry_after
            )
            await store.outbox_failed(item.id, error=str(exc), retry_after=float(wait))
            return
        except (Forbidden, BadRequest) as exc:
            # Blocked, chat gone, or a message Telegram refuses: retrying cannot help.
            await store.outbox_failed(item.id, error=str(exc), permanent=True)
            return
        except TelegramError as exc:
            await store.outbox_failed(item.id, error=str(exc))
            return
        await store.outbox_delivered(item.id)
