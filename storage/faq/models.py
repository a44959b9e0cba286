"""The FAQ's database half: staff-made entries, edits and deletions of shipped ones, the log.

The shipped FAQ (YAML next to the corpus) is read-only data; what staff change lives here as
one row per entry id (a staff entry, or a shipped entry's replacement or tombstone), and the
live FAQ is the shipped set overlaid with these rows. Fields are plain: storage knows nothing
of knowledge/'s FaqEntry; bot/ converts.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from storage.db.base import Base
from storage.db.types import CleanJSON, CleanString, CleanText, UTCDateTime
from storage.errors import StoreError

STAFF_SOURCE = "staff"
"""The `source` of an entry staff wrote themselves (no corpus document behind it)."""
STAFF_PREFIX = "staff-"
"""Ids of staff-made entries: staff-1, staff-2, … (shipped ids never start so)."""


@dataclass(frozen=True, slots=True)
class FaqFields:
    """One FAQ entry as plain fields: what the store keeps, logs and hands back."""

    id: str
    question: str
    answer_zh: str
    answer_en: str = ""
    similar: tuple[str, ...] = ()
    source: str = STAFF_SOURCE
    passage: str = ""
    written_at: datetime | None = field(default=None, compare=False)
    """When the store's row was last written (None for a shipped entry): a staff answer is
    cited with its date. Not part of the entry's content: never logged nor compared."""

    def to_json(self) -> dict[str, Any]:
        """The fields as JSON (the change log's before/after)."""
        data = asdict(self)
        data.pop("written_at")
        data["similar"] = list(self.similar)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FaqFields:
        """The fields `to_json` wrote."""
        return cls(
            id=str(data["id"]),
            question=str(data["question"]),
            answer_zh=str(data.get("answer_zh") or ""),
            answer_en=str(data.get("answer_en") or ""),
            similar=tuple(str(s) for s in data.get("similar") or ()),
            source=str(data.get("source") or STAFF_SOURCE),
            passage=str(data.get("passage") or ""),
        )


class FaqEntryNotFound(StoreError):
    """No live FAQ entry has this id."""

    code = "faq_not_found"

    def __init__(self, entry_id: str) -> None:
        self.entry_id = entry_id
        super().__init__(f"no FAQ entry {entry_id}", entry_id=entry_id)


class FaqEntryExists(StoreError):
    """An entry with this id is already live (add it as an edit instead)."""

    code = "faq_exists"

    def __init__(self, entry_id: str) -> None:
        self.entry_id = entry_id
        super().__init__(f"FAQ entry {entry_id} already exists", entry_id=entry_id)


class FaqRow(Base):
    """A staff-made entry, or the replacement (or tombstone) of a shipped one."""

    __tablename__ = "faq_entries"

    entry_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    question: Mapped[str] = mapped_column(CleanText())
    similar: Mapped[list[str]] = mapped_column(CleanJSON)
    answer_zh: Mapped[str] = mapped_column(CleanText())
    answer_en: Mapped[str] = mapped_column(CleanText())
    source: Mapped[str] = mapped_column(CleanString(255))
    passage: Mapped[str] = mapped_column(CleanText())
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_by: Mapped[int | None] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    def fields(self) -> FaqFields:
        """The row's entry as plain fields."""
        return FaqFields(
            id=self.entry_id,
            question=self.question,
            answer_zh=self.answer_zh,
            answer_en=self.answer_en,
            similar=tuple(self.similar or ()),
            source=self.source,
            passage=self.passage,
            written_at=self.updated_at,
        )


class FaqChange(Base):
    """One change to the FAQ: who, when, which entry, and the entry before and after (JSON;
    null before an add, null after a delete). Its id is also the FAQ's change counter."""

    __tablename__ = "faq_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    entry_id: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(16))
    by: Mapped[int | None] = mapped_column(BigInteger)  # a Telegram user id; None from the CLI
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    before: Mapped[dict[str, Any] | None] = mapped_column(CleanJSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(CleanJSON)

    __table_args__ = (Index("ix_faq_changes_entry", "entry_id", "id"),)
