"""PTB's AIORateLimiter, with one more choice per call: pace it, but never wait out a 429.

PTB's limiter paces every send (30 a second overall, 20 a minute per group) and, on a
429, halts every request for retry_after and tries again, up to `max_retries` times, then
raises. That suits a direct reply, which has nowhere else to go. A message the outbox owes
has: the outbox sender asks for OWED_SEND, gets the 429 back at once, pauses that chat
and reschedules the message without counting a failed attempt, while other chats go on.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Coroutine
from typing import Any, Final

from telegram._utils.types import JSONDict
from telegram.ext import AIORateLimiter

OWED_SEND: Final = "owed"
"""rate_limit_args for an outbox send: paced, but a 429 is raised at once, not retried."""


class CityRateLimiter(AIORateLimiter):
    """AIORateLimiter whose OWED_SEND calls are paced like any other and never retried."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: Any,
    ) -> bool | JSONDict | list[JSONDict]:
        """Pace the request; retry a 429 as PTB does unless it is an owed send."""
        if rate_limit_args != OWED_SEND:
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        # The same grouping as PTB's own: a negative (or @name) chat id is a group.
        chat_id = data.get("chat_id")
        with contextlib.suppress(ValueError, TypeError):
            chat_id = int(chat_id)  # type: ignore[arg-type]
        group: int | str | bool = (
            chat_id
            if (isinstance(chat_id, int) and chat_id < 0) or isinstance(chat_id, str)
            else False
        )
        return await self._run_request(
            chat=chat_id is not None,
            group=group,
            allow_paid_broadcast=bool(data.get("allow_paid_broadcast", False)),
            callback=callback,
            args=args,
            kwargs=kwargs,
        )
