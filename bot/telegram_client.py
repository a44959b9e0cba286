"""The bot's Telegram client: PTB's ExtBot, made to survive updates it cannot parse.

PTB parses a whole getUpdates batch at once; one update it cannot read (Telegram adds a
required field before our PTB release knows it) makes every retry fail on the same
batch, and the bot stops for good. Here a batch that fails is fetched again and each of
its updates checked alone; an unreadable one is replaced by an empty update with the
same id, so the offset moves past it.
"""

from __future__ import annotations

import copy
import logging
from typing import Any, cast

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import BaseRateLimiter, Defaults, ExtBot
from telegram.request import HTTPXRequest

from bot.rate_limit import CityRateLimiter
from bot.receipts import UpdateReceipts

log = logging.getLogger(__name__)

TELEGRAM_API_ROOT = "https://api.telegram.org"
DIRECT_REPLY_RETRIES = 3
"""How often PTB retries a direct reply after a 429 (each wait halts every request).

Everything that reports a committed change is owed through the outbox, which never gives
up on a 429. What is sent directly is a prompt or a view of something (the next question
of a report, a ticket's timeline): after three waits it may give up, the update fails with
its draft kept, and the resident asks again, rather than the chat's later updates queueing
behind it for as long as the flood lasts.
"""


class _NoBatchDump(logging.Filter):
    """Drops PTB's critical log of a getUpdates batch it could not parse: it holds the
    whole batch, residents' messages included, and TolerantBot handles the batch anyway
    (logging only the id of the update it skips)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Error while parsing updates!")


ExtBot._LOGGER.addFilter(_NoBatchDump())


class TolerantBot(ExtBot[None]):
    """ExtBot whose getUpdates never fails on one malformed update, and records each batch."""

    _check_each_update = False
    _receipts: UpdateReceipts | None = None

    async def get_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        """PTB's getUpdates; the batch is in the ledger before the next call confirms it."""
        updates = await self._get_readable_updates(*args, **kwargs)
        if self._receipts is not None:
            await self._receipts.record(list(updates))
        return updates

    def record_updates_in(self, receipts: UpdateReceipts) -> None:
        """Record every getUpdates batch in `receipts` before it is confirmed."""
        self._receipts = receipts

    async def _get_readable_updates(self, *args: Any, **kwargs: Any) -> tuple[Update, ...]:
        # Checking every update costs a second parse of each; a bad one is rare, so the
        # check runs only for the refetch of a batch that failed (same offset, same updates).
        try:
            return await super().get_updates(*args, **kwargs)
        except TelegramError:
            raise
        except Exception:
            self._check_each_update = True
            try:
                return await super().get_updates(*args, **kwargs)
            finally:
                self._check_each_update = False

    async def _post(self, endpoint: str, data: Any = None, *args: Any, **kwargs: Any) -> Any:
        result = await super()._post(endpoint, data, *args, **kwargs)
        if self._check_each_update and endpoint == "getUpdates" and isinstance(result, list):
            return [self._readable(item) for item in result]
        return result

    def _readable(self, item: Any) -> Any:
        try:
            Update.de_json(copy.deepcopy(item), self)
        except Exception:  # any parse failure: PTB raises TypeError, KeyError, ValueError…
            update_id = item.get("update_id") if isinstance(item, dict) else None
            log.warning(
                "skipping update %s that this PTB version cannot read", update_id, exc_info=True
            )
            return {"update_id": update_id} if isinstance(update_id, int) else item
        return item


def make_bot(
    token: str,
    *,
    api_root: str | None,
    rate_limit: bool,
    connections: int = 16,
) -> TolerantBot:
    """The bot client for `token`, pointed at `api_root` (a local Bot API server) if given."""
    root = (api_root or TELEGRAM_API_ROOT).rstrip("/")
    # The limiter's one per-call argument (OWED_SEND, used by the outbox sender only) is
    # passed past the types; the bot stays typed as ExtBot[None].
    limiter = cast(
        "BaseRateLimiter[None] | None",
        CityRateLimiter(max_retries=DIRECT_REPLY_RETRIES) if rate_limit else None,
    )
    return TolerantBot(
        token,
        base_url=f"{root}/bot",
        base_file_url=f"{root}/file/bot",
        # A send waits for a free connection rather than failing after PTB's default second.
        request=HTTPXRequest(connection_pool_size=connections, pool_timeout=30.0),
        get_updates_request=HTTPXRequest(read_timeout=10.0),
        rate_limiter=limiter,
        # In groups a reply quotes the message it answers; one deleted meanwhile must not
        # turn the answer into an error.
        defaults=Defaults(allow_sending_without_reply=True),
    )
