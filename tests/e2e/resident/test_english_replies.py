"""An English reader reads English: every reply of a resident's journey, the news of their
tickets after they switch to English, and the lists staff read (issue 14, defect 7)."""

from __future__ import annotations

import re

from telegram import Message, User

from bot.messages import t
from storage import Actor, Role
from storage.tickets import service
from storage.tickets.filing import NewTicket
from tests.e2e.harness import DISPATCHER_ID, WORKER_ID, BotHarness
from tests.e2e.resident.conftest import jpeg
from tests.e2e.staff.conftest import file_ticket
from tests.store_calls import file_ticket as file_as_given
from tests.store_calls import run

HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\u3001\u3002\uff0c\uff1a]")
"""Chinese characters and the punctuation only Chinese uses (、。，：)."""
AUTONYMS = re.compile("简体中文|繁體中文|中文")
DISPATCHER = Actor(DISPATCHER_ID, Role.DISPATCHER)
WORKER = Actor(WORKER_ID, Role.FIELD_WORKER)


def _chinese_in(harness: BotHarness, user: User, *, after: int = 0) -> list[str]:
    texts = [m.text or m.caption or "" for m in harness.sent_to(user)[after:]]
    texts += [
        str(button.text)
        for message in harness.sent_to(user)[after:]
        for row in getattr(message.reply_markup, "inline_keyboard", ())
        for button in row
    ]
    answers = [a.text or "" for a in harness.standin.callback_answers]
    # A language is named in its own script ("中文 / English"): that is not Chinese text.
    return [text for text in [*texts, *answers] if HAN.search(AUTONYMS.sub("", text))]


def _buttoned(harness: BotHarness, chat_id: int, at_least: int) -> Message | None:
    for message in reversed(harness.standin.messages_to(chat_id)):
        rows = getattr(message.reply_markup, "inline_keyboard", None)
        if rows:
            return message if sum(len(row) for row in rows) >= at_least else None
    return None


async def _last_with_buttons(harness: BotHarness, chat_id: int, at_least: int = 1) -> Message:
    """The last message with inline buttons, once it has `at_least` of them (a keyboard
    may still be on its way: an edit of the message before, under load)."""
    await harness.settle()
    await harness.eventually(lambda: _buttoned(harness, chat_id, at_least) is not None)
    message = _buttoned(harness, chat_id, at_least)
    assert message is not None
    return message


async def test_an_english_residents_journey_has_no_chinese_in_it(harness: BotHarness) -> None:
    alice = harness.users["neighbour"]  # Telegram in English
    for command in ("/start", "/help", "/privacy", "/my", "/cancel"):
        await harness.say(alice, command)
    harness.standin.send_photo(alice, jpeg(), caption="the rubbish bin is overflowing")
    await harness.standin.wait_for_message(
        alice.id, lambda m: m.text == t("report.ask_location", "en")
    )
    harness.standin.send_location(alice, 23.129, 113.264)
    categories = await _last_with_buttons(harness, alice.id)
    harness.standin.press_button(alice, categories, 0)
    summary = await _last_with_buttons(harness, alice.id)
    harness.standin.press_button(alice, summary, t("report.confirm", "en"))
    filed = await harness.standin.wait_for_message(
        alice.id, lambda m: "Ticket number" in (m.text or "") or "ticket" in (m.text or "")
    )
    number = next(word for word in (filed.text or "").split() if word.startswith("CG-"))
    store = harness.services.store
    await run(store, service.accept, number=number, by=DISPATCHER)
    await run(store, service.dispatch, number=number, by=DISPATCHER, assignee_id=WORKER_ID)
    await run(store, service.start, number=number, by=WORKER)
    await run(
        store,
        service.resolve,
        number=number,
        by=WORKER,
        note="emptied",
        photo=store.photos.put(jpeg((1, 2, 3))),
    )
    harness.services.outbox.kick()
    resolved = await harness.standin.wait_for_message(
        alice.id, lambda m: number in (m.caption or "") and bool(m.reply_markup)
    )
    harness.standin.press_button(alice, resolved, 0)  # fixed
    stars = await _last_with_buttons(harness, alice.id, at_least=5)
    harness.standin.press_button(alice, stars, 3)
    await harness.settle()
    mine = await harness.say(alice, "/my")
    harness.standin.press_button(alice, mine, 0)
    await harness.settle()
    harness.standin.send_sticker(alice)
    await harness.settle()
    harness.standin.send_location(alice, 23.13, 113.27)  # outside a report
    await harness.settle()
    await harness.say(alice, "/practice")
    question = await _last_with_buttons(harness, alice.id)
    harness.standin.press_button(alice, question, 0)
    await harness.settle()
    await harness.say(alice, "/cancel")
    unsure = await harness.say(alice, "What is the weather in Guangzhou tomorrow?")
    harness.standin.press_button(alice, unsure, t("ask.to_staff", "en"))
    await harness.standin.wait_for_message(
        alice.id, lambda m: "CG-" in (m.text or "") and m != filed
    )
    nearby = await file_ticket(harness)  # someone else's, 30 m away: Alice may join it
    harness.standin.send_photo(alice, jpeg((9, 9, 9)), caption="rubbish everywhere")
    await harness.standin.wait_for_message(
        alice.id, lambda m: m.text == t("report.ask_location", "en") and m != filed
    )
    harness.standin.send_location(alice, 23.1292, 113.264)
    categories = await _last_with_buttons(harness, alice.id)
    harness.standin.press_button(alice, categories, 0)
    offer = await _last_with_buttons(harness, alice.id)
    assert nearby.number in (offer.text or "")
    harness.standin.press_button(alice, offer, 0)
    await harness.settle()
    offer = await harness.say(alice, "I smell gas in my kitchen right now")
    assert offer.text == t("emergency.steps", "en", hotline_line="")
    harness.standin.send_text(alice, "12 Tiyu West Road, Tianhe")
    await harness.standin.wait_for_message(
        alice.id, lambda m: "🚨" in (m.text or "") and "CG-" in (m.text or "")
    )
    await harness.settle()
    assert _chinese_in(harness, alice) == []


