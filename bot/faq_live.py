"""The live FAQ: the shipped entries overlaid with the database's changes, kept in the index.

storage/faq keeps plain fields and knowledge/ answers from its frozen FaqEntry; this is where
the two meet (they never import each other). The index is refreshed at start, right after a
change made on this worker, and by a cheap poll of the FAQ's change counter, so a change made
on another worker (or by `citybot faq import`) takes effect within seconds, without a restart.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Sequence
from datetime import UTC, tzinfo
from functools import cache
from typing import TYPE_CHECKING

from storage import Store
from storage.faq import FaqFields, latest_change, list_entries

if TYPE_CHECKING:
    from knowledge.answer.faq import FaqEntry
    from knowledge.base import KnowledgeBase

log = logging.getLogger(__name__)
POLL_SECONDS = 5.0
"""How often a worker looks at the change counter (one indexed MAX() query)."""


def to_fields(entry: FaqEntry) -> FaqFields:
    """knowledge/'s entry as the store's plain fields."""
    return FaqFields(
        id=entry.id,
        question=entry.question,
        answer_zh=entry.answers.get("zh", ""),
        answer_en=entry.answers.get("en", ""),
        similar=tuple(entry.similar),
        source=entry.source,
        passage=entry.passage,
    )


def to_entry(fields: FaqFields, zone: tzinfo = UTC) -> FaqEntry:
    """The store's plain fields as knowledge/'s entry (no English answer: none is given),
    dated by the day in `zone` its row was written."""
    from knowledge.answer.faq import FaqEntry

    answers = {"zh": fields.answer_zh, "en": fields.answer_en}
    written = fields.written_at
    return FaqEntry(
        id=fields.id,
        question=fields.question,
        similar=fields.similar,
        answers={lang: text for lang, text in answers.items() if text.strip()},
        source=fields.source,
        passage=fields.passage,
        date=written.astimezone(zone).date().isoformat() if written is not None else "",
    )


@cache
def shipped_faq() -> dict[str, FaqFields]:
    """The shipped FAQ (knowledge/faq) by id, read once: the base every change overlays."""
    from knowledge.answer.faq import load_faq

    return {entry.id: to_fields(entry) for entry in load_faq()}


def use_entries(
    knowledge: KnowledgeBase, live: Sequence[FaqFields], zone: tzinfo = UTC
) -> list[str]:
    """Make `live` the index's FAQ; the ids it refused (an entry the index cannot answer
    from) are left out, logged and returned, so one bad row never empties the FAQ."""
    from knowledge.answer.faq import FaqFileError, validate

    entries = [to_entry(fields, zone) for fields in live]
    try:
        knowledge.use_faq(entries)
        return []
    except FaqFileError:
        pass
    # The index's documents: those its shipped entries rest on.
    sources = {entry.source for entry in shipped_entries(knowledge)} or None
    kept, refused = [], []
    for entry in entries:
        try:
            validate(entry, sources=sources)
        except FaqFileError as error:
            refused.append(entry.id)
            log.warning("FAQ entry left out of the index: %s", error)
        else:
            kept.append(entry)
    knowledge.use_faq(kept)
    return refused


def shipped_entries(knowledge: KnowledgeBase) -> Iterable[FaqEntry]:
    """The shipped entries whose document the index holds."""
    shipped = shipped_faq()
    return (entry for entry in knowledge.faq_entries if entry.id in shipped)


class LiveFaq:
    """Keeps one KnowledgeBase's FAQ equal to the shipped set overlaid with the database's."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._seen: int | None = None  # the change counter the index reflects
        self._lock = asyncio.Lock()  # one refresh at a time; answering never waits on it

    @property
    def shipped(self) -> dict[str, FaqFields]:
        """The shipped entries by id (what the store's service functions overlay)."""
        return shipped_faq()

    async def entries(self) -> list[FaqFields]:
        """The live FAQ, read from the database now."""
        async with self.store.unit_of_work(read_only=True) as uow:
            return await list_entries(uow, shipped=self.shipped)

    async def refresh(self, knowledge: KnowledgeBase, *, force: bool = False) -> bool:
        """Load the live FAQ into `knowledge` if it changed since the last load; True if so."""
        async with self._lock:
            async with self.store.unit_of_work(read_only=True) as uow:
                counter = await latest_change(uow)
                if counter == self._seen and not force:
                    return False
                live = await list_entries(uow, shipped=self.shipped)
            # Building the match index costs tens of milliseconds: off the event loop.
            zone = self.store.catalog.timezone  # the bureau's day, as its staff dated it
            await asyncio.to_thread(use_entries, knowledge, live, zone)
            self._seen = counter
            return True
