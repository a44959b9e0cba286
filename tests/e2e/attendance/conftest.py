"""Helpers of the attendance end-to-end tests: workers on the roster with an area and a
shift, set from chat as a dispatcher would, and the store's clock under the test's hand."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select
from telegram import Message, User

from storage.attendance.models import AttendancePosition, AttendanceSession
from tests.conftest import FakeClock
from tests.e2e.harness import BotHarness

CENTRE = (23.129, 113.264)
"""The middle of the test area (Guangzhou); 300 m around it is the worker's area."""
MONDAY_0825 = datetime(2026, 11, 23, 0, 25, tzinfo=UTC)
"""Monday 08:25 in Guangzhou: before an 08:30 shift starts."""


@pytest.fixture
def clock(harness: BotHarness) -> FakeClock:
    """A fake clock put into the running bot's store, on Monday 08:25 in Guangzhou."""
    fake = FakeClock(MONDAY_0825)
    harness.services.store.clock = fake
    return fake


async def text_of_reply(harness: BotHarness, user: User, text: str) -> str:
    """Send `text` in the user's private chat; the text of the bot's first reply."""
    reply = await harness.say(user, text)
    return reply.text or reply.caption or ""


async def enrol(
    harness: BotHarness,
    user: User,
    *,
    department: str = "sanitation",
    area: str | None = f"{CENTRE[0]} {CENTRE[1]} 300",
    shift: str | None = "08:30-17:30",
) -> None:
    """Put `user` on the roster as a field worker, and set their area and shift from chat."""
    admin, dispatcher = harness.users["admin"], harness.users["dispatcher"]
    harness.standin.private_chat(user)
    await text_of_reply(harness, admin, f"/staff add {user.id} field_worker {department}")
    if area is not None:
        assert "✅" in await text_of_reply(harness, dispatcher, f"/area {user.id} {area}")
    if shift is not None:
        assert "✅" in await text_of_reply(harness, dispatcher, f"/shift {user.id} {shift}")


async def share_live(
    harness: BotHarness, user: User, lat: float, lon: float, period: int = 8 * 3600
) -> tuple[Message, str]:
    """The user shares a live location; the message shared and the bot's reply."""
    before = len(harness.sent_to(user))
    update = harness.standin.send_live_location(user, lat, lon, period)
    assert update.message is not None
    reply = await harness.next_reply(user.id, before)
    return update.message, reply.text or ""


async def sessions_of(harness: BotHarness, user_id: int) -> list[AttendanceSession]:
    """The user's attendance sessions, oldest first."""
    async with harness.services.store.reading() as session:
        rows = await session.execute(
            select(AttendanceSession)
            .where(AttendanceSession.user_id == user_id)
            .order_by(AttendanceSession.id)
        )
        return list(rows.scalars())


async def position_count(harness: BotHarness, user_id: int) -> int:
    """How many positions are kept of the user."""
    async with harness.services.store.reading() as session:
        count = await session.scalar(
            select(func.count()).where(AttendancePosition.user_id == user_id)
        )
    return int(count or 0)
