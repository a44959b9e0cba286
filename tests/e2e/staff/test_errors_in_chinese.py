"""The store's errors reach a Chinese chat in Chinese: no English of the store in the reply.

Each move here makes the store raise (an unknown department, a ticket merged into itself, a
canned text that does not exist, a role that is not one, a ticket assigned to someone else,
no such ticket); the reply may name only what the user typed, the ticket numbers and the
bot's commands in Latin letters. Before, "输入有误：department: unknown department '消防队';
known: sanitation, …" was what a dispatcher read.
"""

from __future__ import annotations

import re

from bot.messages import t
from tests.conftest import FakeClock
from tests.e2e.harness import BotHarness
from tests.e2e.staff.conftest import file_ticket, say

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def english_in(reply: str, *allowed: str) -> set[str]:
    """The Latin-letter words of `reply`, less ticket numbers' prefix and what is `allowed`."""
    return set(LATIN_WORD.findall(reply)) - {"CG", *allowed}


async def test_staff_read_the_stores_refusals_in_chinese(
    harness: BotHarness, clock: FakeClock
) -> None:
    admin, dispatcher, worker = (harness.users[k] for k in ("admin", "dispatcher", "worker"))
    catalog = harness.services.store.catalog
    names = [catalog.department_name(code, "zh") for code in catalog.departments]

    roster = await say(harness, admin, f"/staff add {worker.id} field_worker 消防队")
    assert "消防队" in roster and all(name in roster for name in names), roster
    assert not english_in(roster), roster
    role = await say(harness, admin, "/staff add 5 boss")
    assert "外勤人员" in role and not english_in(role), role

    await say(harness, admin, f"/staff add {worker.id} field_worker sanitation")
    first, second = await file_ticket(harness), await file_ticket(harness)
    await say(harness, dispatcher, f"/accept {first.number}")
    dispatched = await say(harness, dispatcher, f"/dispatch {first.number} 消防队")
    assert dispatched.startswith("输入有误") and not english_in(dispatched), dispatched
    assert all(name in dispatched for name in names), dispatched

    merged = await say(harness, dispatcher, f"/merge {second.number} into {second.number}")
    assert merged == t("staff.err.invalid", "zh", problem=t("error.merge_into_itself", "zh"))
    canned = await say(harness, dispatcher, f"/reply {first.number} #9")
    assert not english_in(canned, "templates"), canned  # names the /templates command
    gone = await say(harness, dispatcher, "/ticket CG-19990101-0001")
    assert not english_in(gone), gone

    await say(harness, dispatcher, f"/dispatch {first.number} @{admin.id}")
    refused = await say(harness, worker, f"/start_work {first.number}")
    assert refused == t(
        "staff.err.permission",
        "zh",
        role="外勤人员",
        reason=t("error.denied.assigned_to_other", "zh"),
    )
    assert not english_in(refused), refused
