"""The Store: one object that bot/ builds once and every caller uses.

Each public method is one unit of work: it opens its own session, commits, and hands
back loaded objects that stay usable after the session is gone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError

from storage import moves, outbox, queries, stats, tickets
from storage.lifecycle import Action, Actor
from storage.models import Ticket
from storage.photos import StoredImage
from storage.store_ops import OperationsMixin
from storage.tickets import NewTicket


class Store(OperationsMixin):
    """The work-order store over one database and one photo folder."""

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

    async def reports_in_last_hour(self, reporter_id: int) -> int:
        """How many tickets this resident filed in the past hour."""
        async with self.reading() as session:
            return await queries.count_reports_since(
                session, reporter_id=reporter_id, since=self._now() - timedelta(hours=1)
            )

    async def similar_address(self, category: str, address: str) -> list[tuple[Ticket, float]]:
        """Open tickets of the category at a similar typed address (no coordinates)."""
        async with self.reading() as session:
            return await queries.find_similar_address(
                session,
                category=category,
                address=address,
                max_age_days=self.duplicate_max_age_days,
                now=self._now(),
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
        # A read first: most ticks find nothing due, and then take no write lock at all.
        async with self.reading() as session:
            if not await outbox.any_due(session, now=self._now()):
                return []
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
