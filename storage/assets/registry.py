"""Importing and exporting the registry: records upserted by code, the whole file at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import Literal

from sqlalchemy import insert, select

from storage.assets.models import Asset
from storage.db.uow import UnitOfWork

Saved = Literal["added", "changed", "unchanged"]
CHUNK = 500
"""Codes looked up per query while importing (well under every database's bound limit)."""


@dataclass(frozen=True, slots=True)
class AssetRecord:
    """One asset as a file holds it (checked: storage/assets/files.py reads and checks)."""

    code: str
    latitude: float
    longitude: float
    name: str = ""
    department: str = ""
    grid: str = ""
    status: str = "intact"
    address: str | None = None
    installed_on: date | None = None
    changed_on: date | None = None
    sample: bool = False

    @property
    def class_code(self) -> str:
        return self.code[6:11]


FIELDS = tuple(f.name for f in fields(AssetRecord))


def _record(asset: Asset) -> AssetRecord:
    return AssetRecord(**{name: getattr(asset, name) for name in FIELDS})


async def import_assets(uow: UnitOfWork, *, records: Sequence[AssetRecord]) -> dict[Saved, int]:
    """Add the records whose code is new and update those that differ; the same file
    twice changes nothing the second time."""
    counts: dict[Saved, int] = {"added": 0, "changed": 0, "unchanged": 0}
    session, now = uow.session, uow.now()
    for start in range(0, len(records), CHUNK):
        chunk = records[start : start + CHUNK]
        found = await session.execute(select(Asset).where(Asset.code.in_([r.code for r in chunk])))
        existing = {asset.code: asset for asset in found.scalars()}
        new: list[dict[str, object]] = []
        for record in chunk:
            asset = existing.get(record.code)
            if asset is None:  # inserted many at once: a registry is loaded in the 100,000s
                row = {name: getattr(record, name) for name in FIELDS}
                new.append(
                    {**row, "class_code": record.class_code, "created_at": now, "updated_at": now}
                )
                counts["added"] += 1
            elif _record(asset) == record:
                counts["unchanged"] += 1
            else:
                for name in FIELDS:
                    setattr(asset, name, getattr(record, name))
                asset.updated_at = now
                counts["changed"] += 1
        await session.flush()
        if new:
            await session.execute(insert(Asset), new)
    return counts


async def export_assets(uow: UnitOfWork) -> list[AssetRecord]:
    """Every asset of the registry, by code."""
    found = await uow.session.execute(select(Asset).order_by(Asset.code))
    return [_record(asset) for asset in found.scalars()]
