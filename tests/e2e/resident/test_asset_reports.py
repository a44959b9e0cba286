"""A report about a registered 部件: a missing manhole cover near a registered one is offered
("是这个井盖吗？"); yes files the ticket with the cover's code, which staff see on the card; no
files it without; a report far from every cover asks nothing."""

from __future__ import annotations

from telegram import Message

from bot.messages import t
from handlers.buttons import ConfirmAsset
from storage.assets.registry import AssetRecord, import_assets
from storage.tickets import lookups
from storage.tickets.queries import TicketDetail
from tests.e2e.harness import BotHarness
from tests.e2e.resident.conftest import jpeg
from tests.e2e.staff.conftest import card_of
from tests.store_calls import read

COVER = "44011101001000007"
COVER_AT = (23.1900, 113.3200)
OFFER = t("report.asset_offer", "zh", asset="井盖", name="同和路井盖007", code=COVER, meters=6)


async def _register_cover(harness: BotHarness) -> None:
    cover = AssetRecord(
        code=COVER, latitude=COVER_AT[0], longitude=COVER_AT[1], name="同和路井盖007"
    )
    async with harness.services.store.unit_of_work() as uow:
        await import_assets(uow, records=[cover])


async def _report(harness: BotHarness, place: tuple[float, float]) -> Message:
    """A photo of a missing cover at `place`, up to what follows the category."""
    resident = harness.users["resident"]
    before = len(harness.sent_to(resident))
    harness.standin.send_photo(resident, jpeg(), caption="这里的井盖不见了，很危险")
    await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("report.ask_location", "zh")
    )
    harness.standin.send_location(resident, *place)
    keyboard = await harness.standin.wait_for_message(resident.id, lambda m: m.text == "👇")
    harness.standin.press_button(resident, keyboard, 0)  # the suggested category: 市政设施
    return await harness.standin.wait_for_message(
        resident.id,
        lambda m: (
            harness.sent_to(resident).index(m) > before
            and m.reply_markup is not None
            and ((m.text or "").startswith("📍") or bool(m.photo))
        ),
    )


async def _confirm(harness: BotHarness, summary: Message) -> TicketDetail:
    resident = harness.users["resident"]
    harness.standin.press_button(resident, summary, t("report.confirm", "zh"))
    filed = await harness.standin.wait_for_message(
        resident.id, lambda m: "工单编号" in (m.text or "")
    )
    number = (filed.text or "").split("工单编号 ")[1].split("\n")[0]
    return await read(harness.services.store, lookups.get_detail, number=number)


async def _summary(harness: BotHarness) -> Message:
    resident = harness.users["resident"]
    return await harness.standin.wait_for_message(
        resident.id, lambda m: bool(m.photo) and m.reply_markup is not None
    )


async def test_yes_files_the_ticket_with_the_covers_code_shown_to_staff(
    harness: BotHarness,
) -> None:
    await _register_cover(harness)
    resident = harness.users["resident"]
    offer = await _report(harness, (COVER_AT[0] + 0.00005, COVER_AT[1]))  # about 6 m north
    assert offer.text == OFFER
    harness.standin.press_button(resident, offer, t("report.asset_yes", "zh"))
    summary = await _summary(harness)
    assert t("report.summary_asset", "zh", asset="井盖", code=COVER) in (summary.caption or "")
    detail = await _confirm(harness, summary)
    assert (detail.ticket.asset_code, detail.ticket.asset_class) == (COVER, "01001")
    assert detail.ticket.priority == "urgent"  # a missing cover, as before
    card = await card_of(harness, harness.users["dispatcher"], detail.ticket.number)
    assert t("staff.ticket.asset", "zh", asset="井盖", code=COVER) in card


async def test_no_files_the_ticket_without_the_asset(harness: BotHarness) -> None:
    await _register_cover(harness)
    resident = harness.users["resident"]
    offer = await _report(harness, (COVER_AT[0] + 0.00005, COVER_AT[1]))
    assert offer.text == OFFER
    harness.standin.press_button(resident, offer, t("report.asset_no", "zh"))
    summary = await _summary(harness)
    assert COVER not in (summary.caption or "")
    detail = await _confirm(harness, summary)
    # Still a 部件 case (a manhole cover), but not that registered one.
    assert (detail.ticket.asset_code, detail.ticket.asset_class) == (None, "01001")
    card = await card_of(harness, harness.users["dispatcher"], detail.ticket.number)
    assert COVER not in card


async def test_a_report_far_from_every_cover_asks_nothing(harness: BotHarness) -> None:
    await _register_cover(harness)
    resident = harness.users["resident"]
    summary = await _report(harness, (COVER_AT[0] + 0.001, COVER_AT[1]))  # about 110 m away
    assert summary.photo, summary.text  # straight to the summary: no question asked
    offers = [m for m in harness.sent_to(resident) if (m.text or "").startswith("📍 是这个")]
    assert offers == []
    detail = await _confirm(harness, summary)
    assert (detail.ticket.asset_code, detail.ticket.asset_class) == (None, "01001")


async def test_a_second_press_of_the_answered_offer_changes_nothing(harness: BotHarness) -> None:
    await _register_cover(harness)
    resident = harness.users["resident"]
    offer = await _report(harness, (COVER_AT[0] + 0.00005, COVER_AT[1]))
    harness.standin.press_button(resident, offer, t("report.asset_no", "zh"))
    summary = await _summary(harness)
    # The offer's buttons are gone; a client may still send the press: it names nothing.
    harness.standin.press_data(resident, offer, ConfirmAsset("yes").encode())
    await harness.settle()
    detail = await _confirm(harness, summary)
    assert detail.ticket.asset_code is None


async def test_the_offer_survives_a_restart(harness: BotHarness) -> None:
    await _register_cover(harness)
    resident = harness.users["resident"]
    offer = await _report(harness, (COVER_AT[0] + 0.00005, COVER_AT[1]))
    await harness.restart()
    harness.standin.press_button(resident, offer, t("report.asset_yes", "zh"))
    detail = await _confirm(harness, await _summary(harness))
    assert detail.ticket.asset_code == COVER


async def test_an_english_resident_is_asked_in_english(harness: BotHarness) -> None:
    await _register_cover(harness)
    alice = harness.users["neighbour"]
    harness.standin.send_photo(alice, jpeg(), caption="The manhole cover is missing")
    await harness.standin.wait_for_message(
        alice.id, lambda m: m.text == t("report.ask_location", "en")
    )
    harness.standin.send_location(alice, COVER_AT[0] + 0.00005, COVER_AT[1])
    keyboard = await harness.standin.wait_for_message(alice.id, lambda m: m.text == "👇")
    harness.standin.press_button(alice, keyboard, 0)
    offer = await harness.standin.wait_for_message(
        alice.id, lambda m: (m.text or "").startswith("📍")
    )
    assert offer.text == t(
        "report.asset_offer",
        "en",
        asset="manhole cover",
        name="同和路井盖007",
        code=COVER,
        meters=6,
    )
    assert offer.text.startswith("📍 Is it this manhole cover?")
