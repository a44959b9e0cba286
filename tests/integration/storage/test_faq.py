"""The FAQ's database half on the real database: staff entries, edits and deletions of
shipped ones overlaid on the shipped set, each change logged with who, when, before/after."""

from __future__ import annotations

from dataclasses import replace

import pytest

from storage import Store
from storage.faq import (
    FaqEntryExists,
    FaqEntryNotFound,
    FaqFields,
    add_entry,
    delete_entry,
    edit_entry,
    get_entry,
    latest_change,
    list_changes,
    list_entries,
    save_entry,
)

SHIPPED = {
    "gas-1": FaqFields(
        id="gas-1",
        question="旧楼加装管道燃气有补贴吗？",
        answer_zh="有，居民最多自付1200元。",
        answer_en="Yes; residents pay at most 1,200 yuan.",
        similar=("旧楼装燃气补贴", "old building gas subsidy"),
        source="gas-subsidy.md",
        passage="居民自付部分不超过1200元",
    ),
    "fee-1": FaqFields(id="fee-1", question="垃圾费怎么交？", answer_zh="随水费缴交。"),
}
STAFF_ANSWER = FaqFields(id="", question="小区的路灯坏了找谁？", answer_zh="请拨打12345报修。")


async def test_a_staff_entry_gets_the_next_number_and_joins_the_live_faq(store: Store) -> None:
    async with store.unit_of_work() as uow:
        first = await add_entry(uow, entry=STAFF_ANSWER, by=7, shipped=SHIPPED)
        second = await add_entry(uow, entry=replace(STAFF_ANSWER, question="路灯不亮"), by=7)
    assert (first.id, second.id) == ("staff-1", "staff-2")
    async with store.unit_of_work(read_only=True) as uow:
        live = await list_entries(uow, shipped=SHIPPED)
    assert [e.id for e in live] == ["gas-1", "fee-1", "staff-1", "staff-2"]
    assert live[2].answer_zh == "请拨打12345报修。"


async def test_an_edit_of_a_shipped_entry_replaces_it_and_is_logged(store: Store) -> None:
    edited = replace(SHIPPED["gas-1"], answer_zh="有，最多自付1200元（2026年起）。")
    async with store.unit_of_work() as uow:
        assert await edit_entry(uow, entry=edited, by=42, shipped=SHIPPED)
    async with store.unit_of_work(read_only=True) as uow:
        live = await get_entry(uow, entry_id="gas-1", shipped=SHIPPED)
        (change,) = await list_changes(uow)
    assert live.answer_zh.startswith("有，最多自付1200元（2026")
    assert (change.entry_id, change.action, change.by) == ("gas-1", "edit", 42)
    assert change.before == SHIPPED["gas-1"] and change.after == edited
    assert change.at is not None


async def test_a_deleted_entry_leaves_the_live_faq_and_its_id_is_never_reused(
    store: Store,
) -> None:
    async with store.unit_of_work() as uow:
        staff = await add_entry(uow, entry=STAFF_ANSWER, by=7)
        await delete_entry(uow, entry_id="fee-1", by=7, shipped=SHIPPED)
        await delete_entry(uow, entry_id=staff.id, by=7, shipped=SHIPPED)
        again = await add_entry(uow, entry=STAFF_ANSWER, by=7)
    async with store.unit_of_work(read_only=True) as uow:
        live = await list_entries(uow, shipped=SHIPPED)
        changes = await list_changes(uow, entry_id="fee-1")
    assert [e.id for e in live] == ["gas-1", "staff-2"] and again.id == "staff-2"
    assert [(c.action, c.before, c.after) for c in changes] == [("delete", SHIPPED["fee-1"], None)]


async def test_what_is_not_live_cannot_be_edited_or_deleted_nor_added_twice(
    store: Store,
) -> None:
    async with store.unit_of_work() as uow:
        await delete_entry(uow, entry_id="fee-1", by=1, shipped=SHIPPED)
    for missing in ("fee-1", "nothing-9"):
        with pytest.raises(FaqEntryNotFound):
            async with store.unit_of_work() as uow:
                await edit_entry(uow, entry=replace(SHIPPED["fee-1"], id=missing), by=1)
        with pytest.raises(FaqEntryNotFound):
            async with store.unit_of_work() as uow:
                await delete_entry(uow, entry_id=missing, by=1, shipped=SHIPPED)
    with pytest.raises(FaqEntryExists):
        async with store.unit_of_work() as uow:
            await add_entry(uow, entry=SHIPPED["gas-1"], by=1, shipped=SHIPPED)
    async with store.unit_of_work(read_only=True) as uow:
        assert await latest_change(uow) == 1  # only the first delete happened


async def test_saving_the_same_rows_twice_changes_nothing_the_second_time(store: Store) -> None:
    rows = [replace(SHIPPED["gas-1"], answer_en="Yes."), replace(STAFF_ANSWER, id="lamp-1")]
    async with store.unit_of_work() as uow:
        first = [await save_entry(uow, entry=r, by=None, shipped=SHIPPED) for r in rows]
        counter = await latest_change(uow)
        second = [await save_entry(uow, entry=r, by=None, shipped=SHIPPED) for r in rows]
        assert await latest_change(uow) == counter
    assert first == ["changed", "added"] and second == ["unchanged", "unchanged"]


async def test_a_change_that_fails_leaves_neither_entry_nor_log(store: Store) -> None:
    with pytest.raises(RuntimeError):
        async with store.unit_of_work() as uow:
            await add_entry(uow, entry=STAFF_ANSWER, by=7)
            raise RuntimeError("the handler failed after the add")
    async with store.unit_of_work(read_only=True) as uow:
        assert await list_entries(uow) == [] and await latest_change(uow) == 0
