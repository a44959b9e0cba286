"""The Store: what bot/ builds once over one database and one photo folder, and how every
caller reaches the domains — a unit of work for one user action:

    async with store.unit_of_work() as uow:
        ticket = await service.accept(uow, number=number, by=actor)

The service functions themselves are in each domain's folder (storage/tickets/service.py,
remarks.py, lookups.py, intake.py; storage/staff, quiz, faq, botstate, outbox).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Self

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage.db.clock import Clock, utc_now
from storage.db.engine import create_engine, create_sessionmaker
from storage.db.uow import StoreSettings, UnitOfWork
from storage.tickets.categories import Catalog, load_catalog
from storage.tickets.photos import PhotoStore


class Store:
    """The engine, the categories, the photo folder and the clock every unit of work shares."""

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        catalog: Catalog,
        photos: PhotoStore,
        clock: Clock = utc_now,
        duplicate_radius_m: float = 250.0,
        duplicate_max_age_days: int = 30,
        staff_language: str = "zh",
        asset_snap_m: float = 30.0,
    ) -> None:
        self.engine = engine
        self.catalog = catalog
        self.photos = photos
        self.clock = clock
        self.settings = StoreSettings(
            duplicate_radius_m=duplicate_radius_m,
            duplicate_max_age_days=duplicate_max_age_days,
            staff_language=staff_language,
            asset_snap_m=asset_snap_m,
        )
        self._sessions = create_sessionmaker(engine)
        # Shared by every unit of work of this store: SQLite has one writer at a time.
        self._write_lock = asyncio.Lock() if engine.dialect.name == "sqlite" else None

    @classmethod
    def open(
        cls,
        database_url: str,
        *,
        photos_dir: Path,
        categories_file: Path | None = None,
        max_photo_bytes: int = 20 * 1024 * 1024,
        clock: Clock = utc_now,
        duplicate_radius_m: float = 250.0,
        duplicate_max_age_days: int = 30,
        staff_language: str = "zh",
        asset_snap_m: float = 30.0,
    ) -> Self:
        """Connect to `database_url` (the schema must exist: run `citybot db upgrade`)."""
        return cls(
            create_engine(database_url),
            catalog=load_catalog(categories_file),
            photos=PhotoStore(photos_dir, max_bytes=max_photo_bytes),
            clock=clock,
            duplicate_radius_m=duplicate_radius_m,
            duplicate_max_age_days=duplicate_max_age_days,
            staff_language=staff_language,
            asset_snap_m=asset_snap_m,
        )

    def unit_of_work(self, *, read_only: bool = False) -> UnitOfWork:
        """A new unit of work for one user action (`async with store.unit_of_work() as uow:`);
        `read_only` for queries, which then neither queue for nor take the write lock."""
        return UnitOfWork(
            self._sessions,
            catalog=self.catalog,
            photos=self.photos,
            clock=self.clock,
            settings=self.settings,
            write_lock=self._write_lock,
            read_only=read_only,
        )

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A session for queries of one's own (tests, benchmarks, the CLI's raw reads)."""
        async with self.unit_of_work(read_only=True) as uow:
            yield uow.session

    async def ping(self) -> None:
        """Raise unless the database answers."""
        async with self.reading() as session:
            await session.execute(text("SELECT 1"))

    async def close(self) -> None:
        """Release the database connections."""
        await self.engine.dispose()
