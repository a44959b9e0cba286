"""The unit of work: one session, one transaction and the store's environment per user action.

    async with store.unit_of_work() as uow:
        ticket = await accept(uow, number=number, by=actor)

Leaving the block commits; an exception rolls everything back. A unit of work is made for one
action and entered once: it is never shared between concurrent updates.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import TYPE_CHECKING, Self

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.db.clock import Clock
from storage.db.engine import WRITE_OPTIONS

if TYPE_CHECKING:  # the environment's types only; db/ needs none of the domains to run
    from storage.tickets.categories import Catalog
    from storage.tickets.photos import PhotoStore


@dataclass(frozen=True, slots=True)
class StoreSettings:
    """The store's tunables: the duplicate search and the staff group's language."""

    duplicate_radius_m: float = 250.0
    duplicate_max_age_days: int = 30
    staff_language: str = "zh"
    asset_snap_m: float = 30.0
    """How close a registered 部件 must be for a report to be offered it ("是这个井盖吗？")."""


class UnitOfWork:
    """A session in one transaction, with the categories, photos, clock and settings."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        catalog: Catalog,
        photos: PhotoStore,
        clock: Clock,
        settings: StoreSettings,
        write_lock: asyncio.Lock | None = None,
        read_only: bool = False,
    ) -> None:
        self.catalog = catalog
        self.photos = photos
        self.clock = clock
        self.settings = settings
        self.read_only = read_only
        self._sessions = sessions
        self._write_lock = write_lock
        self._session: AsyncSession | None = None
        self._stack: contextlib.AsyncExitStack | None = None
        self._used = False

    @property
    def session(self) -> AsyncSession:
        """The session of this unit of work (only inside its `async with`)."""
        if self._session is None:
            raise RuntimeError("a unit of work's session is used inside its `async with` only")
        return self._session

    @property
    def staff_language(self) -> str:
        """The staff group's language: what the store owes the group is written in it."""
        return self.settings.staff_language

    def now(self) -> datetime:
        """The store's clock, read now."""
        return self.clock()

    async def __aenter__(self) -> Self:
        if self._used:
            raise RuntimeError("a unit of work is entered once; make a new one per action")
        self._used = True
        stack = contextlib.AsyncExitStack()
        try:
            if not self.read_only and self._write_lock is not None:
                # SQLite has one writer at a time; queueing writers here, in the event loop,
                # is far cheaper than letting them poll SQLite's busy handler (sleeps of up
                # to 100 ms each).
                await stack.enter_async_context(self._write_lock)
            session = await stack.enter_async_context(self._sessions())
            await stack.enter_async_context(session.begin())
            if not self.read_only:
                # Options apply when the connection is procured, before BEGIN is sent: on
                # SQLite a writer takes the lock up front (BEGIN IMMEDIATE), so it never
                # fails half-way with "database is locked".
                await session.connection(execution_options=WRITE_OPTIONS)
        except BaseException:
            await stack.aclose()
            raise
        self._session, self._stack = session, stack
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        stack, self._stack = self._stack, None
        self._session = None
        assert stack is not None
        # session.begin() commits on a clean exit and rolls back on an exception.
        await stack.__aexit__(exc_type, exc, traceback)
