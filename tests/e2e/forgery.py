"""Forged and replayed button presses: what a modified Telegram client can send.

Telegram lets any client send any callback_data with a press on any message the bot sent
it. `forge` does that through the stand-in and gathers everything the bot did in reply, so
a test can prove the press was answered as expired and changed and revealed nothing.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from telegram import Message, Update, User

from bot.messages import t
from storage.outbox.models import OutboxMessage
from storage.tickets import lookups
from storage.tickets.models import Follower
from tests.e2e.harness import BotHarness
from tests.store_calls import read


@dataclass(frozen=True)
class Outcome:
    """What the bot did after one press: its answer, and what reached the presser's chat."""

    answer: str
    messages: list[Message]
    edits: list[Message]

    def texts(self) -> str:
        """Everything that reached the chat, as one text (messages and edits)."""
        return "\n".join(m.text or m.caption or "" for m in self.messages + self.edits)


async def answer_text(harness: BotHarness, press: Update, within: float = 10.0) -> str:
    """The text the bot answered a button press with, once it has settled."""
    assert press.callback_query is not None
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while (answer := harness.standin.callback_answer(press.callback_query.id)) is None:
        assert loop.time() < deadline, "the button press was not answered"
        await asyncio.sleep(0.02)
    await harness.settle()
    return answer.text or ""


async def forge(
    harness: BotHarness,
    user: User,
    data: str,
    *,
    on: Message | None = None,
    chat: int | None = None,
) -> Outcome:
    """Press `data` as `user` on `on` (else the bot's last message in the chat)."""
    chat_id = chat if chat is not None else on.chat.id if on is not None else user.id
    await harness.settle()
    if on is None:
        on = harness.sent_to(chat_id)[-1]
    standin = harness.standin
    sent_before, edits_before = len(standin.sent), len(standin.edits)
    press = standin.press_data(user, on, data, chat_id)
    answer = await answer_text(harness, press)
    assert press.callback_query is not None
    answers = [
        call
        for call in standin.calls_to("answerCallbackQuery")
        if str(call.params.get("callback_query_id")) == press.callback_query.id
    ]
    assert len(answers) == 1, f"{data!r} was answered {len(answers)} times"
    messages = [m for m in standin.sent[sent_before:] if m.chat.id == chat_id]
    edits = [e.after for e in standin.edits[edits_before:] if e.after.chat.id == chat_id]
    return Outcome(answer, messages, edits)


def expired(lang: str = "zh") -> str:
    """The one answer to a press that matches nothing offered."""
    return t("error.stale_button", lang)


def assert_expired(outcome: Outcome, lang: str = "zh") -> None:
    """The press got the expired answer and nothing else reached the chat."""
    assert outcome.answer == expired(lang), outcome.answer
    assert outcome.messages == [], [m.text or m.caption for m in outcome.messages]
    assert outcome.edits == [], [m.text or m.caption for m in outcome.edits]


async def ticket_state(harness: BotHarness, number: str) -> dict[str, Any]:
    """Everything about a ticket a forged press could change: status, rating, counts of
    events, photos, followers and owed messages."""
    detail = await read(harness.services.store, lookups.get_detail, number=number)
    ticket = detail.ticket
    async with harness.services.store.reading() as session:
        owed = await session.execute(
            select(func.count()).where(OutboxMessage.ticket_id == ticket.id)
        )
        followers = await session.execute(
            select(Follower.user_id).where(Follower.ticket_id == ticket.id)
        )
        return {
            "status": ticket.status,
            "rating": ticket.rating,
            "assignee": ticket.assignee_id,
            "also_reported": ticket.also_reported_count,
            "events": len(detail.events),
            "photos": len(detail.photos),
            "followers": sorted(row[0] for row in followers),
            "owed": owed.scalar_one(),
        }
