"""Errors a test asks for (fail_next) and an optional Telegram-like flood limit."""

from __future__ import annotations

import math
from collections import defaultdict, deque
from dataclasses import dataclass

from bot.standin.errors import DEFAULT_DESCRIPTIONS, ApiError, too_many_requests

# Methods that count against Telegram's sending limits.
SENDING_METHODS = frozenset(
    {
        "sendmessage",
        "sendphoto",
        "senddocument",
        "sendmediagroup",
        "sendlocation",
        "sendpoll",
        "editmessagetext",
        "editmessagecaption",
        "editmessagereplymarkup",
    }
)


@dataclass
class _Fault:
    error: ApiError
    remaining: int


class Faults:
    """Errors queued per method, answered instead of doing the call."""

    def __init__(self) -> None:
        self._queued: dict[str, deque[_Fault]] = defaultdict(deque)
        self._storm_until = 0.0
        self._storm_retry_after: int | None = None

    def add(
        self,
        method: str,
        error_code: int,
        retry_after: int | None,
        times: int,
        description: str | None,
    ) -> None:
        """Make the next `times` calls of `method` fail with this error."""
        if error_code == 429:
            error = too_many_requests(retry_after if retry_after is not None else 1)
            if description:
                error.description = description
        else:
            text = description or DEFAULT_DESCRIPTIONS.get(error_code, "Error")
            error = ApiError(error_code, text)
        self._queued[method.lower()].append(_Fault(error, times))

    def take(self, method: str) -> ApiError | None:
        """The error for this call, if one is queued."""
        queue = self._queued.get(method.lower())
        if not queue:
            return None
        fault = queue[0]
        fault.remaining -= 1
        if fault.remaining <= 0:
            queue.popleft()
        return fault.error

    def storm(self, until: float, retry_after: int | None = None) -> None:
        """Answer every sending method with 429 until `until` (on the stand-in's clock), as
        Telegram does while a bot is flood-limited; retry_after is the time left unless given."""
        self._storm_until = until
        self._storm_retry_after = retry_after

    def storm_error(self, method: str, now: float) -> ApiError | None:
        """The 429 for this call if a storm is raging."""
        if now >= self._storm_until or method.lower() not in SENDING_METHODS:
            return None
        left = self._storm_retry_after or max(1, math.ceil(self._storm_until - now))
        return too_many_requests(left)

    def clear(self) -> None:
        """Forget all queued errors and any storm."""
        self._queued.clear()
        self._storm_until = 0.0


@dataclass(frozen=True)
class FloodLimits:
    """Sending limits: per private chat per second, per group per minute, overall per second."""

    private_per_second: int | None = 1
    group_per_minute: int | None = 20
    global_per_second: int | None = 30


class FloodLimiter:
    """Sliding-window limits answering 429 with retry_after, as Telegram's flood control."""

    def __init__(self, limits: FloodLimits) -> None:
        self.limits = limits
        self._sent: dict[int | str, deque[float]] = defaultdict(deque)

    def _check(self, key: int | str, limit: int | None, window: float, now: float) -> None:
        if limit is None:
            return
        times = self._sent[key]
        while times and times[0] <= now - window:
            times.popleft()
        if len(times) >= limit:
            raise too_many_requests(max(1, math.ceil(times[0] + window - now)))

    def check(
        self, method: str, chat_id: int, is_private: bool, now: float, count: int = 1
    ) -> None:
        """Raise 429 if this send would exceed a limit; otherwise count it."""
        if method.lower() not in SENDING_METHODS:
            return
        limits = self.limits
        if is_private:
            self._check(chat_id, limits.private_per_second, 1.0, now)
        else:
            self._check(chat_id, limits.group_per_minute, 60.0, now)
        self._check("global", limits.global_per_second, 1.0, now)
        for _ in range(count):
            self._sent[chat_id].append(now)
            self._sent["global"].append(now)
