"""Helpers of the staff end-to-end tests: file tickets straight into the store, read replies."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from telegram import Message, User

from storage.tickets import lookups
from storage.tickets.filing import NewTicket
from storage.tickets.models import Ticket
from tests.conftest import FakeClock
from tests.e2e.forgery import answer_text
from tests.e2e.harness import RESIDENT_ID, BotHarness
from tests.store_calls import file_ticket as file_as_given
from tests.store_calls import read


def jpeg(colour: tuple[int, int, int] = (200, 80, 40)) -> bytes:
    """A small JPEG photo."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(buffer, format="JPEG")
    return buffer.getvalue()


async def file_ticket(
    harness: BotHarness,
    *,
    category: str = "sanitation",
    priority: str = "normal",
    description: str = "路边垃圾堆积",
    photo: bool = True,
    latitude: float = 23.129,
    longitude: float = 113.264,
) -> Ticket:
    """File a resident's ticket through the store (as the report feature does) and deliver
    the staff-group post."""
    store = harness.services.store
    photos = [store.photos.put(jpeg())] if photo else []
    report = NewTicket(
        category=category,
        description=description,
        reporter_id=RESIDENT_ID,
        priority=priority,
        latitude=latitude,
        longitude=longitude,
    )
    ticket = await file_as_given(store, report, photos=photos)
    harness.services.outbox.kick()
    return ticket


async def group_post(harness: BotHarness, number: str) -> Message:
    """The staff-group message about ticket `number`."""
    return await harness.standin.wait_for_message(
        harness.staff_group.id, lambda m: number in (m.text or m.caption or ""), timeout=10
    )


async def say(harness: BotHarness, user: User, text: str) -> str:
    """Send `text` in the user's private chat; the text of the bot's first reply."""
    reply = await harness.say(user, text)
    return reply.text or reply.caption or ""


async def card_of(harness: BotHarness, user: User, typed: str) -> str:
    """The card /ticket `typed` shows (after the ticket's photos, if it has any)."""
    before = len(harness.sent_to(user))
    harness.standin.send_text(user, f"/ticket {typed}")
    card = await harness.standin.wait_for_message(
        user.id,
        lambda m: harness.sent_to(user).index(m) >= before and bool(m.text),
        timeout=15,
    )
    return card.text or ""


def buttons(message: Message) -> list[str]:
    """The labels of a message's inline buttons."""
    markup = message.reply_markup
    assert markup is not None
    return [button.text for row in markup.inline_keyboard for button in row]


async def status_of(harness: BotHarness, number: str) -> str:
    """The ticket's status in the store."""
    return (await read(harness.services.store, lookups.get_detail, number=number)).ticket.status


@pytest.fixture
def clock(harness: BotHarness) -> FakeClock:
    """A fake clock put into the running bot's store."""
    fake = FakeClock()
    harness.services.store.clock = fake
    return fake


answer_to = answer_text
"""The text the bot answered a button press with (waits for the answer)."""
