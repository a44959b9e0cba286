"""The bot's Telegram client: PTB's ExtBot, made to survive updates it cannot parse.

PTB parses a whole getUpdates batch at once; one update it cannot read (Telegram adds a
required field before our PTB release knows it) makes every retry fail on the same
batch, and the bot stops for good. Here a batch that fails is fetched again raw (through
the public do_api_request) and each of its updates parsed alone; an unreadable one is
replaced by an empty update with the same id, so the offset moves past it.
"""

from __future__ import annotations

import copy
import inspect
import logging
from typing import Any, cast

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import BaseRateLimiter, Defaults, ExtBot
from telegram.request import HTTPXRequest

from bot.runtime.rate_limit import CityRateLimiter
from bot.runtime.receipts import UpdateReceipts

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


# PTB logs that batch from the logger it names after the bot's class.
logging.getLogger("telegram.ext.ExtBot").addFilter(_NoBatchDump())

_GET_UPDATES = inspect.signature(ExtBot.get_updates)
RAW_GET_UPDATES = "getupdates"
"""getUpdates by the name do_api_request takes without a warning (it warns on names PTB has
a method for; the Bot API's method names are case-insensitive, as its documentation says)."""


class TolerantBot(ExtBot[None]):
    """ExtBot whose getUpdates never fails on one malformed update, and records each batch."""

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
        # Parsing every update alone costs a second parse of each; a bad one is rare, so
        # only a batch that failed is fetched again raw (same offset, same updates).
        try:
            return await super().get_updates(*args, **kwargs)
        except TelegramError:
            raise
        except Exception:  # any parse failure: PTB raises TypeError, KeyError, ValueError…
            call = _GET_UPDATES.bind(self, *args, **kwargs).arguments
            return await self._refetch_one_by_one(call)

    async def _refetch_one_by_one(self, call: dict[str, Any]) -> tuple[Update, ...]:
        """The batch `call` asked for, raw, each update parsed alone; unreadable ones empty."""
        wanted = {name: call.get(name) for name in ("offset", "limit", "allowed_updates")}
        # timeout 0: the batch is still there (its offset was never confirmed), no long poll.
        raw = await self.do_api_request(
            RAW_GET_UPDATES, api_kwargs={**(call.get("api_kwargs") or {}), **wanted, "timeout": 0}
        )
        updates = []
        for item in raw if isinstance(raw, list) else []:
            update = self._readable(item)
            if update is not None:
                self.insert_callback_data(update)  # as ExtBot.get_updates does
                updates.append(update)
        return tuple(updates)

    def _readable(self, item: Any) -> Update | None:
        """`item` as an Update; an unreadable one as an empty update with its id, so the
        offset moves past it (None if it has no id to move past)."""
        try:
            return Update.de_json(copy.deepcopy(item), self)
        except Exception:  # any parse failure: PTB raises TypeError, KeyError, ValueError…
            update_id = item.get("update_id") if isinstance(item, dict) else None
            log.warning(
                "skipping update %s that this PTB version cannot read", update_id, exc_info=True
            )
            if isinstance(update_id, int) and not isinstance(update_id, bool):
                return Update.de_json({"update_id": update_id}, self)
            return None


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
