"""Deliver the outbox: every message owed reaches its chat, retried until it does, once each.

Chats are served side by side and each chat in order (urgent messages first). Telegram's
flood control (429, "retry after N") pauses only the chat it concerns, or every chat when
the bot as a whole is limited (bot/runtime/flood.py); the messages wait in the database meanwhile,
and a 429 never counts as a failed attempt, so flood control cannot make us give up on a
message. Other errors count towards MAX_ATTEMPTS with a backoff, as before.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import warnings
from collections import deque
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.runtime.flood import FloodGate
from bot.runtime.notify import render
from bot.runtime.rate_limit import OWED_SEND
from storage.db.engine import is_database_error
from storage.outbox import OutboxItem
from storage.outbox import service as outbox

if TYPE_CHECKING:
    from bot.context import CityApplication, Services

log = logging.getLogger(__name__)

RETRY_MARGIN = 0.1
"""Seconds added to Telegram's retry_after (a whole number) before trying again."""


def retry_after_seconds(error: RetryAfter) -> float:
    """The wait a 429 asks for, in seconds."""
    # A timedelta since PTB 22.2; reading .retry_after itself warns of the change.
    value: Any = getattr(error, "_retry_after", None)
    if not isinstance(value, timedelta):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = error.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class OutboxSender:
    """A background task that leases due outbox rows and sends them, chat by chat."""

    def __init__(
        self,
        application: CityApplication,
        *,
        interval: float = 1.0,
        batch: int = 50,
        per_chat: int = 5,
        concurrency: int = 8,
    ) -> None:
        self.application = application
        self.interval = interval
        self.batch = batch
        self.per_chat = per_chat
        """Messages of one chat leased at a time: a group (20 posts a minute) sends 5 well
        within the two-minute lease, and an urgent one owed meanwhile is claimed next."""
        self.gate = FloodGate()
        self._sending = asyncio.Semaphore(concurrency)
        self._queues: dict[int, deque[OutboxItem]] = {}
        self._chats: dict[int, asyncio.Task[None]] = {}
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._stopping = False
        self._claiming = False

    def start(self) -> None:
        """Start delivering in the background."""
        if self._task is None:
            self._task = asyncio.create_task(self._run(), name="citybot-outbox")

    def kick(self) -> None:
        """Deliver now rather than at the next tick (a handler just owed a message)."""
        self._wake.set()

    @property
    def in_flight(self) -> int:
        """Chats being sent to now, plus one for a kick or a claim under way (the console
        and the tests wait for 0: a reply just owed is then delivered, or held by a 429)."""
        return len(self._chats) + int(
            self._claiming or (self._wake.is_set() and not self._stopping)
        )

    async def stop(self, *, grace: float = 5.0) -> None:
        """Stop: sends under way may finish within `grace` seconds, the messages not yet
        tried go back to the database unleased, for the next start to send at once."""
        self._stopping = True
        try:
            if self._task is not None:
                # The loop ends by itself once it sees _stopping; the cancel only cuts short
                # a claim under way, and is repeated because one can be lost (see _run).
                self._wake.set()
                # A claim under way is let finish first: cancelled while it holds a
                # connection, the pool's rollback of it fails and logs a traceback.
                await asyncio.wait({self._task}, timeout=grace)
                while not self._task.done():
                    self._task.cancel()
                    await asyncio.wait({self._task}, timeout=grace)
                with contextlib.suppress(asyncio.CancelledError):
                    await self._task
            chats = list(self._chats.values())
            if chats:
                await asyncio.wait(chats, timeout=grace)
            for task in chats:
                task.cancel()  # still sending after the grace: their rows keep their lease
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        finally:
            self._task = None
            self._stopping = False

    @property
    def _services(self) -> Services:
        services = self.application.bot_data.services
        assert services is not None
        return services

    async def _run(self) -> None:
        while not self._stopping:
            claimed = 0
            try:
                claimed = await self.deliver_due()
            except Exception as error:
                if is_database_error(error):
                    log.warning("outbox: database unavailable; will retry")
                else:
                    log.exception("outbox: unexpected error; will retry")
            if claimed:
                continue  # other chats may have messages due as well
            timeout = max(self.interval, self.gate.wait_everything())
            # asyncio.timeout, not wait_for: on 3.11 wait_for swallows a cancellation that
            # arrives just as the event is set, and stop() then waited for this loop forever.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(timeout):
                    await self._wake.wait()
            self._wake.clear()

    async def deliver_due(self) -> int:
        """Lease due messages of the chats free to receive them and start sending them
        (in the background, a task per chat); returns how many were leased."""
        if self.gate.wait_everything() > 0:
            return 0
        staff_chat = self._services.settings.staff_chat_id
        skip = set(self._chats) | self.gate.paused_chats()
        self._claiming = True
        try:
            items = await self._claim(skip)
        finally:
            self._claiming = False
        by_chat: dict[int, list[OutboxItem]] = {}
        for item in items:
            chat_id = item.chat_id if item.recipient == "user" else staff_chat
            if chat_id is None:
                await self._failed(item, "no staff chat configured", permanent=True)
                continue
            by_chat.setdefault(chat_id, []).append(item)
        for chat_id, owed in by_chat.items():
            self._queues.setdefault(chat_id, deque()).extend(owed)
            if chat_id not in self._chats:
                self._chats[chat_id] = asyncio.create_task(
                    self._drain(chat_id), name=f"citybot-outbox-{chat_id}"
                )
        return len(items)

    async def _drain(self, chat_id: int) -> None:
        """Send a chat's leased messages in order; on a 429, hold the rest in the database."""
        queue = self._queues[chat_id]
        try:
            while queue and not self._stopping:
                wait = self.gate.wait(chat_id)
                if wait > 0:
                    held = [item.id for item in queue]
                    queue.clear()
                    await self._postpone(held, wait, f"flood control: waiting {wait:.1f} s")
                    break
                retry_after = await self._deliver(queue[0], chat_id)
                if retry_after is None:
                    queue.popleft()
                else:
                    self.gate.hit(chat_id, retry_after + RETRY_MARGIN)
            if queue:  # stopping: what was not tried is free to be claimed again at once
                await self._postpone([item.id for item in queue], 0, "sender stopped")
        except Exception as error:
            # The rest stay leased and are sent again once the lease runs out.
            if is_database_error(error):
                log.warning("outbox: database unavailable while sending to %s", chat_id)
            else:
                log.exception("outbox: unexpected error while sending to %s", chat_id)
        finally:
            self._queues.pop(chat_id, None)
            self._chats.pop(chat_id, None)
            self._wake.set()  # this chat may have more due now

    async def _deliver(self, item: OutboxItem, chat_id: int) -> float | None:
        """Send one message; the seconds Telegram asks us to wait, or None when it is done
        with (delivered, or recorded as failed)."""
        services = self._services
        store, wiring = services.store, services.wiring
        factory = wiring.keyboards.get(item.message_key)
        try:
            message = render(
                item,
                store.catalog,
                store.photos.root,
                words=wiring.words.get(item.message_key),
                buttons=(lambda i, lang: factory(self.application, i, lang)) if factory else None,
                now=store.clock(),  # deadlines read from when the message goes out
            )
        except Exception as error:  # a message that cannot be rendered never will be
            log.exception("outbox: cannot render message %s (%s)", item.id, item.message_key)
            await self._failed(item, f"render: {error!r}", permanent=True)
            return None
        bot = self.application.bot
        owed: dict[str, Any] = {"rate_limit_args": OWED_SEND} if bot.rate_limiter else {}
        try:
            async with self._sending:
                if message.photo is not None and message.photo.exists():
                    await bot.send_photo(
                        chat_id,
                        message.photo.read_bytes(),
                        caption=message.text[:1024],
                        reply_markup=message.buttons,
                        **owed,
                    )
                else:
                    await bot.send_message(
                        chat_id, message.text, reply_markup=message.buttons, **owed
                    )
        except RetryAfter as error:
            return retry_after_seconds(error)
        except (Forbidden, BadRequest) as error:
            # Blocked, chat gone, or a message Telegram refuses: retrying cannot help.
            await self._failed(item, str(error), permanent=True)
            return None
        except TelegramError as error:
            await self._failed(item, str(error))
            return None
        async with store.unit_of_work() as uow:
            await outbox.mark_delivered(uow, message_id=item.id)
        return None

    async def _claim(self, skip: set[int]) -> list[OutboxItem]:
        # A read first: most ticks find nothing due, and then take no write lock at all.
        store = self._services.store
        skip_staff = self._services.settings.staff_chat_id in skip
        async with store.unit_of_work(read_only=True) as uow:
            if not await outbox.any_due(uow, skip_chats=skip, skip_staff=skip_staff):
                return []
        async with store.unit_of_work() as uow:
            return await outbox.claim_due(
                uow,
                limit=self.batch,
                skip_chats=skip,
                skip_staff=skip_staff,
                per_chat=self.per_chat,
            )

    async def _failed(self, item: OutboxItem, error: str, *, permanent: bool = False) -> None:
        async with self._services.store.unit_of_work() as uow:
            await outbox.mark_failed(uow, message_id=item.id, error=error, permanent=permanent)

    async def _postpone(self, message_ids: list[int], seconds: float, reason: str) -> None:
        async with self._services.store.unit_of_work() as uow:
            await outbox.postpone(uow, message_ids=message_ids, seconds=seconds, reason=reason)
