"""PTB's AIORateLimiter, with one more choice per call: pace it, but never wait out a 429.

PTB's limiter paces every send (30 a second overall, 20 a minute per group) and, on a
429, halts every request for retry_after and tries again, up to `max_retries` times, then
raises. That suits a direct reply, which has nowhere else to go. A message the outbox owes
has: the outbox sender asks for OWED_SEND, gets the 429 back at once, pauses that chat
and reschedules the message without counting a failed attempt, while other chats go on.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any, Final

from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

OWED_SEND: Final = "owed"
"""rate_limit_args for an outbox send: paced, but a 429 is raised at once, not retried."""

Result = bool | dict[str, Any] | list[dict[str, Any]]
"""What a Bot API call returns to the limiter (PTB's JSONDict is a dict[str, Any])."""


class _Passed(Exception):
    """A 429 of an owed send, carried past AIORateLimiter's retry loop (which retries only
    RetryAfter) and raised again as itself outside it."""

    def __init__(self, error: RetryAfter) -> None:
        super().__init__(error)
        self.error = error


class CityRateLimiter(AIORateLimiter):
    """AIORateLimiter whose OWED_SEND calls are paced like any other and never retried."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Any,
    ) -> Result:
        """Pace the request; retry a 429 as PTB does unless it is an owed send."""
        if rate_limit_args != OWED_SEND:
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )

        async def once(*call_args: Any, **call_kwargs: Any) -> Result:
            try:
                return await callback(*call_args, **call_kwargs)
            except RetryAfter as error:
                raise _Passed(error) from None

        # PTB's own pacing (its grouping of chats, its limits), through its public method.
        try:
            return await super().process_request(once, args, kwargs, endpoint, data, None)
        except _Passed as passed:
            raise passed.error from None
