"""The triage intake is handed (storage/tickets/intake.py's Triage): category keywords, the
urgent words of a category, and — when no keyword matches — the index's closest document,
asked in a thread within a time budget, so that a slow embedding model stalls no chat."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Sequence
from typing import Any

from knowledge.triage.category import (
    CategoryRule,
    Suggestion,
    category_for_source,
    suggest_category,
    urgent_sign,
)

SUGGEST_BUDGET = 1.0
"""Seconds the index may take to suggest a category; after that the report goes on without."""
_SEARCHES = threading.BoundedSemaphore(2)
"""Index searches running at once. A search past its budget keeps its thread until it ends
(a thread cannot be cancelled); with a stalled model, further reports skip the suggestion
rather than fill the threads that photos and answers need too."""

log = logging.getLogger(__name__)


class Suggester:
    """Keywords first, then the policy index (once it is open) for words no keyword knows."""

    def __init__(
        self,
        rules: Sequence[CategoryRule] = (),
        *,
        emergency_category: str = "gas",
        index: Callable[[], Any] | None = None,
    ) -> None:
        self.rules = tuple(rules)
        self.emergency_category = emergency_category
        # A callable, not the index: it opens in the background after start-up, and a
        # report must not wait for it.
        self._index = index or (lambda: None)

    def suggest(self, text: str) -> Suggestion:
        """The category of the earliest keyword; 'other' (reason none) if none."""
        return suggest_category(text, self.rules, emergency_category=self.emergency_category)

    def urgent_sign(self, text: str, category: str) -> str | None:
        """The words that make a ticket of `category` urgent, or None."""
        return urgent_sign(text, category, self.rules, emergency_category=self.emergency_category)

    async def suggest_from_documents(self, text: str) -> Suggestion | None:
        """The category of the document the words are closest to, within SUGGEST_BUDGET
        seconds, searched in a thread; None if the index is not open or knows none."""
        base = self._index()
        if base is None or not _SEARCHES.acquire(blocking=False):
            return None

        def search() -> Any:
            try:
                return base.search(text, k=1)
            finally:
                _SEARCHES.release()

        # Shielded: a search that ran out of time still runs (and releases its slot) rather
        # than being cancelled before its thread started, which would keep the slot for good.
        running = asyncio.ensure_future(asyncio.to_thread(search))
        running.add_done_callback(_forget)
        try:
            result = await asyncio.wait_for(asyncio.shield(running), SUGGEST_BUDGET)
        except TimeoutError:
            log.warning("the index took over %.1f s to suggest a category", SUGGEST_BUDGET)
            return None
        except Exception:  # the suggestion is a courtesy: the report goes on without it
            log.exception("the index could not suggest a category")
            return None
        if not result.hits or result.confidence <= 0:
            return None
        chunk = result.hits[0].chunk
        category = category_for_source(chunk.source)
        return Suggestion(category, False, "document", chunk.title) if category else None


def _forget(search: asyncio.Future[Any]) -> None:
    """Collect the outcome of a search no one waits for any more (no "never retrieved")."""
    if not search.cancelled():
        search.exception()
