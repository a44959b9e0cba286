"""Attendance's service functions on the real databases (SQLite, and PostgreSQL when set)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from storage import PermissionDenied, Role, Store
from storage.attendance import AttendanceProblem, circle, parse_shift, polygon
from storage.attendance import service as attendance
from storage.attendance.models import AttendancePosition, AttendanceSession
from storage.errors import TicketNotFound
from storage.outbox import OutboxMessage, OwedReply
from storage.staff import service as staff
from storage.tickets import Actor
from tests.conftest import FakeClock
from tests.integration.store_helpers import ADMIN, DISPATCHER, WORKER, report
from tests.store_calls import file_ticket, read, run

CENTRE = (23.129, 113.264)
OTHER = Actor(3002, Role.FIELD_WORKER)
GARDENER = Actor(3003, Role.FIELD_WORKER)


@pytest.fixture
async def roster(store: Store, clock: FakeClock) -> Store:
    """Three workers on the roster (two of sanitation, one gardener), each with an area
    300 m around the centre and an 08:30-17:30 shift; the clock at Monday 08:25 local."""
    clock.now = datetime(2026, 11, 23, 0, 25, tzinfo=UTC)
    for actor, department in (
        (WORKER, "sanitation"),
        (OTHER, "sanitation"),
        (GARDENER, "greening"),
    ):
        assert actor.user_id is not None
        await run(
            store,
            staff.add_member,
            by=ADMIN,
            user_id=actor.user_id,
            role=Role.FIELD_WORKER,
            department=department,
            display_name=f"worker {actor.user_id}",
        )
        await run(
            store,
            attendance.set_area,
            by=DISPATCHER,
            user_id=actor.user_id,
            area=circle(*CENTRE, 300),
        )
        await run(
            store,
            attendance.set_shift,
            by=DISPATCHER,
            user_id=actor.user_id,
            shift=parse_shift("08:30-17:30"),
        )
    return store


async def _check_in(
    store: Store, actor: Actor, lat: float, lon: float, message_id: int = 1, period: int = 28800
) -> str:
    assert actor.user_id is not None
    reply = OwedReply(
        actor.user_id, "zh", "attendance.checked_in", origin=f"tg:{actor.user_id}:{message_id}"
    )
    done = await run(
        store,
        attendance.check_in,
        by=actor,
        latitude=lat,
        longitude=lon,
        live_period=period,
        chat_id=actor.user_id,
        message_id=message_id,
        reply=reply,
    )
    return done.state


async def test_check_in_marks_late_and_outside_and_owes_its_reply_once(
    roster: Store, clock: FakeClock
) -> None:
    clock.advance(minutes=22)  # 08:47
    for _ in range(2):  # the same update, handled twice
        assert await _check_in(roster, WORKER, CENTRE[0] + 0.01, CENTRE[1]) == "checked_in"
    async with roster.reading() as session:
        owed = list((await session.execute(select(OutboxMessage))).scalars())
    assert [(m.message_key, m.params) for m in owed] == [
        ("attendance.checked_in", {"time": "08:47", "late_minutes": 17, "outside": True})
    ]
    [line] = [
        x
        for x in await read(roster, attendance.list_day, by=DISPATCHER, day=date(2026, 11, 23))
        if x.sessions
    ]
    assert (line.late_minutes, line.checkin_outside, line.on_duty) == (17, True, True)


async def test_positions_are_kept_once_and_only_while_on_duty(
    roster: Store, clock: FakeClock
) -> None:
    assert WORKER.user_id is not None
    kept = {"user_id": WORKER.user_id, "chat_id": WORKER.user_id, "message_id": 1}
    assert not await run(
        roster,
        attendance.record_position,
        **kept,
        latitude=23.13,
        longitude=113.26,
        source_key="u1",
    )
    await _check_in(roster, WORKER, *CENTRE)
    for key in ("u2", "u2", "u3"):  # u2 redelivered
        clock.advance(minutes=1)
        await run(
            roster,
            attendance.record_position,
            **kept,
            latitude=23.2,
            longitude=113.26,
            source_key=key,
        )
    assert not await run(
        roster,
        attendance.record_position,
        **{**kept, "message_id": 9},
        latitude=23.1,
        longitude=113.2,
        source_key="u4",
    )  # another share than the one followed
    async with roster.reading() as session:
        count = await session.scalar(select(func.count()).select_from(AttendancePosition))
    assert count == 2
    [place] = await read(roster, attendance.on_duty_positions)
    assert (place.user_id, place.name, place.department, place.lat, place.lon) == (
        WORKER.user_id, "worker 3001", "sanitation", 23.2, 113.26
    )  # fmt: skip
    assert place.at == clock.now
    closed = await run(roster, attendance.check_out, user_id=WORKER.user_id)
    assert closed is not None and closed.reason == "command"
    assert await read(roster, attendance.on_duty_positions) == []
    assert not await run(
        roster, attendance.record_position, **kept, latitude=23.2, longitude=113.26, source_key="u5"
    )


async def test_the_share_ending_and_running_out_check_out(roster: Store, clock: FakeClock) -> None:
    assert WORKER.user_id is not None and OTHER.user_id is not None
    await _check_in(roster, WORKER, *CENTRE, message_id=5)
    await _check_in(roster, OTHER, *CENTRE, message_id=6, period=3600)
    clock.advance(hours=2)
    ended = await run(
        roster,
        attendance.check_out,
        user_id=WORKER.user_id,
        reason="stopped",
        live_message=(WORKER.user_id, 4),
    )
    assert ended is None  # not the share being followed
    ended = await run(
        roster,
        attendance.check_out,
        user_id=WORKER.user_id,
        reason="stopped",
        live_message=(WORKER.user_id, 5),
    )
    assert ended is not None and ended.early_minutes == 7 * 60 + 5  # 10:25, not 17:30
    expired = await run(roster, attendance.close_expired, notice_key="attendance.expired")
    assert [(c.reason, c.checked_out_at) for c in expired] == [
        ("expired", datetime(2026, 11, 23, 1, 25, tzinfo=UTC))
    ]
    assert await run(roster, attendance.close_expired, notice_key="attendance.expired") == []


async def test_the_nearest_worker_on_duty_of_the_tickets_department(
    roster: Store, clock: FakeClock
) -> None:
    ticket = await file_ticket(roster, report(latitude=CENTRE[0], longitude=CENTRE[1]))
    await _check_in(roster, WORKER, CENTRE[0] + 0.003, CENTRE[1], message_id=1)
    await _check_in(roster, OTHER, CENTRE[0] + 0.001, CENTRE[1], message_id=2)
    await _check_in(roster, GARDENER, *CENTRE, message_id=3)
    found = await read(roster, attendance.suggest_workers, number=ticket.number)
    assert found.located and found.department == "sanitation"
    assert [(c.user_id, round(c.distance_m)) for c in found.candidates] == [
        (3002, 111),
        (3001, 334),
    ]
    with pytest.raises(TicketNotFound):
        await read(roster, attendance.suggest_workers, number="CG-19990101-0001")


async def test_purge_deletes_old_positions_and_the_places_of_old_sessions(
    roster: Store, clock: FakeClock
) -> None:
    assert WORKER.user_id is not None
    await _check_in(roster, WORKER, *CENTRE)
    kept = {"user_id": WORKER.user_id, "chat_id": WORKER.user_id, "message_id": 1}
    await run(
        roster,
        attendance.record_position,
        **kept,
        latitude=23.13,
        longitude=113.26,
        source_key="u1",
    )
    await run(roster, attendance.check_out, user_id=WORKER.user_id)
    clock.advance(days=7)
    assert await run(roster, attendance.purge_positions, keep_days=7) == 0
    clock.advance(minutes=1)
    assert await run(roster, attendance.purge_positions, keep_days=7) == 1
    kept_data = await read(roster, attendance.describe_kept, user_id=WORKER.user_id)
    assert (kept_data.sessions, kept_data.positions, kept_data.first_day) == (
        1,
        0,
        date(2026, 11, 23),
    )
    [line] = [
        x
        for x in await read(roster, attendance.list_day, by=None, day=date(2026, 11, 23))
        if x.sessions
    ]
    assert not line.on_duty and line.sessions == 1  # the record stays, its places go
    async with roster.reading() as session:
        places = (await session.execute(select(AttendanceSession))).scalar_one()
    assert (places.checkin_lat, places.last_lat, places.checkout_lat) == (None, None, None)


async def test_who_may_set_areas_and_what_a_wrong_one_is(roster: Store) -> None:
    with pytest.raises(PermissionDenied):
        await run(roster, attendance.set_area, by=WORKER, user_id=3001, area=circle(*CENTRE, 300))
    with pytest.raises(PermissionDenied):
        await read(roster, attendance.list_day, by=WORKER, day=date(2026, 11, 23))
    with pytest.raises(AttendanceProblem) as problem:
        await run(roster, attendance.set_area, by=ADMIN, user_id=77, area=circle(*CENTRE, 300))
    assert problem.value.code == "not_on_roster"
    with pytest.raises(AttendanceProblem):
        circle(*CENTRE, 5)
    with pytest.raises(AttendanceProblem):
        polygon([(23.1, 113.2), (23.2, 113.2)])
    grid = polygon([(23.128, 113.263), (23.128, 113.266), (23.131, 113.266), (23.131, 113.263)])
    await run(roster, attendance.set_area, by=DISPATCHER, user_id=3001, area=grid)
    assignment = await read(roster, attendance.get_assignment, user_id=3001)
    assert assignment.area == grid and assignment.area.contains(23.1295, 113.2645)
    assert not assignment.area.contains(23.1295, 113.27)
    assert await run(
        roster, attendance.clear_assignment, by=DISPATCHER, user_id=3001, area=True, shift=True
    )
    assert not await run(
        roster, attendance.clear_assignment, by=DISPATCHER, user_id=3001, area=True, shift=True
    )
    assert await _check_in(roster, WORKER, *CENTRE) == "no_area"


async def test_an_overnight_shift_belongs_to_the_night_it_began(
    roster: Store, clock: FakeClock
) -> None:
    await run(
        roster, attendance.set_shift, by=DISPATCHER, user_id=3001, shift=parse_shift("22:00-06:00")
    )
    clock.now = datetime(2026, 11, 23, 18, 10, tzinfo=UTC)  # Tuesday 02:10 local
    await _check_in(roster, WORKER, *CENTRE)
    lines = await read(roster, attendance.list_day, by=None, day=date(2026, 11, 23))
    [line] = [x for x in lines if x.sessions]
    assert (
        line.late_minutes == 4 * 60 + 10
        and line.shift is not None
        and line.shift.label() == "22:00-06:00"
    )
