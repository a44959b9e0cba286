"""The Store: one object that bot/ builds once and every caller uses.

Each public method is one unit of work: it opens its own session, commits, and hands
back loaded objects that stay usable after the session is gone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.exc import IntegrityError

from storage.outbox.replies import OwedReply
from storage.store_ops import OperationsMixin
from storage.tickets import filing as tickets
from storage.tickets import lookups, moves, queries, remarks, service, stats
from storage.tickets.filing import NewTicket
from storage.tickets.lifecycle import Action, Actor
from storage.tickets.models import Ticket
from storage.tickets.photos import StoredImage


class Store(OperationsMixin):
    """The work-order store over one database and one photo folder."""

    # --- commands -------------------------------------------------------------

    def save_photo(self, data: bytes) -> StoredImage:
        """Check, strip and store an image; InvalidImage if it is not one."""
        return self.photos.put(data)

    async def file_ticket(
        self,
        report: NewTicket,
        *,
        photos: Sequence[StoredImage] = (),
        reply: OwedReply | None = None,
    ) -> tuple[Ticket, bool]:
        """File a report, owing `reply` (its number) to the reporter's chat; the same intake
        key twice returns the first ticket and False, and owes nothing more."""
        if report.intake_key is not None:
            async with self.reading() as session:
                existing = await tickets.find_by_intake_key(session, report.intake_key)
            if existing is not None:
                return existing, False
        try:
            async with self.writing() as session:
                ticket = await tickets.file_ticket(
                    session, self._env, report=report, photos=photos, reply=reply
                )
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
        reply: OwedReply | None = None,
    ) -> Ticket:
        """Kept for callers not yet moved to storage.tickets.service: the move `action`
        by `actor`, in a unit of work of its own."""
        async with self.unit_of_work() as uow:
            kw: dict[str, Any] = {"number": number, "by": actor, "reply": reply}
            if action in (Action.REJECT, Action.REWORK):
                kw["reason"] = note or ""
            elif action == Action.EXTEND:
                kw.update(reason=note or "", new_deadline=new_deadline, days=extend_days)
            elif action == Action.RESOLVE:
                kw.update(note=note or "", photo=photo)
            elif action == Action.MERGE:
                kw["into"] = into or ""
            elif action == Action.DISPATCH:
                kw.update(department=department, assignee_id=assignee_id)
            elif action == Action.RATE:
                kw["rating"] = rating if rating is not None else 0
            ticket: Ticket = await _MOVES[action](uow, **kw)
            return ticket

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
        reply: OwedReply | None = None,
    ) -> tuple[Ticket, bool]:
        """Kept for callers not yet moved to storage.tickets.remarks: a move that keeps the
        status, in a unit of work of its own (False: nothing changed)."""
        async with self.unit_of_work() as uow:
            return await moves.remark(
                uow,
                number=number,
                action=action,
                by=actor,
                note=note,
                photo=photo,
                department=department,
                assignee_id=assignee_id,
                language=language,
                reply=reply,
            )

    async def comment(
        self,
        number: str,
        actor: Actor,
        *,
        note: str,
        photos: Sequence[StoredImage] = (),
        reply: OwedReply | None = None,
    ) -> Ticket:
        """Kept for callers not yet moved: storage.tickets.remarks.comment in its own unit
        of work."""
        async with self.unit_of_work() as uow:
            return await remarks.comment(
                uow, number=number, by=actor, note=note, photos=photos, reply=reply
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
        """The open queue, most urgent first (lookups.list_queue in its own unit of work)."""
        async with self.unit_of_work(read_only=True) as uow:
            return await lookups.list_queue(
                uow, filters=filters, limit=limit, offset=offset, with_total=with_total
            )

    async def reporter_tickets(
        self, reporter_id: int, *, limit: int = 20, offset: int = 0
    ) -> queries.Page:
        """A resident's own and joined tickets, newest first."""
        async with self.unit_of_work(read_only=True) as uow:
            return await lookups.list_reporter_tickets(
                uow, reporter_id=reporter_id, limit=limit, offset=offset
            )

    async def standing(self, number: str, user_id: int) -> queries.Standing | None:
        """How `user_id` stands to ticket `number` (reporter, follower), or None."""
        async with self.unit_of_work(read_only=True) as uow:
            return await lookups.find_standing(uow, number=number, user_id=user_id)

    async def ticket(self, number: str) -> queries.TicketDetail:
        """One ticket with its timeline and photos."""
        async with self.unit_of_work(read_only=True) as uow:
            return await lookups.get_detail(uow, number=number)

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
        async with self.unit_of_work(read_only=True) as uow:
            return await lookups.find_nearby(
                uow,
                category=category,
                latitude=latitude,
                longitude=longitude,
                radius_m=radius_m,
                max_age_days=max_age_days,
                limit=limit,
            )

    async def reports_in_last_hour(self, reporter_id: int) -> int:
        """How many ordinary reports this resident filed in the past hour."""
        async with self.unit_of_work(read_only=True) as uow:
            return await lookups.count_reports_in_last_hour(uow, reporter_id=reporter_id)

    async def similar_address(self, category: str, address: str) -> list[tuple[Ticket, float]]:
        """Open tickets of the category at a similar typed address (no coordinates)."""
        async with self.unit_of_work(read_only=True) as uow:
            return await lookups.find_similar_address(uow, category=category, address=address)

    async def stats(
        self, *, since: datetime | None = None, until: datetime | None = None
    ) -> stats.Stats:
        """Counts, overdue rate, median time to close and mean rating for a period."""
        async with self.unit_of_work(read_only=True) as uow:
            return await lookups.compute_stats(uow, since=since, until=until)


_MOVES: dict[Action, Any] = {
    Action.ACCEPT: service.accept,
    Action.REJECT: service.reject,
    Action.MERGE: service.merge,
    Action.DISPATCH: service.dispatch,
    Action.START: service.start,
    Action.EXTEND: service.extend,
    Action.RESOLVE: service.resolve,
    Action.VERIFY: service.verify,
    Action.REWORK: service.rework,
    Action.RATE: service.rate,
}
