"""A report's step takes the buttons it offered, not those of an earlier step or report: the
cause of PTB's per_message warning, which the Application no longer gives."""

from __future__ import annotations

import warnings

from telegram import Message

from bot.app import build_application
from bot.messages import t
from tests.e2e.forgery import assert_expired, forge
from tests.e2e.harness import BotHarness
from tests.e2e.resident.conftest import jpeg


async def _categories(harness: BotHarness, caption: str, latitude: float) -> Message:
    resident = harness.users["resident"]
    harness.standin.send_photo(resident, jpeg(), caption=caption)
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("report.ask_location", "zh")
    )
    harness.standin.send_location(resident, latitude, 113.26)
    return await harness.standin.wait_for_message(
        resident.id, lambda m: bool(getattr(m.reply_markup, "inline_keyboard", None))
    )


async def test_an_earlier_reports_category_keyboard_does_not_choose_for_this_one(
    harness: BotHarness,
) -> None:
    resident = harness.users["resident"]
    old = await _categories(harness, "小区门口垃圾桶满了", 23.13)
    await harness.say(resident, "/cancel")
    new = await _categories(harness, "路口井盖松动", 23.20)
    # The old keyboard's first button (环卫保洁) pressed while the new report asks: it chose
    # the new report's category before each step kept the message its buttons are on.
    first = old.reply_markup.inline_keyboard[0][0].callback_data  # type: ignore[union-attr]
    assert_expired(await forge(harness, resident, str(first), on=old))
    harness.standin.press_button(resident, new, 0)
    await harness.eventually(
        lambda: harness.edited_text(resident.id, new.message_id).startswith("✅ 市政设施")
    )


def test_building_the_application_warns_nothing(harness: BotHarness) -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        build_application(harness.settings)
    assert [str(w.message) for w in caught] == []
