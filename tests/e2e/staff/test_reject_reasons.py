"""The reject button's reasons: three canned ones, a way back, and a reason of one's own,
typed as a reply to the bot's question (which a staff group with privacy mode on delivers)."""

from __future__ import annotations

import json

from bot.messages import t
from storage.tickets import lookups
from storage.tickets.filing import NewTicket
from tests.conftest import FakeClock
from tests.e2e.harness import RESIDENT_ID, BotHarness
from tests.e2e.resident.conftest import jpeg
from tests.e2e.staff.conftest import (
    answer_to,
    buttons,
    card_of,
    file_ticket,
    group_post,
    status_of,
)
from tests.store_calls import file_ticket as file_as_given
from tests.store_calls import read

OTHER = t("staff.button.reject_other", "zh")
BACK = t("staff.button.back", "zh")


async def test_the_reasons_offer_a_way_back(harness: BotHarness, clock: FakeClock) -> None:
    dispatcher = harness.users["dispatcher"]
    ticket = await file_ticket(harness)
    post = await group_post(harness, ticket.number)
    await answer_to(harness, harness.standin.press_button(dispatcher, post, "❌ 不予受理"))
    shown = harness.standin.message(harness.staff_group.id, post.message_id)
    assert shown is not None
    assert buttons(shown) == [
        t("staff.tpl.reject.1", "zh"),
        t("staff.tpl.reject.2", "zh"),
        t("staff.tpl.reject.3", "zh"),
        BACK,
        OTHER,
    ]
    await answer_to(harness, harness.standin.press_button(dispatcher, shown, BACK))
    back = harness.standin.message(harness.staff_group.id, post.message_id)
    assert back is not None and buttons(back) == buttons(post), "the first buttons again"
    assert await status_of(harness, ticket.number) == "submitted"


async def test_a_reason_of_ones_own_is_typed_as_a_reply(
    harness: BotHarness, clock: FakeClock
) -> None:
    dispatcher, group = harness.users["dispatcher"], harness.staff_group
    ticket = await file_ticket(harness)
    post = await group_post(harness, ticket.number)
    await answer_to(harness, harness.standin.press_button(dispatcher, post, "❌ 不予受理"))
    shown = harness.standin.message(group.id, post.message_id)
    assert shown is not None
    before = len(harness.sent_to(group))
    await answer_to(harness, harness.standin.press_button(dispatcher, shown, OTHER))
    prompt = await harness.next_reply(group.id, before)
    assert prompt.text == t("staff.reason_type", "zh", number=ticket.number)
    [asked] = [
        c for c in harness.standin.calls_to("sendMessage") if c.params["text"] == prompt.text
    ]
    markup = asked.params["reply_markup"]
    markup = json.loads(markup) if isinstance(markup, str) else markup
    assert markup.get("force_reply") is True, "a reply reaches the bot in privacy mode too"

    reason = "该处属于小区物业管理范围，请联系物业"
    harness.standin.send_text(dispatcher, reason, group, reply_to=prompt)
    done = await harness.standin.wait_for_message(
        group.id, lambda m: ticket.number in (m.text or "") and (m.text or "").startswith("✅")
    )
    confirmed = t("staff.confirmed.reject", "zh", number=ticket.number)
    assert done.text == t("staff.done", "zh", confirmed=confirmed)
    detail = await read(harness.services.store, lookups.get_detail, number=ticket.number)
    assert detail.ticket.status == "rejected" and detail.events[-1].note == reason
    news = await harness.standin.wait_for_message(RESIDENT_ID, lambda m: reason in (m.text or ""))
    assert ticket.number in (news.text or "")
    after = harness.standin.message(group.id, post.message_id)
    assert after is not None and buttons(after) == [t("staff.button.show", "zh")]


async def test_cancel_leaves_the_ticket_as_it_was(harness: BotHarness, clock: FakeClock) -> None:
    dispatcher, group = harness.users["dispatcher"], harness.staff_group
    ticket = await file_ticket(harness)
    post = await group_post(harness, ticket.number)
    await answer_to(harness, harness.standin.press_button(dispatcher, post, "❌ 不予受理"))
    shown = harness.standin.message(group.id, post.message_id)
    assert shown is not None
    await answer_to(harness, harness.standin.press_button(dispatcher, shown, OTHER))
    await harness.say(dispatcher, "/cancel", chat=group)
    harness.standin.send_text(dispatcher, "随便说一句", group)
    await harness.settle()
    assert await status_of(harness, ticket.number) == "submitted"


async def test_a_canned_reason_reads_in_each_readers_language(
    harness: BotHarness, clock: FakeClock
) -> None:
    # The reason is stored as the English resident reads it; the Chinese duty officer's card
    # showed it in English ("Not a city-management matter" inside a Chinese card).
    dispatcher, group = harness.users["dispatcher"], harness.staff_group
    store = harness.services.store
    report = NewTicket(
        category="sanitation", description="rubbish", reporter_id=RESIDENT_ID, language="en"
    )
    ticket = await file_as_given(store, report, photos=[store.photos.put(jpeg())])
    harness.services.outbox.kick()
    post = await group_post(harness, ticket.number)
    await answer_to(harness, harness.standin.press_button(dispatcher, post, "❌ 不予受理"))
    shown = harness.standin.message(group.id, post.message_id)
    assert shown is not None
    chinese, english = t("staff.tpl.reject.1", "zh"), t("staff.tpl.reject.1", "en")
    await answer_to(harness, harness.standin.press_button(dispatcher, shown, chinese))
    await harness.standin.wait_for_message(RESIDENT_ID, lambda m: english in (m.text or ""))
    text = await card_of(harness, dispatcher, ticket.number)
    assert chinese in text and english not in text, text
