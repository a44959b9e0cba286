"""Staff type what people say: departments by name or alias, short ticket numbers, usage
lines in their own language, names instead of ids; and the admins of the settings are on
the roster from the start, so an urgent ticket alerts someone before any /staff add."""

from __future__ import annotations

import re

from bot.messages import t
from storage.tickets import lookups
from tests.conftest import FakeClock
from tests.e2e.harness import BotHarness
from tests.e2e.staff.conftest import card_of, file_ticket, group_post, say, status_of
from tests.store_calls import read

ENGLISH_DISPATCHER_ID = 9006


DEPARTMENT_WORDS = {
    "环卫所": "sanitation",
    "环卫": "sanitation",
    "燃气管理科": "gas",
    "Municipal facilities office": "facilities",
    "municipal FACILITIES Office": "facilities",
    "Gas safety section": "gas",
    "greening": "greening",
}


async def test_dispatch_takes_a_departments_name_or_alias_in_either_language(
    harness: BotHarness, clock: FakeClock
) -> None:
    dispatcher = harness.users["dispatcher"]
    for typed, department in DEPARTMENT_WORDS.items():
        ticket = await file_ticket(harness)
        await say(harness, dispatcher, f"/accept {ticket.number}")
        done = await say(harness, dispatcher, f"/dispatch {ticket.number} {typed}")
        assert "已派遣" in done, (typed, done)
        stored = (
            await read(harness.services.store, lookups.get_detail, number=ticket.number)
        ).ticket
        assert stored.department == department, typed
    ticket = await file_ticket(harness)
    await say(harness, dispatcher, f"/accept {ticket.number}")
    unknown = await say(harness, dispatcher, f"/dispatch {ticket.number} 消防队")
    assert "消防队" in unknown and "环卫所" in unknown, "an unknown one names the known"
    assert await status_of(harness, ticket.number) == "accepted"


async def test_a_short_number_is_todays_ticket_of_that_number(
    harness: BotHarness, clock: FakeClock
) -> None:
    dispatcher = harness.users["dispatcher"]
    tickets = [await file_ticket(harness) for _ in range(7)]
    seventh = tickets[-1].number
    assert seventh.endswith("-0007")
    for typed in ("7", "0007", seventh, seventh.lower()):
        card = await card_of(harness, dispatcher, typed)
        assert card.startswith(f"工单 {seventh}｜"), (typed, card)
    assert "已立案" in await say(harness, dispatcher, "/accept 7")
    assert await status_of(harness, seventh) == "accepted"
    assert "已派遣" in await say(harness, dispatcher, "/dispatch 0007 环卫所")
    missing = await say(harness, dispatcher, "/ticket 99")
    assert missing == t("staff.err.not_found", "zh", ref=seventh.replace("0007", "0099"))


USAGE_COMMANDS = [
    "/accept",
    "/reject",
    "/dispatch",
    "/claim",
    "/start_work",
    "/resolve",
    "/verify",
    "/rework",
    "/extend",
    "/merge",
    "/note",
    "/reply",
    "/ticket",
    "/queue nonsense",
    "/duty",
    "/staff",
]


async def test_usage_lines_are_in_the_staff_members_language(
    harness: BotHarness, clock: FakeClock
) -> None:
    admin = harness.users["admin"]
    english = harness.standin.add_user(ENGLISH_DISPATCHER_ID, "Sam", language_code="en")
    harness.standin.private_chat(english)
    await say(harness, admin, f"/staff add {english.id} dispatcher")
    assert await say(harness, admin, "/accept") == "用法：/accept 工单号"
    assert await say(harness, english, "/accept") == "Usage: /accept NUMBER"
    for command in USAGE_COMMANDS:
        chinese = await say(harness, admin, command)
        assert chinese.startswith("用法："), (command, chinese)
        # Only commands (and the literal words they take) are in Latin letters.
        words = set(re.findall(r"[A-Za-z_]{2,}", re.sub(r"/\w+", "", chinese)))
        assert words <= {"force", "add", "remove", "list", "on", "off"}, (command, chinese)
        english_usage = await say(harness, english, command)
        assert english_usage.startswith("Usage:"), (command, english_usage)
        assert not re.search(r"[\u4e00-\u9fff]", english_usage), (command, english_usage)


async def test_the_card_names_the_handler_not_their_id(
    harness: BotHarness, clock: FakeClock
) -> None:
    admin, dispatcher, worker = (harness.users[k] for k in ("admin", "dispatcher", "worker"))
    await say(harness, admin, f"/staff add {worker.id} field_worker sanitation")
    ticket = await file_ticket(harness)
    await say(harness, dispatcher, f"/accept {ticket.number}")
    await say(harness, dispatcher, f"/dispatch {ticket.number} 环卫所")
    await say(harness, worker, f"/claim {ticket.number}")
    card = await card_of(harness, dispatcher, ticket.number)
    assert "处置人：老王" in card, card
    assert str(worker.id) not in card.split("处置人：")[1].splitlines()[0]
    roster = await say(harness, admin, "/staff list")
    assert "老王" in roster


async def test_the_settings_admin_is_on_the_roster_and_alerted_before_any_staff_add(
    harness: BotHarness, clock: FakeClock
) -> None:
    admin = harness.users["admin"]
    roster = await say(harness, admin, "/staff list")
    assert str(admin.id) in roster and "管理员" in roster, roster
    assert await say(harness, admin, "/duty off") == t("staff.duty.set", "zh", duty="离岗")
    assert await say(harness, admin, "/duty on") == t("staff.duty.set", "zh", duty="在岗")
    ticket = await file_ticket(harness, category="gas", priority="urgent", description="闻到煤气味")
    await group_post(harness, ticket.number)
    mention = await harness.standin.wait_for_message(
        harness.staff_group.id, lambda m: "值班调度" in (m.text or ""), timeout=10
    )
    assert f"tg://user?id={admin.id}" in [e.url for e in mention.entities]
