"""The staff roster decides roles; deadline alerts fire once per stage."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from storage import Actor, InvalidInput, PermissionDenied, Role, Status, Store
from storage.outbox.models import OutboxMessage
from storage.staff import service as staff_service
from storage.tickets import alerts, lookups, service
from tests.conftest import FakeClock
from tests.integration.store_helpers import ADMIN, DISPATCHER, WORKER, file, walk_to
from tests.store_calls import read, run


async def test_roles_come_from_settings_then_the_roster(store: Store) -> None:
    assert (await read(store, staff_service.identify, user_id=1, admin_ids=[1])).role == Role.ADMIN
    assert (
        await read(store, staff_service.identify, user_id=2, staff_ids=[2])
    ).role == Role.DISPATCHER
    assert (await read(store, staff_service.identify, user_id=3)).role == Role.RESIDENT
    await run(
        store,
        staff_service.add_member,
        by=ADMIN,
        user_id=3,
        role=Role.FIELD_WORKER,
        department="sanitation",
        display_name="老王",
    )
    assert (await read(store, staff_service.identify, user_id=3)).role == Role.FIELD_WORKER
    await run(
        store, staff_service.add_member, by=ADMIN, user_id=3, role=Role.DISPATCHER
    )  # a change of role
    assert (await read(store, staff_service.identify, user_id=3)).role == Role.DISPATCHER
    assert [(m.user_id, m.role) for m in await read(store, staff_service.list_members)] == [
        (3, "dispatcher")
    ]
    assert await run(store, staff_service.remove_member, by=ADMIN, user_id=3)
    assert not await run(store, staff_service.remove_member, by=ADMIN, user_id=3)
    assert (await read(store, staff_service.identify, user_id=3)).role == Role.RESIDENT


async def test_only_admins_manage_staff(store: Store) -> None:
    with pytest.raises(PermissionDenied):
        await run(store, staff_service.add_member, by=DISPATCHER, user_id=9, role=Role.FIELD_WORKER)
    with pytest.raises(PermissionDenied):
        await run(store, staff_service.remove_member, by=Actor(9, Role.RESIDENT), user_id=9)
    with pytest.raises(InvalidInput, match="department"):
        await run(
            store,
            staff_service.add_member,
            by=ADMIN,
            user_id=9,
            role=Role.FIELD_WORKER,
            department="police",
        )
    with pytest.raises(InvalidInput, match="role"):
        await run(store, staff_service.add_member, by=ADMIN, user_id=9, role=Role.RESIDENT)


async def test_on_duty_dispatchers(store: Store) -> None:
    await run(store, staff_service.add_member, by=ADMIN, user_id=11, role=Role.DISPATCHER)
    await run(store, staff_service.add_member, by=ADMIN, user_id=12, role=Role.DISPATCHER)
    await run(store, staff_service.add_member, by=ADMIN, user_id=13, role=Role.FIELD_WORKER)
    await run(store, staff_service.set_duty, user_id=12, on_duty=False)
    assert [m.user_id for m in await read(store, staff_service.list_dispatchers_on_duty)] == [11]


async def _alert_rows(store: Store) -> list[tuple[str, str, int | None]]:
    async with store.reading() as session:
        rows = await session.execute(
            select(OutboxMessage).where(OutboxMessage.message_key.like("staff.deadline%"))
        )
        return [(m.message_key, m.recipient, m.chat_id) for m in rows.scalars()]


async def test_deadline_alerts_fire_once_per_stage(store: Store, clock: FakeClock) -> None:
    number = await file(store)  # sanitation: due in 24 h, "nearing" in the last 4 h
    await walk_to(store, number, Status.DISPATCHED)  # assigned to WORKER
    assert await run(store, alerts.raise_alerts) == []
    clock.advance(hours=20, minutes=1)
    [near] = await run(store, alerts.raise_alerts)
    assert (near.number, near.stage) == (number, 1)
    assert await run(store, alerts.raise_alerts) == []  # once
    clock.advance(hours=4)
    [over] = await run(store, alerts.raise_alerts)
    assert over.stage == 2
    assert await run(store, alerts.raise_alerts) == []
    assert sorted(await _alert_rows(store)) == sorted(
        [
            ("staff.deadline_near", "staff", None),
            ("staff.deadline_near", "user", WORKER.user_id),
            ("staff.deadline_over", "staff", None),
            ("staff.deadline_over", "user", WORKER.user_id),
        ]
    )
    overdue = await read(store, lookups.list_queue)
    assert overdue.tickets[0].deadline < clock.now


async def test_an_extension_rearms_the_alerts(store: Store, clock: FakeClock) -> None:
    number = await file(store, category="gas")  # due in 2 h: nearing in the last 30 min
    await walk_to(store, number, Status.IN_PROGRESS)
    clock.advance(hours=2, minutes=1)
    assert [a.stage for a in await run(store, alerts.raise_alerts)] == [2]
    await run(store, service.extend, number=number, by=WORKER, reason="等待燃气公司", days=1)
    assert await run(store, alerts.raise_alerts) == []
    clock.advance(days=1)
    assert [a.stage for a in await run(store, alerts.raise_alerts)] == [2]


async def test_resolved_and_closed_tickets_do_not_alert(store: Store, clock: FakeClock) -> None:
    number = await file(store, category="gas")
    await walk_to(store, number, Status.RESOLVED)
    clock.advance(hours=3)
    assert await run(store, alerts.raise_alerts) == []
