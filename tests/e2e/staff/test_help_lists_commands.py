"""/help lists the commands the features declare, for the chat it is asked in and for who
asks: a resident in private sees /my, /report and /practice; a class group sees the quiz
commands (and not the private ones); staff see theirs too. /start in a group promises no
menu (a group has none)."""

from __future__ import annotations

import re

from telegram import User

from bot.messages import t
from tests.e2e.harness import BotHarness

COMMAND = re.compile(r"^/(\w+) — (.+)$", re.M)


def listed(text: str) -> dict[str, str]:
    """The commands a help text lists, with their descriptions."""
    return dict(COMMAND.findall(text))


def descriptions(harness: BotHarness, lang: str) -> dict[str, str]:
    """Every declared command's description in `lang`."""
    return {c.name: t(c.description_key, lang) for c in harness.services.wiring.commands}


async def _help(harness: BotHarness, user: User, chat: object = None) -> str:
    reply = await harness.say(user, "/help", chat=chat)  # type: ignore[arg-type]
    return reply.text or ""


async def test_a_resident_in_private_sees_every_private_command(harness: BotHarness) -> None:
    text = await _help(harness, harness.users["resident"])
    commands = listed(text)
    assert {"my", "report", "practice", "start", "help", "cancel", "language"} <= set(commands)
    assert {"privacy", "forget_me"} <= set(commands)
    assert not {"quiz", "quiz_stop", "quiz_upload"} & set(commands), "group commands"
    assert "queue" not in commands, "staff commands stay staff's"
    everything = descriptions(harness, "zh")
    assert all(everything[name] == words for name, words in commands.items())
    assert "119" in text, "the emergency numbers stay"
    english = listed(await _help(harness, harness.users["neighbour"]))
    assert set(english) == set(commands)
    assert english["my"] == t("cmd.my", "en")


async def test_a_group_sees_the_quiz_commands_and_not_the_private_ones(
    harness: BotHarness,
) -> None:
    resident = harness.users["resident"]
    group = harness.standin.add_group("三年二班", members=[resident])
    text = await _help(harness, resident, group)
    commands = listed(text)
    assert {"quiz", "quiz_stop", "quiz_upload", "help"} <= set(commands), text
    assert not {"my", "report", "practice", "forget_me"} & set(commands), text
    assert t("help.in_group", "zh") in text, "where the private commands are"
    welcome = await harness.say(resident, "/start", chat=group)
    assert welcome.text == t("start.welcome_group", "zh", name="，小明")
    assert "菜单" not in (welcome.text or ""), "a group has no menu to point at"


async def test_staff_see_their_commands_too(harness: BotHarness) -> None:
    dispatcher = harness.users["dispatcher"]
    commands = listed(await _help(harness, dispatcher))
    staff = {c.name for c in harness.services.wiring.commands if c.staff}
    assert staff <= set(commands)
    assert {"my", "report"} <= set(commands)
    in_group = listed(await _help(harness, dispatcher, harness.staff_group))
    anywhere = {c.name for c in harness.services.wiring.commands if c.staff and c.where == "any"}
    assert anywhere <= set(in_group) and "my" not in in_group
    assert "web" not in in_group, "a login link is never posted in a group"
    assert "checkin" not in in_group, "a check-in is a live location shared in private"
