"""The features' declarations, assembled: the menus and keyboards a resident and staff see."""

from __future__ import annotations

import pytest

from bot.features import FEATURES
from bot.wiring import CommandInfo, Feature, MenuRow, assemble


def test_the_main_menu_starts_with_reporting_and_the_resident_menu_hides_staff_commands() -> None:
    wiring = assemble(FEATURES)
    assert wiring.menu_rows == (
        ("menu.report", "menu.ask", "menu.my"),
        ("menu.help", "menu.language", "menu.privacy"),
        ("menu.cylinder", "menu.inspection"),
    )
    resident = [c.name for c in wiring.commands_for(staff=False)]
    staff = [c.name for c in wiring.commands_for(staff=True)]
    assert resident[:3] == ["start", "help", "cancel"]
    assert "queue" not in resident and "queue" in staff
    assert set(resident) < set(staff)
    assert {"ticket.resolve", "staff.ticket_new"} <= set(wiring.keyboards)


def test_assembling_twice_gives_the_same_menus_nothing_accumulates() -> None:
    first, second = assemble(FEATURES), assemble(FEATURES)
    assert first.commands == second.commands and first.menu_rows == second.menu_rows
    assert [len(f.handlers()) for f in FEATURES] == [len(f.handlers()) for f in FEATURES]


def _keyboard(*_: object) -> None:
    return None


def test_two_features_claiming_one_command_or_outbox_message_are_refused() -> None:
    one = Feature("one", commands=(CommandInfo("my", "cmd.my"),), keyboards={"k": _keyboard})
    with pytest.raises(ValueError, match="/my"):
        assemble([one, Feature("two", commands=(CommandInfo("my", "cmd.my"),))])
    with pytest.raises(ValueError, match="'k'"):
        assemble([one, Feature("two", keyboards={"k": _keyboard})])
    rows = assemble(
        [
            Feature("a", menu_rows=(MenuRow(("x",)),)),
            Feature("b", menu_rows=(MenuRow(("y",), top=True),)),
        ]
    )
    assert rows.menu_rows == (("y",), ("x",))
