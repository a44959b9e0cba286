"""The bot's update queue: ids, offset confirmation, long polling, allowed_updates."""

from __future__ import annotations

import asyncio
import bisect
import contextlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from telegram.constants import UpdateType

from bot.standin.errors import ApiError

JSON = dict[str, Any]

# What Telegram sends when allowed_updates is empty or was never set.
DEFAULT_ALLOWED = frozenset(UpdateType) - {
    UpdateType.CHAT_MEMBER,
    UpdateType.MESSAGE_REACTION,
    UpdateType.MESSAGE_REACTION_COUNT,
}


class Pulse:
    """Wakes every waiter when something changes (an asyncio.Event that re-arms)."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def notify(self) -> None:
        """Wake everyone waiting now."""
        self._event.set()
        self._event = asyncio.Event()

    async def wait(self, seconds: float) -> None:
        """Wait for the next notify, at most `seconds`."""
        event = self._event
        # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancellation that
        # arrives just as the event is set, leaving the waiter running forever.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(max(seconds, 0)):
                await event.wait()


@dataclass
class WebhookConfig:
    """A webhook set with setWebhook, and how delivery to it is going."""

    url: str
    secret_token: str | None
    max_connections: int = 40
    last_error_date: int | None = None
    last_error_message: str | None = None


_FALSE_FLAGS = (
    "channel_chat_created",
    "delete_chat_photo",
    "group_chat_created",
    "supergroup_chat_created",
)


def telegram_json(value: Any) -> Any:
    """JSON as Telegram sends it: drops the False service flags PTB adds to copied messages."""
    if isinstance(value, list):
        return [telegram_json(item) for item in value]
    if isinstance(value, dict):
        return {
            key: telegram_json(item)
            for key, item in value.items()
            if not (item is False and key in _FALSE_FLAGS)
        }
    return value


def update_kind(update: JSON) -> str:
    """The update's type: the one field besides update_id."""
    return next((key for key in update if key != "update_id"), "")


class UpdateQueue:
    """Pending updates as Telegram keeps them for one bot."""

    def __init__(self) -> None:
        self.pending: list[JSON] = []
        self.unfetched: set[int] = set()
        self.allowed: frozenset[str] = DEFAULT_ALLOWED
        self.webhook: WebhookConfig | None = None
        self.arrived = Pulse()
        self.closed = False
        self._next_id = 1
        self._waiting: object | None = None
        self._superseded: set[object] = set()

    def continue_after(self, update_id: int) -> None:
        """Number new updates after `update_id`, as Telegram's ids only ever grow."""
        self._next_id = max(self._next_id, update_id + 1)

    def next_id(self) -> int:
        """A fresh update_id."""
        update_id = self._next_id
        self._next_id += 1
        return update_id

    def push(self, update: JSON, *, force: bool = False) -> bool:
        """Queue an update unless allowed_updates filters it out; True if queued."""
        if not force and update_kind(update) not in self.allowed:
            return False
        update_id = int(update["update_id"])
        self.pending = [item for item in self.pending if item["update_id"] != update_id]
        bisect.insort(self.pending, update, key=lambda item: int(item["update_id"]))
        self.unfetched.add(update_id)
        self._next_id = max(self._next_id, update_id + 1)
        self.arrived.notify()
        return True

    def set_allowed(self, allowed: Iterable[str] | None) -> None:
        """Remember allowed_updates; an empty list means Telegram's default set."""
        if allowed is None:
            return
        names = frozenset(allowed)
        self.allowed = names if names else DEFAULT_ALLOWED

    def confirm(self, offset: int) -> None:
        """Forget updates below offset (or all but the last -offset ones)."""
        if offset < 0:
            self.pending = self.pending[offset:]
        elif offset > 0:
            self.pending = [item for item in self.pending if item["update_id"] >= offset]
        self.unfetched &= {int(item["update_id"]) for item in self.pending}

    def drop_pending(self) -> None:
        """Forget every pending update (drop_pending_updates)."""
        self.pending.clear()
        self.unfetched.clear()

    def mark_fetched(self, updates: Iterable[JSON]) -> None:
        """Note that these updates reached the bot."""
        for update in updates:
            self.unfetched.discard(int(update["update_id"]))

    async def poll(self, offset: int | None, limit: int, wait: float) -> list[JSON]:
        """getUpdates: confirm, then return pending updates, waiting up to timeout for some."""
        if self.webhook is not None:
            raise ApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        if offset is not None:
            self.confirm(offset)
        me = object()
        if self._waiting is not None:
            self._superseded.add(self._waiting)
            self.arrived.notify()
        self._waiting = me
        loop = asyncio.get_running_loop()
        deadline = loop.time() + wait
        try:
            while True:
                if me in self._superseded:
                    self._superseded.discard(me)
                    raise ApiError(
                        409,
                        "Conflict: terminated by other getUpdates request; "
                        "make sure that only one bot instance is running",
                    )
                batch = self.pending[:limit]
                remaining = deadline - loop.time()
                if batch or remaining <= 0 or self.closed or self.webhook is not None:
                    self.mark_fetched(batch)
                    return batch
                await self.arrived.wait(remaining)
        finally:
            if self._waiting is me:
                self._waiting = None

    def close(self) -> None:
        """Let every long poll return now (the server is stopping)."""
        self.closed = True
        self.arrived.notify()
