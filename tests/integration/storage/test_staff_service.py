"""The roster's service functions on the real database, each in a unit of work."""

from __future__ import annotations

import pytest

from storage import InvalidInput, PermissionDenied, Role, Store
from storage.botstate import service as botstate
from storage.outbox import OwedReply
from storage.staff import service as staff
from tests.integration.store_helpers import ADMIN, DISPATCHER, WORKER


async def test_admins_keep_the_roster_and_each_change_is_confirmed_once(store: Store) -> None:
    added = OwedReply(ADMIN.user_id or 0, "zh", "staff.roster.added", origin="tg:4001:1")
    async with store.unit_of_work() as uow:
        with pytest.raises(PermissionDenied):
            await staff.add_member(uow, by=DISPATCHER, user_id=5001, role=Role.FIELD_WORKER)
    async with store.unit_of_work() as uow:
        with pytest.raises(InvalidInput, match="department"):
            await staff.add_member(
                uow, by=ADMIN, user_id=5001, role=Role.FIELD_WORKER, department="消防队"
            )
    for _ in range(2):  # the same update, handled twice
        async with store.unit_of_work() as uow:
            await staff.add_member(
                uow,
                by=ADMIN,
                user_id=5001,
                role=Role.FIELD_WORKER,
                department="环卫所",  # the department's name stands for its code
                reply=added,
            )

    async with store.unit_of_work(read_only=True) as uow:
        roster = await staff.list_members(uow)
        actor = await staff.identify(uow, user_id=5001)
        stranger = await staff.identify(uow, user_id=5002, staff_ids=[5002])
    assert [(m.user_id, m.role, m.department) for m in roster] == [
        (5001, "field_worker", "sanitation")
    ]
    assert actor.role == Role.FIELD_WORKER
    assert stranger.role == Role.DISPATCHER  # named in the settings, not on the roster

    gone = OwedReply(ADMIN.user_id or 0, "zh", "staff.roster.removed", origin="tg:4001:2")
    async with store.unit_of_work() as uow:
        assert await staff.remove_member(uow, by=ADMIN, user_id=5001, reply=gone)
    async with store.unit_of_work() as uow:  # redone: reported removed, nothing more owed
        assert await staff.remove_member(uow, by=ADMIN, user_id=5001, reply=gone)
    async with store.unit_of_work() as uow:
        assert not await staff.remove_member(uow, by=ADMIN, user_id=5001)
        assert (await staff.identify(uow, user_id=5001)).role == Role.RESIDENT


async def test_duty_and_language_of_a_member(store: Store) -> None:
    async with store.unit_of_work() as uow:
        await staff.add_member(uow, by=ADMIN, user_id=WORKER.user_id or 0, role=Role.DISPATCHER)
        assert not await staff.set_duty(uow, user_id=9999, on_duty=False)  # not on the roster
        assert await staff.is_language_new(uow, user_id=WORKER.user_id or 0, language="en")
        assert await staff.note_language(uow, user_id=WORKER.user_id or 0, language="en")
    async with store.unit_of_work() as uow:
        assert not await staff.is_language_new(uow, user_id=WORKER.user_id or 0, language="en")
        assert not await staff.is_language_new(uow, user_id=9999, language="en")
        assert [m.user_id for m in await staff.list_dispatchers_on_duty(uow)] == [WORKER.user_id]
        assert await staff.set_duty(uow, user_id=WORKER.user_id or 0, on_duty=False)
    async with store.unit_of_work(read_only=True) as uow:
        assert await staff.list_dispatchers_on_duty(uow) == []


async def test_the_settings_staff_are_enrolled_once_and_named_as_they_act(store: Store) -> None:
    admin_id, staff_id = ADMIN.user_id or 0, DISPATCHER.user_id or 0
    async with store.unit_of_work() as uow:
        await staff.add_member(uow, by=ADMIN, user_id=admin_id, role=Role.FIELD_WORKER)
        await staff.set_duty(uow, user_id=admin_id, on_duty=False)
    for expected in (1, 0):  # a second start (or a second worker) adds nobody
        async with store.unit_of_work() as uow:
            added = await staff.enrol_from_settings(uow, admin_ids=[admin_id], staff_ids=[staff_id])
        assert added == expected
    async with store.unit_of_work() as uow:
        roster = {m.user_id: (m.role, m.on_duty) for m in await staff.list_members(uow)}
        assert roster == {admin_id: ("admin", False), staff_id: ("dispatcher", True)}
        assert await staff.is_profile_new(uow, user_id=staff_id, language="zh", name="陈调度")
        assert await staff.note_profile(uow, user_id=staff_id, language="zh", name="陈调度")
    async with store.unit_of_work() as uow:
        assert not await staff.is_profile_new(uow, user_id=staff_id, language="zh", name="陈调度")
        names = await staff.names_of(uow, user_ids=[admin_id, staff_id, 12345])
    assert names == {staff_id: "陈调度"}


async def test_bot_state_entries_and_the_ledger(store: Store) -> None:
    async with store.unit_of_work() as uow:
        await botstate.save_entries(uow, namespace="chat_data", entries=[("1", {"a": 1})])
        fresh = await botstate.receive_updates(
            uow, bot_id=7, updates=[(1, {"update_id": 1}), (2, {"update_id": 2})], instance="a"
        )
    async with store.unit_of_work() as uow:
        again = await botstate.receive_updates(
            uow, bot_id=7, updates=[(2, {"update_id": 2}), (3, {"update_id": 3})], instance="a"
        )
        await botstate.finish_updates_with_state(
            uow, bot_id=7, update_ids=[1, 2], entries=[("chat_data", "1", None)]
        )
    assert fresh == {1, 2}
    assert again == {3}
    async with store.unit_of_work(read_only=True) as uow:
        assert await botstate.load_namespace(uow, namespace="chat_data") == {}
