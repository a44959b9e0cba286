"""Every command menu is published in each language: Chinese as the default, English with
Telegram's language_code "en", for residents, each member of staff and the staff group."""

from __future__ import annotations

from telegram import BotCommandScope, BotCommandScopeChat, BotCommandScopeDefault

from bot.messages import t
from tests.e2e.harness import ADMIN_ID, DISPATCHER_ID, BotHarness


async def test_every_menu_is_in_chinese_and_in_english(harness: BotHarness) -> None:
    await harness.settle()
    scopes: list[tuple[BotCommandScope, bool]] = [
        (BotCommandScopeDefault(), False),
        (BotCommandScopeChat(ADMIN_ID), True),
        (BotCommandScopeChat(DISPATCHER_ID), True),
        (BotCommandScopeChat(harness.staff_group.id), True),
    ]
    for scope, staff in scopes:
        wanted = harness.services.wiring.commands_for(staff=staff)
        chinese = harness.standin.commands(scope)
        english = harness.standin.commands(scope, language_code="en")
        assert [c.command for c in chinese] == [c.name for c in wanted], scope
        assert [c.command for c in english] == [c.name for c in wanted], scope
        assert [c.description for c in chinese] == [t(c.description_key, "zh") for c in wanted]
        assert [c.description for c in english] == [t(c.description_key, "en") for c in wanted]
    staff_menu = harness.standin.commands(BotCommandScopeChat(ADMIN_ID), language_code="en")
    assert "queue" in [c.command for c in staff_menu]
    assert t("staff.cmd.queue", "en") != t("staff.cmd.queue", "zh")
