"""What the database says, held against what people were told and shown.

- Every ticket a resident filed was announced to them once, with its number, and every
  announced number is a ticket of theirs (no report lost, none filed twice).
- Every owed message (the outbox) was delivered, and exactly once.
- A button is only ever shown to someone who may press it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from telegram import Chat, InlineKeyboardMarkup, Message

from bot.runtime.notify import render
from handlers.buttons import (
    KINDS,
    AddComment,
    Fixed,
    JoinDuplicate,
    NotFixed,
    QueuePage,
    Rate,
    RejectReason,
    ShowTicket,
    StaffMove,
)
from handlers.faq_buttons import FAQ_KINDS
from storage.outbox.models import OutboxMessage
from storage.outbox.queue import OutboxItem
from storage.tickets import lookups
from storage.tickets.models import Follower, Ticket, TicketEvent
from tests.e2e.journeys.cast import Journey
from tests.e2e.journeys.texts import match
from tests.store_calls import read

FILED_KEYS = ("report.filed", "emergency.filed", "ask.filed")
"""The replies that give a resident the number of a ticket they just filed."""
STAFF_KINDS = (StaffMove, RejectReason, QueuePage, *FAQ_KINDS)
REPORTER_KINDS = (AddComment, Fixed, NotFixed, Rate)


@dataclass(frozen=True)
class Snapshot:
    """Everything a button press could change about the tickets."""

    tickets: tuple[tuple[object, ...], ...]
    events: int
    followers: int
    owed: int


async def snapshot(journey: Journey) -> Snapshot:
    """The tickets as they stand now."""
    async with journey.harness.services.store.reading() as session:
        rows = await session.execute(select(Ticket).order_by(Ticket.id))
        tickets = tuple(
            (
                ticket.number,
                ticket.status,
                ticket.rating,
                ticket.assignee_id,
                ticket.also_reported_count,
                ticket.priority,
                ticket.department,
                ticket.description,
            )
            for ticket in rows.scalars()
        )
        events = await session.scalar(select(func.count()).select_from(TicketEvent))
        followers = await session.scalar(select(func.count()).select_from(Follower))
        owed = await session.scalar(select(func.count()).select_from(OutboxMessage))
    return Snapshot(tickets, events or 0, followers or 0, owed or 0)


def filed_numbers(messages: list[Message]) -> list[str]:
    """The ticket numbers the filing replies among `messages` announce."""
    numbers = []
    for message in messages:
        for key in FILED_KEYS:
            found = match(message.text or "", key)
            if found is not None:
                numbers.append(found.group("number"))
    return numbers


async def ticket_problems(journey: Journey) -> list[str]:
    """Tickets filed and not announced, announced and not filed, or announced twice."""
    problems = []
    async with journey.harness.services.store.reading() as session:
        rows = await session.execute(select(Ticket.number, Ticket.reporter_id))
        filed_by: dict[int, set[str]] = {}
        for number, reporter in rows:
            filed_by.setdefault(reporter, set()).add(number)
    for resident in journey.residents:
        told = Counter(filed_numbers(journey.standin.world.sent_by_chat.get(resident.id, [])))
        mine = filed_by.get(resident.id, set())
        name = resident.first_name
        problems += [f"{name} was told of {n} {c} times" for n, c in told.items() if c > 1]
        problems += [f"{name} was never told of their ticket {n}" for n in mine - set(told)]
        problems += [f"{name} was told of {n}, not a ticket of theirs" for n in set(told) - mine]
    return problems


def _sent_texts(journey: Journey, chat_id: int) -> Counter[str]:
    return Counter(
        (m.text or m.caption or "") for m in journey.standin.world.sent_by_chat.get(chat_id, [])
    )


async def outbox_problems(journey: Journey) -> list[str]:
    """Owed messages that failed, or that reached their chat other than once."""
    services = journey.harness.services
    store, wiring = services.store, services.wiring
    async with store.reading() as session:
        rows = list((await session.execute(select(OutboxMessage))).scalars())
    problems = [f"owed {row.message_key} failed: {row.last_error}" for row in rows if row.failed_at]
    owed: Counter[tuple[int, str]] = Counter()
    staff_chat = journey.staff_group.id
    for row in rows:
        chat_id = row.chat_id if row.recipient == "user" else staff_chat
        if row.delivered_at is None or chat_id is None:
            continue
        item = OutboxItem(
            row.id,
            row.ticket_id,
            row.recipient,
            chat_id,
            row.language,
            row.message_key,
            dict(row.params),
            row.attempts,
        )
        words = wiring.words.get(row.message_key)
        # Deadlines read from when the message went out, as the sender rendered it.
        rendered = render(item, store.catalog, store.photos.root, words=words, now=row.delivered_at)
        text = rendered.text[:1024] if rendered.photo is not None else rendered.text
        owed[(chat_id, text)] += 1
    for (chat_id, text), count in owed.items():
        sent = _sent_texts(journey, chat_id)[text]
        if sent != count:
            problems.append(f"owed {count}×, sent {sent}× to {chat_id}: {text[:80]!r}")
    return problems


def buttons_of(message: Message) -> list[str]:
    """The callback data of a message's inline buttons."""
    markup = message.reply_markup
    if not isinstance(markup, InlineKeyboardMarkup):
        return []
    return [str(b.callback_data) for row in markup.inline_keyboard for b in row if b.callback_data]


def decode(data: str) -> object | None:
    """The typed value of a button's data, or None if no kind of ours reads it."""
    for kind in KINDS:
        value = kind.decode(data)
        if value is not None:
            return value
    return None


async def button_problems(journey: Journey, messages: list[Message]) -> list[str]:
    """Buttons shown to someone who may not press them."""
    store = journey.harness.services.store
    staff_chats = {journey.staff_group.id, journey.admin.id, journey.dispatcher.id}
    problems = []
    for message in messages:
        chat = message.chat
        for data in buttons_of(message):
            value = decode(data)
            where = f"{data!r} in chat {chat.id}"
            if value is None:
                problems.append(f"button data no kind reads: {where}")
            elif isinstance(value, STAFF_KINDS):
                if chat.id not in staff_chats:
                    problems.append(f"a staff button shown to a non-staff chat: {where}")
            elif chat.type != Chat.PRIVATE:
                problems.append(f"a personal button shown in a group: {where}")
            elif isinstance(value, (ShowTicket, *REPORTER_KINDS)):
                number = value.number  # type: ignore[union-attr]
                standing = await read(store, lookups.find_standing, number=number, user_id=chat.id)
                reporter_only = isinstance(value, REPORTER_KINDS)
                if standing is None or (reporter_only and not standing.reporter):
                    problems.append(f"a button of someone else's ticket: {where}")
            elif isinstance(value, JoinDuplicate):
                ticket = await read(store, lookups.get_ticket, number=value.number)
                if not ticket.is_open:
                    problems.append(f"joining a closed ticket offered: {where}")
    return problems
