"""Inspectors' badges: registered by the gas company (the CLI), checked by residents at the
door — is this a registered inspector with a visit booked here today? Every check is kept,
and one that fails is told to the staff group at once."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from storage.db.uow import UnitOfWork
from storage.errors import InvalidInput
from storage.inspections.booking import local_today, staff_message
from storage.inspections.models import BadgeCheck, GasInspector, InspectionRequest

MAX_BADGE = 32


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the resident at the door is told: ok, unknown_badge or no_visit."""

    outcome: str
    name: str | None = None
    address: str | None = None
    period: str | None = None

    @property
    def ok(self) -> bool:
        """A registered inspector, with a visit booked at this resident's today."""
        return self.outcome == "ok"


def clean_badge(text: str) -> str:
    """A badge number as typed, without spaces and the '#' or 'No.' people add."""
    text = text.strip().upper().removeprefix("NO.").removeprefix("#").strip()
    return "".join(text.split())[:MAX_BADGE]


async def register_inspector(
    uow: UnitOfWork, *, badge: str, user_id: int, name: str, company: str | None = None
) -> GasInspector:
    """Add or update an inspector by badge (the gas company's list; idempotent)."""
    badge = clean_badge(badge)
    if not badge or not badge.isalnum():
        raise InvalidInput("badge", "text_required")
    inspector = await uow.session.get(GasInspector, badge)
    if inspector is None:
        inspector = GasInspector(badge=badge, created_at=uow.now())
        uow.session.add(inspector)
    inspector.user_id, inspector.name, inspector.company = user_id, name[:100], company
    inspector.active = True
    return inspector


async def verify_badge(uow: UnitOfWork, *, resident_id: int, badge: str) -> Verdict:
    """Is `badge` a registered inspector with a visit booked at this resident's today?
    The check is logged; a failed one is told to the staff group."""
    typed = badge.strip()[:64]
    badge = clean_badge(badge)
    session = uow.session
    inspector = await session.get(GasInspector, badge) if badge else None
    visit = None
    if inspector is not None and inspector.active:
        visit = await session.scalar(
            select(InspectionRequest).where(
                InspectionRequest.resident_id == resident_id,
                InspectionRequest.inspector_badge == badge,
                InspectionRequest.status.in_(("confirmed", "done")),
                InspectionRequest.day == local_today(uow),
            )
        )
    outcome = (
        "ok" if visit is not None else "no_visit" if inspector is not None else "unknown_badge"
    )
    check = BadgeCheck(
        resident_id=resident_id,
        badge=typed,
        outcome=outcome,
        request_id=visit.id if visit is not None else None,
        at=uow.now(),
    )
    session.add(check)
    await session.flush()
    if visit is None:
        params = {"badge": typed, "outcome": outcome}
        session.add(staff_message(uow, "inspection.staff_false_badge", f"badge:{check.id}", params))
        return Verdict(outcome)
    assert inspector is not None
    return Verdict(outcome, name=inspector.name, address=visit.address, period=visit.period)


async def find_inspector(uow: UnitOfWork, *, user_id: int) -> GasInspector | None:
    """The active inspector with this Telegram id, if any."""
    chosen = select(GasInspector).where(GasInspector.user_id == user_id, GasInspector.active)
    found: GasInspector | None = await uow.session.scalar(chosen)
    return found


async def list_badge_checks(uow: UnitOfWork, *, limit: int = 20) -> list[BadgeCheck]:
    """The latest badge checks, newest first (for staff)."""
    chosen = select(BadgeCheck).order_by(BadgeCheck.id.desc()).limit(limit)
    return list((await uow.session.scalars(chosen)).all())
