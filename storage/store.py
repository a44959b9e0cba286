"""The Store: one object that bot/ builds once and every caller uses.

Each public method is one unit of work: it opens its own session, commits, and hands
back loaded objects that stay usable after the session is gone.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from storage import botstate, moves, outbox, privacy, queries, stats, tickets
from storage.categories import Catalog, load_catalog
from storage.clock import Clock, utc_now
from storage.db import WRITE_OPTIONS, create_engine, create_sessionmaker
from storage.lifecycle import Action, Actor
from storage.models import Ticket
from storage.photos import PhotoStore, StoredImage
from storage.tickets import NewTicket, StoreEnv


class Store:
    """The work-order store over one database and one photo folder."""

    def __init__(
        self,
        engine: AsyncEngine,
        *,
        catalog: Catalog,
        photos: PhotoStore,
        clock: Clock = utc_now,
        duplicate_radius_m: float = 250.0,
        duplicate_max_age_days: int = 30,
    ) -> None:
        self.engine = engine
        self.catalog = catalog
        self.photos = photos
        self.clock = clock
        self.duplicate_radius_m = duplicate_radius_m
        self.duplicate_max_age_days = duplicate_max_age_days
        self._sessions = create_sessionmaker(engine)
        self._env = StoreEnv(catalog=catalog, clock=self._now)

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
    ) -> Store:
        """Connect to `database_url` (the schema must exist: run `citybot db upgrade`)."""
        return cls(
            create_engine(database_url),
            catalog=load_catalog(categories_file),
            photos=PhotoStore(photos_dir, max_bytes=max_photo_bytes),
            clock=clock,
            duplicate_radius_m=duplicate_radius_m,
            duplicate_max_age_days=duplicate_max_age_days,
        )

    def _now(self) -> datetime:
        return self.clock()

    async def close(self) -> None:
        """Release the database connections."""
        await self.engine.dispose()

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A session for queries only."""
        async with self._sessions() as session:
            yield session

    @asynccontextmanager
    async def writing(self) -> AsyncIterator[AsyncSession]:
        """A session whose transaction commits at the end, or rolls back on error."""
        async with self._sessions() as session, session.begin():
            # Options apply when the connection is procured, before BEGIN is sent.
            await session.connection(execution_options=WRITE_OPTIONS)
            yield session

    # --- commands -------------------------------------------------------------

    def save_photo(self, data: bytes) -> StoredImage:
        """Check, strip and store an image; InvalidImage if it is not one."""
        return self.photos.put(data)

    async def file_ticket(
        self, report: NewTicket, *, photos: Sequence[StoredImage] = ()
    ) -> tuple[Ticket, bool]:
        """File a report; the same intake key twice returns the first ticket and False."""
        if report.intake_key is not None:
            async with self.reading() as session:
                existing = await tickets.find_by_intake_key(session, report.intake_key)
            if existing is not None:
                return existing, False
        try:
            async with self.writing() as session:
                ticket = await tickets.file_ticket(session, self._env, report=report, photos=photos)
            return ticket, True
        except IntegrityError:
            # Two deliveries of one update raced; the other one filed it.
            if report.intake_key is None:
                raise
            async with self.reading() as session:
                existing = await tickets.find_by_intake_key(session, report.intake_key)
            if existing is None:
                raise
            return existing, False

    async def act(
        self,
        number: str,
        action: Action,
        actor: Actor,
        *,
        note: str | None = None,
        photo: StoredImage | None = None,
        into: str | None = None,
        department: str | None = None,
        assignee_id: int | None = None,
        new_deadline: datetime | None = None,
        extend_days: int | None = None,
        rating: int | None = None,
    ) -> Ticket:
        """Make a lifecycle move (accept, reject, merge, dispatch, start, extend, resolve,
        verify, rework, rate) as `actor`."""
        async with self.writing() as session:
            if extend_days is not None and new_deadline is None:
                current = await tickets.get_ticket(session, number)
                new_deadline = max(current.deadline, self._now()) + timedelta(days=extend_days)
            return await moves.apply_action(
                session,
                self._env,
                number=number,
                action=action,
                actor=actor,
                note=note,
                photo=photo,
                into=into,
                department=department,
                assignee_id=assignee_id,
                new_deadline=new_deadline,
                rating=rating,
            )

    async def annotate(
        self,
        number: str,
        action: Action,
        actor: Actor,
        *,
        note: str | None = None,
        photo: StoredImage | None = None,
        department: str | None = None,
        assignee_id: int | None = None,
        language: str = "zh",
    ) -> tuple[Ticket, bool]:
        """A move that keeps the status: assign, join, comment, note, reply."""
        async with self.writing() as session:
            return await moves.apply_side_action(
                session,
                self._env,
                number=number,
                action=action,
                actor=actor,
                note=note,
                photo=photo,
                department=department,
                assignee_id=assignee_id,
                language=language,
            )

    # --- queries --------------------------------------------------------------

    async def queue(
        self,
        filters: queries.QueueFilter | None = None,
        *,
        limit: int = 50,
        offset: int = 0,
        with_total: bool = False,
    ) -> queries.Page:
        """The open queue, most urgent first."""
        async with self.reading() as session:
            return await queries.list_queue(
                session,
                filters=filters or queries.QueueFilter(),
                now=self._now(),
                limit=limit,
                offset=offset,
                with_total=with_total,
            )

    async def reporter_tickets(
        self, reporter_id: int, *, limit: int = 20, offset: int = 0
    ) -> queries.Page:
        """A resident's own and joined tickets, newest first."""
        async with self.reading() as session:
            return await queries.list_reporter_tickets(
                session, reporter_id=reporter_id, limit=limit, offset=offset
            )

    async def ticket(self, number: str) -> queries.TicketDetail:
        """One ticket with its timeline and photos."""
        async with self.reading() as session:
            return await queries.load_ticket_detail(session, number=number)

    async def nearby(
        self,
        category: str,
        latitude: float,
        longitude: float,
        *,
        radius_m: float | None = None,
        max_age_days: int | None = None,
        limit: int = 5,
    ) -> list[queries.NearbyTicket]:
        """Open tickets of the same category close by (the duplicate check)."""
        async with self.reading() as session:
            return await queries.find_nearby(
                session,
                category=category,
                latitude=latitude,
                longitude=longitude,
                radius_m=radius_m or self.duplicate_radius_m,
                max_age_days=max_age_days or self.duplicate_max_age_days,
                now=self._now(),
                limit=limit,
            )

    async def stats(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> stats.Stats:
        """Counts, overdue rate, median time to close and mean rating for a period."""
        async with self.reading() as session:
            return await stats.compute_stats(session, now=self._now(), since=since, until=until)

    # --- outbox ---------------------------------------------------------------

    async def claim_outbox(
        self, *, limit: int = 50, lease: timedelta = timedelta(minutes=2)
    ) -> list[outbox.OutboxItem]:
        """Lease due messages for sending."""
        async with self.writing() as session:
            return await outbox.claim_due(session, now=self._now(), limit=limit, lease=lease)

    async def outbox_delivered(self, message_id: int) -> None:
        """Mark a message as delivered."""
        async with self.writing() as session:
            await outbox.mark_delivered(session, message_id=message_id, now=self._now())

    async def outbox_failed(
        self,
        message_id: int,
        *,
        error: str,
        retry_after: float | None = None,
        permanent: bool = False,
    ) -> None:
        """Schedule a retry of a message, or give it up when `permanent`."""
        async with self.writing() as session:
            await outbox.mark_failed(
                session,
                message_id=message_id,
                now=self._now(),
                error=error,
                retry_after=retry_after,
                permanent=permanent,
            )

    # --- bot state, update ledger, privacy ------------------------------------

    async def load_state(self, namespace: str) -> dict[str, Any]:
        """Every saved entry of a state namespace (user_data, chat_data, conversation:…)."""
        async with self.reading() as session:
            return await botstate.load_namespace(session, namespace=namespace)

    async def load_state_entry(self, namespace: str, key: str) -> Any:
        """One saved entry of a state namespace, or None."""
        async with self.reading() as session:
            return await botstate.load_entry(session, namespace=namespace, key=key)

    async def save_state(self, namespace: str, entries: Iterable[tuple[str, Any]]) -> None:
        """Save entries of a state namespace; a None value deletes its key."""
        async with self.writing() as session:
            await botstate.save_entries(
                session, namespace=namespace, entries=entries, now=self._now()
            )

    async def claim_update(
        self, update_id: int, *, stale_after: timedelta = timedelta(minutes=2)
    ) -> bool:
        """True if this worker should handle the update (first delivery, or a dead claim)."""
        async with self.writing() as session:
            return await botstate.claim_update(
                session, update_id=update_id, now=self._now(), stale_after=stale_after
            )

    async def finish_update(self, update_id: int) -> None:
        """Record that an update was handled."""
        async with self.writing() as session:
            await botstate.finish_update(session, update_id=update_id)

    async def prune_updates(self, *, older_than: timedelta = timedelta(days=7)) -> int:
        """Drop old rows of the update ledger."""
        async with self.writing() as session:
            return await botstate.prune_updates(session, before=self._now() - older_than)

    async def forget_resident(self, user_id: int) -> privacy.Forgotten:
        """Delete a resident's personal data; their tickets stay, anonymised."""
        async with self.writing() as session:
            return await privacy.forget_resident(session, user_id=user_id)

    async def ping(self) -> None:
        """Raise unless the database answers."""
        async with self.reading() as session:
            await session.execute(text("SELECT 1"))
