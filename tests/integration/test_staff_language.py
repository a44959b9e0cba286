"""What the store owes staff is written in their language: the staff group's (the bot's
default language) and each roster member's own (the one they use the bot in)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from storage import Role, Status, Store
from storage.db.engine import create_engine
from storage.outbox.models import OutboxMessage
from storage.staff import service as staff_service
from storage.tickets import alerts, remarks
from storage.tickets.categories import load_catalog
from storage.tickets.photos import PhotoStore
from tests.conftest import FakeClock
from tests.integration.store_helpers import ADMIN, REPORTER, WORKER, file, walk_to
from tests.store_calls import read, run


async def _languages(store: Store, key_prefix: str) -> dict[tuple[str, int | None], str]:
    async with store.reading() as session:
        rows = await session.execute(
            select(OutboxMessage).where(OutboxMessage.message_key.like(f"{key_prefix}%"))
        )
        return {(m.recipient, m.chat_id): m.language for m in rows.scalars()}


async def test_news_for_the_staff_group_is_in_its_language(
    database_url: str, tmp_path: Path, clock: FakeClock
) -> None:
    store = Store(
        create_engine(database_url),
        catalog=load_catalog(),
        photos=PhotoStore(tmp_path / "photos"),
        clock=clock,
        staff_language="en",
    )
    try:
        number = await file(store)
        await run(store, remarks.comment, number=number, by=REPORTER, note="still there")
        assert await _languages(store, "staff.ticket_") == {("staff", None): "en"}
    finally:
        await store.close()


async def test_an_alert_is_in_the_assignee_s_language_else_the_group_s(
    store: Store, clock: FakeClock
) -> None:
    await run(
        store,
        staff_service.add_member,
        by=ADMIN,
        user_id=WORKER.user_id,
        role=Role.FIELD_WORKER,
        department="sanitation",
    )
    await run(store, staff_service.note_language, user_id=WORKER.user_id, language="en")
    await run(
        store, staff_service.note_language, user_id=424242, language="en"
    )  # not on the roster: nothing to keep
    assert [m.language for m in await read(store, staff_service.list_members)] == ["en"]
    first = await file(store)
    await walk_to(store, first, Status.DISPATCHED)  # assigned to WORKER
    clock.advance(hours=20, minutes=1)
    assert len(await run(store, alerts.raise_alerts)) == 1
    assert await _languages(store, "staff.deadline") == {
        ("staff", None): "zh",
        ("user", WORKER.user_id): "en",
    }
    await run(
        store, staff_service.note_language, user_id=WORKER.user_id, language="zh"
    )  # they switched to Chinese
    assert [m.language for m in await read(store, staff_service.list_members)] == ["zh"]
