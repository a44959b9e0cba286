"""The store's plumbing: the engine and the environment every unit of work is made with."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Self

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage.db.clock import Clock, utc_now
from storage.db.engine import create_engine, create_sessionmaker
from storage.db.uow import StoreSettings, UnitOfWork
from storage.tickets.categories import Catalog, load_catalog
from storage.tickets.filing import StoreEnv
from storage.tickets.photos import PhotoStore


class StoreBase:
    """Engine, sessions, categories, photos and clock shared by every store operation."""

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
    ) -> None:
        self.engine = engine
        self.catalog = catalog
        self.photos = photos
        self.clock = clock
        self.settings = StoreSettings(
            duplicate_radius_m=duplicate_radius_m,
            duplicate_max_age_days=duplicate_max_age_days,
            staff_language=staff_language,
        )
        self._sessions = create_sessionmaker(engine)
        # Shared by every unit of work of this store: SQLite has one writer at a time.
        self._write_lock = asyncio.Lock() if engine.dialect.name == "sqlite" else None
        self._env: StoreEnv = self

    @property
    def duplicate_radius_m(self) -> float:
        """How far apart two reports may be and still be one problem."""
        return self.settings.duplicate_radius_m

    @property
    def duplicate_max_age_days(self) -> int:
        """How old an open ticket may be and still be offered as the same problem."""
        return self.settings.duplicate_max_age_days

    @property
    def staff_language(self) -> str:
        """The staff group's language: what the store owes the group is written in it."""
        return self.settings.staff_language

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
        )

    def _now(self) -> datetime:
        return self.clock()

    async def close(self) -> None:
        """Release the database connections."""
        await self.engine.dispose()

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A session for queries only."""
        async with self.unit_of_work(read_only=True) as uow:
            yield uow.session

    @asynccontextmanager
    async def writing(self) -> AsyncIterator[AsyncSession]:
        """A session whose transaction commits at the end, or rolls back on error."""
        async with self.unit_of_work() as uow:
            yield uow.session

    async def ping(self) -> None:
        """Raise unless the database answers."""
        async with self.reading() as session:
            await session.execute(text("SELECT 1"))
