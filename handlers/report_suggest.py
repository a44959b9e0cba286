"""The category a report's words suggest when no keyword does: the index's closest document,
asked in a thread within a time budget, so that a slow embedding model stalls no chat."""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

from bot.context import CityContext
from knowledge.triage import Suggestion, category_for_source

SUGGEST_BUDGET = 1.0
"""Seconds the index may take to suggest a category; after that the report goes on without."""
_SEARCHES = threading.BoundedSemaphore(2)
"""Index searches running at once. A search past its budget keeps its thread until it ends
(a thread cannot be cancelled); with a stalled model, further reports skip the suggestion
rather than fill the threads that photos and answers need too."""

log = logging.getLogger(__name__)


async def suggest_from_index(context: CityContext, text: str) -> Suggestion | None:
    """No keyword matched: the category of the document the words are closest to.

    Only once the index is loaded (a photo report must not wait for it to open), in a
    thread (a sentence-transformers model would stall every chat on the event loop) and
    within SUGGEST_BUDGET seconds.
    """
    base = context.services.knowledge
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