async def test_news_after_switching_to_english_comes_in_english(harness: BotHarness) -> None:
    resident = harness.users["resident"]  # filed in Chinese
    ticket = await file_ticket(harness)
    offer = await harness.say(resident, "/language")
    harness.standin.press_button(resident, offer, "English")
    await harness.eventually(
        lambda: harness.edited_text(resident.id, offer.message_id) == t("language.set", "en")
    )
    await harness.settle()
    before = len(harness.sent_to(resident))
    await run(harness.services.store, service.accept, number=ticket.number, by=DISPATCHER)
    harness.services.outbox.kick()
    news = await harness.standin.wait_for_message(
        resident.id, lambda m: ticket.number in (m.text or "")
    )
    assert (news.text or "").startswith(f"📋 Ticket {ticket.number} (Sanitation")
    assert _chinese_in(harness, resident, after=before) == []


async def test_an_english_member_of_staff_reads_lists_with_commas(harness: BotHarness) -> None:
    staff = harness.standin.add_user(DISPATCHER_ID, "Sam", language_code="en")
    for _ in range(2):
        await file_ticket(harness)
    await file_ticket(harness, category="greening", description="branch down")
    stats = await harness.say(staff, "/stats")
    assert "、" not in (stats.text or stats.caption or "")
    await harness.settle()  # and the chart
    ticket = await file_ticket(harness)
    refused = await harness.say(staff, f"/start_work {ticket.number}")
    text = refused.text or ""
    assert text.startswith("The ticket") and "、" not in text and "accept, " in text


def _labels(message: Message) -> list[str]:
    return [
        str(b.text) for row in getattr(message.reply_markup, "inline_keyboard", ()) for b in row
    ]


async def test_english_buttons_name_categories_in_english_and_cut_between_words(
    harness: BotHarness,
) -> None:
    alice = harness.users["neighbour"]
    harness.standin.send_photo(alice, jpeg(), caption="a stall blocks the pavement")
    await harness.standin.wait_for_message(
        alice.id, lambda m: m.text == t("report.ask_location", "en")
    )
    harness.standin.send_location(alice, 23.129, 113.264)
    categories = await _last_with_buttons(harness, alice.id, at_least=8)
    labels = _labels(categories)
    assert not [label for label in labels if HAN.search(label)], labels
    assert "✅ Street order (vending, ads, shopfronts) (suggested)" in labels, labels
    await harness.say(alice, "/cancel")

    store = harness.services.store
    for category in ("facilities", "street_order"):
        report = NewTicket(category=category, description="x", reporter_id=alice.id, language="en")
        await file_as_given(store, report)
    mine = await harness.say(alice, "/my")
    shown = " ".join(_labels(mine))
    # The name is shortened between words, and the status still shows.
    assert "Public facilities (manhole… | submitted" in shown, shown
    assert "Street order (vending, ads… | submitted" in shown, shown


async def test_the_reason_for_a_suggestion_names_the_whole_category(harness: BotHarness) -> None:
    # A button has room for "Public facilities (manhole…"; the sentence saying why it is
    # suggested has room for the whole name, and was cut like a button.
    alice = harness.users["neighbour"]
    harness.standin.send_photo(alice, jpeg(), caption="the street light is broken")
    await harness.standin.wait_for_message(
        alice.id, lambda m: m.text == t("report.ask_location", "en")
    )
    harness.standin.send_location(alice, 23.129, 113.264)
    categories = await _last_with_buttons(harness, alice.id, at_least=8)
    labels = _labels(categories)
    assert any(label.startswith("✅ Public facilities") for label in labels), labels
    reasons = [m.text or "" for m in harness.sent_to(alice) if "I suggest" in (m.text or "")]
    assert reasons, [m.text for m in harness.sent_to(alice)]
    assert "“Public facilities (manhole covers, lights, pavement)”" in reasons[-1], reasons
    await harness.say(alice, "/cancel")
