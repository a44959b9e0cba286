"""The staff group's call to the dispatchers on duty about an urgent ticket names them as
people read names: the roster's name, their Telegram name, or their role, never an id."""

from __future__ import annotations

from telegram import Message, MessageEntity

from bot.messages import t
from tests.e2e.harness import ADMIN_ID, DISPATCHER_ID, BotHarness
from tests.e2e.staff.conftest import file_ticket, say

NAMED_LATER_ID, UNKNOWN_TO_TELEGRAM_ID = 9078, 9077


def _mentioned(message: Message) -> dict[str, str]:
    """Each person the message mentions (link → the words it shows)."""
    links = message.parse_entities([MessageEntity.TEXT_LINK])
    return {str(entity.url): words for entity, words in links.items()}


async def test_the_urgent_call_names_the_dispatchers_on_duty_not_their_ids(
    harness: BotHarness,
) -> None:
    admin = harness.users["admin"]
    harness.standin.add_user(NAMED_LATER_ID, "陈队长")  # on Telegram, not in the staff group
    await say(harness, admin, f"/staff add {NAMED_LATER_ID} dispatcher")
    await say(harness, admin, f"/staff add {UNKNOWN_TO_TELEGRAM_ID} dispatcher")
    gas = await file_ticket(harness, category="gas", priority="urgent", description="煤气味")
    opening = t("staff.urgent_mention", "zh", number=gas.number, mentions="").strip()
    call = await harness.standin.wait_for_message(
        harness.staff_group.id, lambda m: (m.text or "").startswith(opening), timeout=15
    )
    assert _mentioned(call) == {
        f"tg://user?id={ADMIN_ID}": "管理员",  # their name in the staff group
        f"tg://user?id={DISPATCHER_ID}": "调度员",
        f"tg://user?id={NAMED_LATER_ID}": "陈队长",
        f"tg://user?id={UNKNOWN_TO_TELEGRAM_ID}": t("staff.role.dispatcher", "zh"),
    }
    for user_id in (ADMIN_ID, DISPATCHER_ID, NAMED_LATER_ID, UNKNOWN_TO_TELEGRAM_ID):
        assert str(user_id) not in (call.text or ""), call.text
