"""Home gas inspections in the store, on SQLite and PostgreSQL: the roster takes the gas
company's inspectors; a booking owes its reply and the staff notice; a confirmation owes the
resident's news now and the reminder at 18:00 the day before; badge checks are logged."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from storage import Actor, Role, Store
from storage.inspections import (
    BadgeCheck,
    InspectionError,
    confirm_visit,
    register_inspector,
    request_inspection,
    verify_badge,
)
from storage.outbox import OwedReply
from storage.outbox.models import OutboxMessage
from storage.staff import service as staff
from tests.conftest import FakeClock
from tests.integration.test_cli_tickets import run as run_cli

RESIDENT, INSPECTOR = 1001, 7001


def _reply(origin: str, key: str) -> OwedReply:
    return OwedReply(chat_id=RESIDENT, language="zh", message_key=key, origin=origin)


async def _book(store: Store, day: date, key: str = "ib:1001:5") -> int:
    async with store.unit_of_work() as uow:
        booking = await request_inspection(
            uow,
            resident_id=RESIDENT,
            chat_id=RESIDENT,
            language="zh",
            address="白云区同和街12号",
            day=day,
            period="afternoon",
            intake_key=key,
            reply=_reply(key, "inspection.requested"),
        )
    return booking.id


async def test_a_booking_confirmed_owes_the_news_now_and_the_reminder_the_day_before(
    store: Store, clock: FakeClock
) -> None:
    clock.now = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)  # Monday 10:00 in Guangzhou
    async with store.unit_of_work() as uow:
        await staff.add_member(
            uow, by=Actor(None, Role.ADMIN), user_id=INSPECTOR, role=Role.GAS_INSPECTOR
        )
        await register_inspector(uow, badge="gr 2026", user_id=INSPECTOR, name="李师傅")
    number = await _book(store, date(2026, 12, 2))
    assert await _book(store, date(2026, 12, 2)) == number  # the same intake: one request
    async with store.unit_of_work() as uow:
        booking = await confirm_visit(
            uow,
            request_id=number,
            by_user_id=INSPECTOR,
            reply=_reply("cq:1", "inspection.confirm_done"),
        )
    assert booking.inspector_badge == "GR2026" and booking.status == "confirmed"
    async with store.reading() as session:
        rows = {r.message_key: r for r in (await session.scalars(select(OutboxMessage))).all()}
    assert set(rows) == {
        "inspection.requested",
        "inspection.staff_new",
        "inspection.confirm_done",
        "inspection.confirmed",
        "inspection.reminder",
    }
    assert rows["inspection.staff_new"].recipient == "staff"
    # Tuesday 18:00 in Guangzhou, the day before Wednesday's visit.
    assert rows["inspection.reminder"].next_attempt_at == datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    with pytest.raises(InspectionError) as taken:
        async with store.unit_of_work() as uow:
            await confirm_visit(
                uow, request_id=number, by_user_id=INSPECTOR, reply=_reply("cq:2", "x")
            )
    assert taken.value.code == "not_requested"

    clock.now = datetime(2026, 12, 2, 7, 0, tzinfo=UTC)  # the day of the visit
    async with store.unit_of_work() as uow:
        real = await verify_badge(uow, resident_id=RESIDENT, badge="No.GR2026")
        fake = await verify_badge(uow, resident_id=RESIDENT, badge="12345")
        elsewhere = await verify_badge(uow, resident_id=1002, badge="GR2026")
    assert (real.outcome, fake.outcome, elsewhere.outcome) == ("ok", "unknown_badge", "no_visit")
    async with store.reading() as session:
        checks = (await session.scalars(select(BadgeCheck).order_by(BadgeCheck.id))).all()
        notices = (
            await session.scalars(
                select(OutboxMessage).where(
                    OutboxMessage.message_key == "inspection.staff_false_badge"
                )
            )
        ).all()
    assert [c.outcome for c in checks] == ["ok", "unknown_badge", "no_visit"]
    assert checks[0].request_id == number and checks[1].badge == "12345"
    assert len(notices) == 2


async def test_only_an_inspector_with_a_badge_confirms_and_days_are_checked(
    store: Store, clock: FakeClock
) -> None:
    clock.now = datetime(2026, 11, 30, 2, 0, tzinfo=UTC)
    number = await _book(store, date(2026, 12, 1))
    with pytest.raises(InspectionError) as no_badge:
        async with store.unit_of_work() as uow:
            await confirm_visit(uow, request_id=number, by_user_id=9001, reply=_reply("c", "x"))
    assert no_badge.value.code == "no_badge"
    for day in (date(2026, 11, 30), date(2026, 12, 30)):  # today, or too far ahead
        with pytest.raises(InspectionError) as out_of_range:
            await _book(store, day, key=f"ib:1001:{day.day}")
        assert out_of_range.value.code == "day_out_of_range"


def test_the_inspector_command_registers_once(tmp_path: Path) -> None:
    assert run_cli(["db", "upgrade"], tmp_path).returncode == 0
    first = run_cli(["inspections", "inspector", "GR2026", "7001", "李师傅"], tmp_path)
    assert first.returncode == 0, first.stderr
    assert "badge GR2026" in first.stdout
    again = run_cli(["inspections", "inspector", "GR2026", "7001", "李建国"], tmp_path)
    assert again.returncode == 0, again.stderr
    bad = run_cli(["inspections", "inspector", "G-R!", "7002", "某人"], tmp_path)
    assert bad.returncode == 1 and "badge" in bad.stderr
