"""The cylinder registry's service functions: import the platform's export, check a code."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlalchemy import select

from storage.cylinders.models import Cylinder
from storage.cylinders.registry import RegistryRow
from storage.db.uow import UnitOfWork

Problem = Literal["unknown", "scrapped", "overdue", "unlicensed"]
FIELDS = (
    "filling_station",
    "supplier",
    "licence_number",
    "last_inspection",
    "next_inspection_due",
    "scrap_date",
)


@dataclass(frozen=True, slots=True)
class CylinderCheck:
    """What the registry says of one code, and what is wrong with it (if anything)."""

    code: str
    problems: tuple[Problem, ...]
    filling_station: str | None = None
    supplier: str | None = None
    licence_number: str | None = None
    last_inspection: date | None = None
    next_inspection_due: date | None = None
    scrap_date: date | None = None

    @property
    def safe(self) -> bool:
        """Registered, from a licensed supplier, within its inspection date, not scrapped."""
        return not self.problems


@dataclass(frozen=True, slots=True)
class ImportCounts:
    """What an import did: cylinders added, changed, and left as they were."""

    added: int
    changed: int
    unchanged: int


async def check_cylinder(uow: UnitOfWork, *, code: str) -> CylinderCheck:
    """The registry's word on `code` today (the bureau's date, in its time zone)."""
    today = uow.now().astimezone(uow.catalog.timezone).date()
    cylinder = await uow.session.get(Cylinder, code[:64])
    if cylinder is None:
        return CylinderCheck(code=code, problems=("unknown",))
    problems: list[Problem] = []
    if cylinder.scrap_date is not None and cylinder.scrap_date <= today:
        problems.append("scrapped")
    if cylinder.next_inspection_due < today:
        problems.append("overdue")
    if not cylinder.licence_number:
        problems.append("unlicensed")
    return CylinderCheck(
        code=cylinder.code,
        problems=tuple(problems),
        **{field: getattr(cylinder, field) for field in FIELDS},
    )


async def import_registry(uow: UnitOfWork, *, rows: Sequence[RegistryRow]) -> ImportCounts:
    """Add or update the cylinders of a checked export, keyed on their code (idempotent)."""
    codes = [row.code for row in rows]
    existing: dict[str, Cylinder] = {}
    for start in range(0, len(codes), 500):  # within every database's bound-parameter limit
        chosen = select(Cylinder).where(Cylinder.code.in_(codes[start : start + 500]))
        existing.update((c.code, c) for c in (await uow.session.scalars(chosen)).all())
    added = changed = 0
    now = uow.now()
    for row in rows:
        values = {field: getattr(row, field) for field in FIELDS}
        cylinder = existing.get(row.code)
        if cylinder is None:
            uow.session.add(Cylinder(code=row.code, imported_at=now, **values))
            added += 1
        elif any(getattr(cylinder, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(cylinder, field, value)
            cylinder.imported_at = now
            changed += 1
    return ImportCounts(added=added, changed=changed, unchanged=len(rows) - added - changed)
