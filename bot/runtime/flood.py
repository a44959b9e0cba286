"""What Telegram's 429s told the outbox sender: which chats must wait, and until when.

Telegram limits a group to about 20 posts a minute, a private chat to about one message a
second, and the bot as a whole to about 30 a second; a 429 says how long to wait but not
which limit it was. A group's 429 is that group's own limit. A private chat's may be its
own or the bot's: when several different private chats are told to wait within a second,
it is the bot's, and every chat waits.
"""

from __future__ import annotations

import time
from collections.abc import Callable

BOT_WIDE_SPREAD = 3
"""Private chats told to wait within BOT_WIDE_WINDOW seconds that mean the bot is limited."""
BOT_WIDE_WINDOW = 1.0


class FloodGate:
    """Chats (or everything) paused until a moment, after Telegram said too many requests."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._chats: dict[int, float] = {}
        self._everything = 0.0
        self._private_hits: dict[int, float] = {}

    def hit(self, chat_id: int, retry_after: float) -> None:
        """Telegram answered a send to `chat_id` with 429 and this retry_after (seconds)."""
        now = self._clock()
        until = now + max(0.0, retry_after)
        self._chats[chat_id] = max(self._chats.get(chat_id, 0.0), until)
        if chat_id < 0:
            return  # a group's limit is its own
        self._private_hits[chat_id] = now
        recent = [c for c, at in self._private_hits.items() if at > now - BOT_WIDE_WINDOW]
        self._private_hits = {c: self._private_hits[c] for c in recent}
        if len(recent) >= BOT_WIDE_SPREAD:
            self._everything = max(self._everything, until)

    def wait(self, chat_id: int) -> float:
        """Seconds a send to `chat_id` must still wait (0 if it may go now)."""
        now = self._clock()
        return max(0.0, self._chats.get(chat_id, 0.0) - now, self._everything - now)

    def wait_everything(self) -> float:
        """Seconds every send must still wait (the bot-wide limit)."""
        return max(0.0, self._everything - self._clock())

    def paused_chats(self) -> set[int]:
        """The chats that must still wait; forgets the ones whose wait is over."""
        now = self._clock()
        self._chats = {chat: until for chat, until in self._chats.items() if until > now}
        return set(self._chats)
