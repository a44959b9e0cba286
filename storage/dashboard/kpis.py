"""The five KPIs of the bureau's assessment, per period, over the tickets filed in it.

Of the tickets filed in a period that count (neither rejected nor merged):
- 结案率 closed rate: the share closed;
- 按期结案率 on-time rate: of those closed, the share resolved by their deadline;
- 返工率 rework rate: of those resolved at least once, the share sent back for rework;
- 延期率 extension rate: the share whose deadline was extended;
- 满意率 satisfaction rate: of those rated, the share rated 4 or 5.
A rate with nothing to divide by is None (no figure), not 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from storage.tickets.lifecycle import Action, Status
from storage.tickets.models import Ticket, TicketEvent

KPI_NAMES = ("closed", "on_time", "rework", "extension", "satisfaction")
SATISFIED_FROM = 4


@dataclass(frozen=True, slots=True)
class KpiPoint:
    """The KPIs of the tickets filed in [start, end)."""

    start: datetime
    end: datetime
    filed: int
    closed: float | None
    on_time: float | None
    rework: float | None
    extension: float | None
    satisfaction: float | None


@dataclass
class _Tally:
    filed: int = 0
    closed: int = 0
    closed_on_time: int = 0
    resolved_once: int = 0
    reworked: int = 0
    extended: int = 0
    rated: int = 0
    satisfied: int = 0

    def point(self, start: datetime, end: datetime) -> KpiPoint:
        return KpiPoint(
            start=start,
            end=end,
            filed=self.filed,
            closed=_share(self.closed, self.filed),
            on_time=_share(self.closed_on_time, self.closed),
            rework=_share(self.reworked, self.resolved_once),
            extension=_share(self.extended, self.filed),
            satisfaction=_share(self.satisfied, self.rated),
        )


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


async def compute_kpis(
    session: AsyncSession, *, since: datetime, until: datetime, step: timedelta
) -> list[KpiPoint]:
    """One KpiPoint per `step` from `since` to `until` (the last one may be shorter)."""
    reworked = exists().where(
        TicketEvent.ticket_id == Ticket.id, TicketEvent.action == Action.REWORK.value
    )
    statement = select(
        Ticket.created_at,
        Ticket.status,
        Ticket.resolved_at,
        Ticket.resolved_late,
        Ticket.extension_count,
        Ticket.rating,
        reworked,
    ).where(
        Ticket.created_at >= since,
        Ticket.created_at < until,
        Ticket.status.not_in([Status.REJECTED.value, Status.DUPLICATE.value]),
    )
    starts: list[datetime] = []
    moment = since
    while moment < until:
        starts.append(moment)
        moment += step
    tallies = [_Tally() for _ in starts]
    for (
        created,
        status,
        resolved_at,
        late,
        extensions,
        rating,
        was_reworked,
    ) in await session.execute(statement):
        tally = tallies[min(int((created - since) / step), len(tallies) - 1)]
        tally.filed += 1
        if status == Status.CLOSED.value:
            tally.closed += 1
            tally.closed_on_time += late is False
        if resolved_at is not None or was_reworked:
            tally.resolved_once += 1
            tally.reworked += bool(was_reworked)
        tally.extended += extensions > 0
        if rating is not None:
            tally.rated += 1
            tally.satisfied += rating >= SATISFIED_FROM
    return [
        tally.point(start, min(start + step, until))
        for start, tally in zip(starts, tallies, strict=True)
    ]
