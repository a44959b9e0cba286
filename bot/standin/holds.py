"""Calls a test asks the stand-in to hold: the bot waits on Telegram while the test acts.

A test that must kill the bot at an exact point (its reply sent, its state not yet saved)
holds the reply's call, kills the process while it waits for Telegram's answer, and then
lets the call go.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Hold:
    """One held call: `reached` is set when the bot makes it; `release()` answers it."""

    method: str
    chat_id: int | None
    before: bool
    reached: asyncio.Event = field(default_factory=asyncio.Event)
    _released: asyncio.Event = field(default_factory=asyncio.Event)

    def release(self) -> None:
        """Let the held call go on (or, with the bot dead, finish into a closed socket)."""
        self._released.set()

    def matches(self, method: str, chat_id: Any, before: bool) -> bool:
        """True if this hold is for that call at that moment."""
        same_chat = self.chat_id is None or str(chat_id) == str(self.chat_id)
        return self.method == method.lower() and same_chat and self.before == before


class Holds:
    """Holds waiting for their call, taken in the order they were asked for."""

    def __init__(self) -> None:
        self._waiting: list[Hold] = []

    def add(self, method: str, chat_id: int | None, *, before: bool) -> Hold:
        """Hold the next call of `method` (to `chat_id`), before or after it is carried out."""
        hold = Hold(method.lower(), chat_id, before)
        self._waiting.append(hold)
        return hold

    async def pause(self, method: str, chat_id: Any, *, before: bool) -> None:
        """Wait here if a hold matches this call."""
        for hold in self._waiting:
            if hold.matches(method, chat_id, before):
                self._waiting.remove(hold)
                hold.reached.set()
                await hold._released.wait()
                return

    def release_all(self) -> None:
        """Let every held and waiting call go (the stand-in is stopping)."""
        for hold in self._waiting:
            hold.release()
        self._waiting.clear()
