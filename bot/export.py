"""Tickets as a CSV file for an office: headers, statuses and priorities in the reader's
words, times in the bureau's time zone (as a spreadsheet shows them: 2026-11-23 10:00).

The rows come from storage (lookups.export_records: codes and UTC moments); what they say
in a language is the catalogue's. /export writes in the staff member's language and
`citybot tickets export` in --lang (Chinese by default).
"""

from __future__ import annotations

import csv
from collections.abc import AsyncIterable
from datetime import datetime
from typing import Any, Final, TextIO

from bot.messages import t, t_
from bot.messages.words import STAFF_STATUS, word
from storage import Catalog
from storage.tickets import EXPORT_FIELDS

HEADERS: Final = {
    "number": t_("export.col.number"),
    "status": t_("export.col.status"),
    "category": t_("export.col.category"),
    "priority": t_("export.col.priority"),
    "department": t_("export.col.department"),
    "description": t_("export.col.description"),
    "address": t_("export.col.address"),
    "latitude": t_("export.col.latitude"),
    "longitude": t_("export.col.longitude"),
    "created_at": t_("export.col.created_at"),
    "deadline": t_("export.col.deadline"),
    "resolved_at": t_("export.col.resolved_at"),
    "closed_at": t_("export.col.closed_at"),
    "overdue": t_("export.col.overdue"),
    "also_reported": t_("export.col.also_reported"),
    "rating": t_("export.col.rating"),
}
"""The header of each export field (storage.tickets.serialize.EXPORT_FIELDS)."""
PRIORITY_WORDS: Final = {
    "normal": t_("export.priority.normal"),
    "urgent": t_("export.priority.urgent"),
}
YES_NO: Final = {True: t_("export.yes"), False: t_("export.no")}
TIME_FORMAT = "%Y-%m-%d %H:%M"


def _cell(field: str, value: Any, catalog: Catalog, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(catalog.timezone).strftime(TIME_FORMAT)
    if field == "status":
        return word(STAFF_STATUS, str(value), lang)
    if field == "category":
        category = catalog.categories.get(str(value))
        return category.name(lang) if category else str(value)
    if field == "priority":
        return t(PRIORITY_WORDS[value], lang) if value in PRIORITY_WORDS else str(value)
    if field == "department":
        return catalog.department_name(str(value), lang)
    if field == "overdue":
        return t(YES_NO[bool(value)], lang)
    return str(value)


async def write_tickets_csv(
    records: AsyncIterable[dict[str, Any]], catalog: Catalog, out: TextIO, *, lang: str
) -> int:
    """Write a header and one row per record in `lang`; returns the number of rows.

    The caller opens `out` with encoding "utf-8-sig" so that Excel reads the Chinese text."""
    writer = csv.writer(out)
    writer.writerow([t(HEADERS[field], lang) for field in EXPORT_FIELDS])
    count = 0
    async for record in records:
        writer.writerow([_cell(f, record.get(f), catalog, lang) for f in EXPORT_FIELDS])
        count += 1
    return count
