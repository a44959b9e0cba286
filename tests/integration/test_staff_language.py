"""What the store owes staff is written in their language: the staff group's (the bot's
default language) and each roster member's own (the one they use the bot in)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from storage import Action, Role, Status, Store
from storage.db.engine import create_engine
from storage.outbox.models import OutboxMessage
from storage.tickets.categories import load_catalog
from storage.tickets.photos import PhotoStore
from tests.conftest import FakeClock
from tests.integration.store_helpers import ADMIN, REPORTER, WORKER, file, walk_to


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
        await store.annotate(number, Action.COMMENT, REPORTER, note="still there")
        assert await _languages(store, "staff.ticket_") == {("staff", None): "en"}
    finally:
        await store.close()


async def test_an_alert_is_in_the_assignee_s_language_else_the_group_s(
    store: Store, clock: FakeClock
) -> None:
    await store.add_staff(ADMIN, WORKER.user_id, Role.FIELD_WORKER, department="sanitation")
    await store.note_staff_language(WORKER.user_id, "en")
    await store.note_staff_language(424242, "en")  # not on the roster: nothing to keep
    assert [m.language for m in await store.staff_roster()] == ["en"]
    first = await file(store)
    await walk_to(store, first, Status.DISPATCHED)  # assigned to WORKER
    clock.advance(hours=20, minutes=1)
    assert len(await store.raise_deadline_alerts()) == 1
    assert await _languages(store, "staff.deadline") == {
        ("staff", None): "zh",
        ("user", WORKER.user_id): "en",
    }
    await store.note_staff_language(WORKER.user_id, "zh")  # they switched to Chinese
    assert [m.language for m in await store.staff_roster()] == ["zh"]
