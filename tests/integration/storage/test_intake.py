"""Intake on the real database: a photo report, an emergency and a handed-over question each
become one ticket, urgent when anything the resident said makes it so, filed once per intake."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import func, select

from bot.app import suggester_for
from storage import Store, load_catalog
from storage.outbox import OwedReply
from storage.outbox.models import OutboxMessage
from storage.tickets import lookups
from storage.tickets.intake import file_report, find_duplicates, is_urgent, suggest_category
from storage.tickets.intake_draft import ReportDraft
from storage.tickets.models import Ticket
from tests.integration.store_helpers import jpeg
from tests.store_calls import read

TRIAGE = suggester_for(load_catalog())
"""Knowledge's suggester with the shipped file's keywords, as bot/app.py makes it (no index)."""
RESIDENT = 1001


def _draft(key: str = "tg:1001:10", **fields: object) -> ReportDraft:
    values: dict[str, object] = {
        "intake_key": key,
        "reporter_id": RESIDENT,
        "language": "zh",
        "started": "2026-11-23T02:00:00+00:00",
    }
    values.update(fields)
    return ReportDraft(**values)  # type: ignore[arg-type]


async def _file(store: Store, draft: ReportDraft, key: str = "report.filed") -> tuple[str, bool]:
    # The reply a handler owes with the filing: the ticket's number, in the resident's chat.
    reply = OwedReply(draft.reporter_id or 0, draft.language, key, origin=draft.reply_origin)
    async with store.unit_of_work() as uow:
        filed = await file_report(uow, draft=draft, suggest=TRIAGE, reply=reply)
    return filed.number, filed.created


async def _owed(store: Store) -> list[tuple[int | None, str]]:
    async with store.unit_of_work(read_only=True) as uow:
        rows = await uow.session.execute(select(OutboxMessage).order_by(OutboxMessage.id))
        return [(row.chat_id, row.message_key) for row in rows.scalars()]


async def test_a_photo_report_files_with_its_photo_and_owes_number_and_notice(
    store: Store,
) -> None:
    photo = await asyncio.to_thread(store.photos.put, jpeg())
    draft = _draft(caption="小区门口垃圾桶满了").with_photo(photo)
    draft = replace(draft.with_place(latitude=23.1291, longitude=113.2644), category="sanitation")
    draft = replace(draft, description=draft.caption)
    number, created = await _file(store, draft)
    assert created
    detail = await read(store, lookups.get_detail, number=number)
    ticket = detail.ticket
    assert (ticket.category, ticket.priority, ticket.reporter_id) == ("sanitation", "normal", 1001)
    assert ticket.description == "小区门口垃圾桶满了"
    assert ticket.deadline - ticket.created_at == timedelta(hours=24)
    assert [(p.kind, p.sha256) for p in detail.photos] == [("before", photo.sha256)]
    owed = await _owed(store)
    assert (RESIDENT, "report.filed") in owed
    assert any(key == "staff.ticket_new" for _, key in owed)


async def test_an_emergency_files_an_urgent_gas_ticket_at_the_typed_address(store: Store) -> None:
    draft = _draft(caption="厨房好大煤气味", emergency=True).with_place(address="天河路100号")
    number, _ = await _file(store, draft, "emergency.filed")
    ticket = (await read(store, lookups.get_detail, number=number)).ticket
    assert (ticket.category, ticket.priority, ticket.address) == ("gas", "urgent", "天河路100号")
    assert ticket.description == "厨房好大煤气味"
    assert (RESIDENT, "emergency.filed") in await _owed(store)


async def test_a_handed_over_question_files_a_consultation(store: Store) -> None:
    draft = _draft(question="垃圾处理费按什么标准收？")
    number, _ = await _file(store, draft, "ask.filed")
    ticket = (await read(store, lookups.get_detail, number=number)).ticket
    assert (ticket.category, ticket.priority) == ("consultation", "normal")
    assert ticket.description == "垃圾处理费按什么标准收？"
    assert ticket.latitude is None and ticket.address is None
    assert (RESIDENT, "ask.filed") in await _owed(store)


async def test_a_missing_cover_typed_as_the_description_later_gets_the_short_deadline(
    store: Store,
) -> None:
    # The photo came without a caption; the words came only when asked for a description.
    base = _draft(caption="").with_place(address="天河路100号")
    missing = replace(base, category="facilities", description="井盖不见了")
    loose = replace(base, intake_key="tg:1001:11", category="facilities", description="井盖松动")
    urgent_number, _ = await _file(store, missing)
    normal_number, _ = await _file(store, loose)
    urgent = (await read(store, lookups.get_detail, number=urgent_number)).ticket
    normal = (await read(store, lookups.get_detail, number=normal_number)).ticket
    assert urgent.priority == "urgent"
    assert urgent.deadline - urgent.created_at == timedelta(hours=2)
    assert normal.priority == "normal"
    assert normal.deadline - normal.created_at == timedelta(hours=48)


def test_urgency_reads_the_chosen_category_s_own_words() -> None:
    # "垃圾" comes first, so the suggestion is sanitation; the resident chose facilities,
    # and for facilities a missing cover is urgent wherever it is mentioned.
    said = _draft(caption="垃圾堆旁边的井盖不见了")
    assert is_urgent(replace(said, category="facilities"), triage=TRIAGE)
    assert not is_urgent(replace(said, category="sanitation"), triage=TRIAGE)
    assert not is_urgent(replace(said, category=None), triage=TRIAGE)


async def test_the_suggestion_reads_the_description_too() -> None:
    hint = await suggest_category(_draft(description="路灯坏了一个星期"), triage=TRIAGE)
    assert hint is not None and (hint.category, hint.reason) == ("facilities", "keyword")
    assert await suggest_category(_draft(), triage=TRIAGE) is None


async def test_filing_the_same_intake_again_returns_the_first_ticket_and_owes_nothing_more(
    store: Store,
) -> None:
    draft = replace(_draft(caption="树枝断了").with_place(address="天河路1号"), category="greening")
    first, created = await _file(store, draft)
    again, created_again = await _file(store, replace(draft, description="改了说法"))
    assert (created, created_again) == (True, False) and again == first
    async with store.unit_of_work(read_only=True) as uow:
        count = await uow.session.execute(select(func.count(Ticket.id)))
        assert count.scalar_one() == 1
    owed = await _owed(store)
    assert owed.count((RESIDENT, "report.filed")) == 1
    assert sum(key == "staff.ticket_new" for _, key in owed) == 1


async def test_concurrent_filings_of_one_intake_make_one_ticket(store: Store) -> None:
    draft = replace(
        _draft(caption="占道摆摊").with_place(address="北京路2号"), category="street_order"
    )
    results = await asyncio.gather(*(_file(store, draft) for _ in range(5)))
    assert len({number for number, _ in results}) == 1
    assert sum(created for _, created in results) == 1
    owed = await _owed(store)
    assert owed.count((RESIDENT, "report.filed")) == 1
    assert sum(key == "staff.ticket_new" for _, key in owed) == 1


async def test_duplicates_are_the_open_tickets_of_the_category_close_by(store: Store) -> None:
    here = {"latitude": 23.1291, "longitude": 113.2644}
    mine, _ = await _file(
        store, replace(_draft("tg:1001:20").with_place(**here), category="facilities")
    )
    theirs = replace(_draft("tg:1002:21", reporter_id=1002), category="facilities")
    other, _ = await _file(store, theirs.with_place(latitude=23.1295, longitude=113.2644))
    elsewhere = replace(_draft("tg:1002:22", reporter_id=1002), category="sanitation")
    await _file(store, elsewhere.with_place(**here))
    new = replace(_draft("tg:1001:23").with_place(**here), category="facilities")
    async with store.unit_of_work(read_only=True) as uow:
        found = await find_duplicates(uow, draft=new)
    assert [(d.number, d.own) for d in found] == [(mine, True), (other, False)]
    assert found[1].distance_m is not None and 40 < found[1].distance_m < 50
