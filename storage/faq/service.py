"""FAQ service functions: add, edit, delete and list entries over the shipped set, logged.

Each takes the unit of work and, where it must know what is live, `shipped`: the shipped
entries by id, as plain fields (bot/ reads them from knowledge/ and passes them in, so
storage never imports knowledge). Every change writes a FaqChange row in the same
transaction: who, when, the entry before and after.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from types import MappingProxyType
from typing import Any, Literal

from sqlalchemy import func, select

from storage.db.uow import UnitOfWork
from storage.faq.models import (
    STAFF_PREFIX,
    FaqChange,
    FaqEntryExists,
    FaqEntryNotFound,
    FaqFields,
    FaqRow,
)

Shipped = Mapping[str, FaqFields]
Saved = Literal["added", "changed", "unchanged"]
NOTHING_SHIPPED: Shipped = MappingProxyType({})
_STAFF_ID = re.compile(re.escape(STAFF_PREFIX) + r"(\d+)")


@dataclass(frozen=True, slots=True)
class Change:
    """One logged change: which entry, what was done, by whom, when, before and after."""

    id: int
    entry_id: str
    action: str
    by: int | None
    at: datetime
    before: FaqFields | None
    after: FaqFields | None


async def _rows(uow: UnitOfWork) -> dict[str, FaqRow]:
    found = await uow.session.scalars(select(FaqRow))
    return {row.entry_id: row for row in found}


def _live(shipped: Shipped, rows: Mapping[str, FaqRow]) -> dict[str, FaqFields]:
    live = dict(shipped)
    for entry_id, row in sorted(rows.items(), key=lambda item: _order(item[0])):
        if row.deleted:
            live.pop(entry_id, None)
        else:
            live[entry_id] = row.fields()
    return live


def _order(entry_id: str) -> tuple[int, str]:
    # staff-2 before staff-10: staff entries in the order they were made.
    match = _STAFF_ID.fullmatch(entry_id)
    return (int(match.group(1)), "") if match else (0, entry_id)


def _log(
    uow: UnitOfWork,
    *,
    entry_id: str,
    action: str,
    by: int | None,
    before: FaqFields | None,
    after: FaqFields | None,
) -> None:
    uow.session.add(
        FaqChange(
            entry_id=entry_id,
            action=action,
            by=by,
            at=uow.now(),
            before=before.to_json() if before else None,
            after=after.to_json() if after else None,
        )
    )


def _write(uow: UnitOfWork, rows: dict[str, FaqRow], entry: FaqFields, by: int | None) -> None:
    row = rows.get(entry.id)
    if row is None:
        row = FaqRow(entry_id=entry.id)
        uow.session.add(row)
        rows[entry.id] = row
    row.question, row.similar = entry.question, list(entry.similar)
    row.answer_zh, row.answer_en = entry.answer_zh, entry.answer_en
    row.source, row.passage = entry.source, entry.passage
    row.deleted, row.updated_by, row.updated_at = False, by, uow.now()


def _next_staff_id(rows: Mapping[str, FaqRow]) -> str:
    # Tombstones keep their number: a deleted staff-3 is never reused for another entry.
    numbers = [int(m.group(1)) for m in map(_STAFF_ID.fullmatch, rows) if m]
    return f"{STAFF_PREFIX}{max(numbers, default=0) + 1}"


async def add_entry(
    uow: UnitOfWork, *, entry: FaqFields, by: int | None, shipped: Shipped = NOTHING_SHIPPED
) -> FaqFields:
    """Add `entry` (a new staff-N id when its id is empty); FaqEntryExists if the id is live."""
    rows = await _rows(uow)
    if not entry.id:
        entry = replace(entry, id=_next_staff_id(rows))
    elif entry.id in _live(shipped, rows):
        raise FaqEntryExists(entry.id)
    before = rows[entry.id].fields() if entry.id in rows else None
    _write(uow, rows, entry, by)
    _log(uow, entry_id=entry.id, action="add", by=by, before=before, after=entry)
    return entry


async def edit_entry(
    uow: UnitOfWork, *, entry: FaqFields, by: int | None, shipped: Shipped = NOTHING_SHIPPED
) -> bool:
    """Replace the live entry of `entry.id` with `entry`; False if it was already so."""
    rows = await _rows(uow)
    before = _live(shipped, rows).get(entry.id)
    if before is None:
        raise FaqEntryNotFound(entry.id)
    if before == entry:
        return False
    _write(uow, rows, entry, by)
    _log(uow, entry_id=entry.id, action="edit", by=by, before=before, after=entry)
    return True


async def save_entry(
    uow: UnitOfWork, *, entry: FaqFields, by: int | None, shipped: Shipped = NOTHING_SHIPPED
) -> Saved:
    """Add `entry`, or make the live entry of its id equal to it (an import's row)."""
    rows = await _rows(uow)
    if entry.id and entry.id in _live(shipped, rows):
        changed = await edit_entry(uow, entry=entry, by=by, shipped=shipped)
        return "changed" if changed else "unchanged"
    await add_entry(uow, entry=entry, by=by, shipped=shipped)
    return "added"


async def delete_entry(
    uow: UnitOfWork, *, entry_id: str, by: int | None, shipped: Shipped = NOTHING_SHIPPED
) -> FaqFields:
    """Take entry `entry_id` out of the live FAQ (a shipped one too); the entry it was."""
    rows = await _rows(uow)
    before = _live(shipped, rows).get(entry_id)
    if before is None:
        raise FaqEntryNotFound(entry_id)
    _write(uow, rows, before, by)
    rows[entry_id].deleted = True
    _log(uow, entry_id=entry_id, action="delete", by=by, before=before, after=None)
    return before


async def get_entry(
    uow: UnitOfWork, *, entry_id: str, shipped: Shipped = NOTHING_SHIPPED
) -> FaqFields:
    """The live entry `entry_id`; FaqEntryNotFound if there is none."""
    found = _live(shipped, await _rows(uow)).get(entry_id)
    if found is None:
        raise FaqEntryNotFound(entry_id)
    return found


async def list_entries(uow: UnitOfWork, *, shipped: Shipped = NOTHING_SHIPPED) -> list[FaqFields]:
    """The live FAQ: the shipped entries in their order, changed ones replaced, deleted ones
    left out, then the staff-made entries in the order they were made."""
    return list(_live(shipped, await _rows(uow)).values())


async def list_changes(
    uow: UnitOfWork, *, entry_id: str | None = None, limit: int = 100
) -> list[Change]:
    """The latest `limit` changes (of one entry, if given), newest first."""
    query = select(FaqChange).order_by(FaqChange.id.desc()).limit(limit)
    if entry_id is not None:
        query = query.where(FaqChange.entry_id == entry_id)
    return [
        Change(
            id=row.id,
            entry_id=row.entry_id,
            action=row.action,
            by=row.by,
            at=row.at,
            before=_fields_or_none(row.before),
            after=_fields_or_none(row.after),
        )
        for row in await uow.session.scalars(query)
    ]


def _fields_or_none(data: dict[str, Any] | None) -> FaqFields | None:
    return FaqFields.from_json(data) if data else None


async def latest_change(uow: UnitOfWork) -> int:
    """The FAQ's change counter: the id of the latest change, 0 before any (cheap to poll)."""
    return int(await uow.session.scalar(select(func.max(FaqChange.id))) or 0)
