"""What a user is owed arrives through a flood: ticket numbers, staff confirmations, and
urgent alerts before ordinary posts.

The stand-in answers every send with 429 for a few seconds (as Telegram does when it holds
a bot to its flood limits), then applies Telegram's usual limits.
"""

from __future__ import annotations

import asyncio
import re

import pytest
from telegram import Message, User

from bot.messages import t
from bot.messages.dates import format_due
from storage import NewTicket
from storage.tickets import lookups
from tests.e2e.harness import BotHarness
from tests.e2e.resident.conftest import jpeg
from tests.store_calls import file_ticket, read

# PTB 22 warns about RetryAfter.retry_after becoming a timedelta whenever it builds one.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")

RESIDENTS = 50
STORM_SECONDS = 6.0
NUMBER = re.compile(r"CG-\d{8}-\d{4}")


def _has_buttons(message: Message) -> bool:
    return bool(getattr(message.reply_markup, "inline_keyboard", None))


async def _to_the_summary(harness: BotHarness, residents: list[User]) -> list[Message]:
    """Walk every resident, side by side, to the summary of a photo report."""
    standin = harness.standin
    for resident in residents:
        standin.send_photo(resident, jpeg(), caption="小区门口垃圾桶满了")
    asking = t("report.ask_location", "zh")
    await asyncio.gather(
        *(standin.wait_for_message(r.id, lambda m: m.text == asking, 60) for r in residents)
    )
    for index, resident in enumerate(residents):  # about 1.1 km apart: no duplicates
        standin.send_location(resident, 23.0 + index * 0.01, 113.264)
    keyboards = await asyncio.gather(
        *(standin.wait_for_message(r.id, _has_buttons, 60) for r in residents)
    )
    for resident, keyboard in zip(residents, keyboards, strict=True):
        standin.press_button(resident, keyboard, 0)  # the suggested category
    return list(
        await asyncio.gather(
            *(standin.wait_for_message(r.id, lambda m: bool(m.photo), 60) for r in residents)
        )
    )


def _texts(harness: BotHarness, chat_id: int) -> list[str]:
    return [m.text or m.caption or "" for m in harness.sent_to(chat_id)]


async def test_fifty_residents_confirming_in_a_flood_each_get_their_number_once(
    harness: BotHarness,
) -> None:
    standin = harness.standin
    residents = [standin.add_user(20_000 + n, f"居民{n}") for n in range(RESIDENTS)]
    for resident in residents:
        standin.private_chat(resident)
    summaries = await _to_the_summary(harness, residents)
    standin.flood_storm(STORM_SECONDS, retry_after=1)
    standin.set_rate_limit(True)  # and Telegram's usual limits after it
    presses = [
        standin.press_button(resident, summary, t("report.confirm", "zh"))
        for resident, summary in zip(residents, summaries, strict=True)
    ]
    filed = "工单编号"
    await harness.eventually(
        lambda: all(any(filed in text for text in _texts(harness, r.id)) for r in residents),
        within=90,
    )
    await asyncio.sleep(2)  # time enough for a second copy, were one owed
    storm_answers = [call for call in standin.calls if call.error_code == 429]
    assert len(storm_answers) >= RESIDENTS, "the flood should have refused the first sends"
    generic = t("error.generic", "zh")
    assert [a.text for a in standin.callback_answers if a.text == generic] == []
    assert {a.callback_query_id for a in standin.callback_answers} >= {
        p.callback_query.id for p in presses if p.callback_query is not None
    }
    for resident in residents:
        texts = _texts(harness, resident.id)
        numbers = [NUMBER.search(text) for text in texts if filed in text]
        assert len(numbers) == 1, f"resident {resident.id} got {len(numbers)} numbers"
        mine = await read(
            harness.services.store, lookups.list_reporter_tickets, reporter_id=resident.id
        )
        [ticket] = mine.tickets
        assert numbers[0] is not None and numbers[0].group() == ticket.number
        assert generic not in texts


async def test_a_staff_confirmation_in_a_flood_arrives_exactly_once(harness: BotHarness) -> None:
    standin, store = harness.standin, harness.services.store
    dispatcher = harness.users["dispatcher"]
    by_command = await file_ticket(store, NewTicket(category="sanitation", description="满了"))
    by_button = await file_ticket(store, NewTicket(category="greening", description="树倒了"))
    post = await standin.wait_for_message(
        harness.staff_group.id, lambda m: by_button.number in (m.text or m.caption or "")
    )
    standin.flood_storm(4.0)
    standin.send_text(dispatcher, f"/accept {by_command.number}")
    press = standin.press_button(dispatcher, post, t("staff.button.accept", "zh"))
    zone = store.catalog.timezone
    done = {
        ticket.number: t(
            "staff.done",
            "zh",
            confirmed=t(
                "staff.confirmed.accept",
                "zh",
                number=ticket.number,
                deadline=format_due(ticket.deadline, zone, "zh", store.clock()),
            ),
        )
        for ticket in (by_command, by_button)
    }
    await harness.eventually(
        lambda: all(text in _texts(harness, dispatcher.id) for text in done.values()), within=30
    )
    await asyncio.sleep(1)
    texts = _texts(harness, dispatcher.id)
    assert [texts.count(text) for text in done.values()] == [1, 1]
    assert t("error.generic", "zh") not in texts
    assert press.callback_query is not None
    answer = standin.callback_answer(press.callback_query.id)
    assert answer is not None and answer.text == done[by_button.number]
    for number in done:
        assert (await read(store, lookups.get_detail, number=number)).ticket.status == "accepted"


async def test_an_urgent_alert_goes_to_staff_before_ordinary_posts_owed_earlier(
    harness: BotHarness,
) -> None:
    standin, store = harness.standin, harness.services.store
    group = harness.staff_group.id
    before = len(harness.sent_to(group))
    standin.flood_storm(3.0)
    ordinary = [
        await file_ticket(store, NewTicket(category="sanitation", description=f"#{n}"))
        for n in range(8)
    ]
    urgent = await file_ticket(
        store,
        NewTicket(
            category="gas",
            description="楼道里很大煤气味",
            latitude=23.13,
            longitude=113.26,
            priority="urgent",
        ),
    )
    numbers = [ticket.number for ticket in ordinary] + [urgent.number]
    # The settings' admin is on duty from the start: the urgent post mentions them too.
    mention = t("staff.urgent_mention", "zh", number=urgent.number, mentions="").strip()

    def ticket_posts() -> list[str]:
        return [text for text in _texts(harness, group)[before:] if mention not in text]

    await harness.eventually(lambda: len(ticket_posts()) >= 9, within=30)
    posts = ticket_posts()
    assert urgent.number in posts[0] and t("notify.urgent_mark", "zh") in posts[0]
    assert sorted(NUMBER.findall("\n".join(posts))) == sorted(numbers)
