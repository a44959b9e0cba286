"""Every view fits Telegram's limits with the longest inputs there can be: 2,000-character
descriptions, long staff replies, long addresses and category names, crowded leaderboards.
The stand-in refuses what Telegram refuses (4,096 characters of text, 1,024 of a caption,
64 bytes of callback data), so a view that did not fit would show up as a failed call."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from importlib import resources
from pathlib import Path

import pytest
import yaml
from telegram import InlineKeyboardMarkup, Message

from bot.messages import t
from bot.standin import StandIn
from handlers.quiz_round import job_name
from storage import NewTicket
from storage.tickets import lookups
from tests.e2e.harness import (
    ADMIN_ID,
    DISPATCHER_ID,
    RESIDENT_ID,
    BotHarness,
    harness_settings,
)
from tests.e2e.resident.conftest import jpeg
from tests.store_calls import file_ticket, read

LONG_NAME = "城市道路及其附属设施（人行道、井盖、路灯、护栏、公共座椅）日常巡查养护与应急抢修" * 3
DESCRIPTION = "小区东门外人行道上的垃圾桶已经满了好几天，" * 48  # about 2,000 characters
ADDRESS = "广州市天河区天河路100号大院东门往北走约五十米处的公交站台旁边，" * 30
REPLIES = [
    f"（第{n}次回复）" + "我们已安排环卫工人前往现场清理，请您耐心等待。" * 80 for n in (1, 2, 3)
]


def _long_catalog(folder: Path) -> Path:
    """The shipped categories with names and department names of ~130 characters."""
    shipped = resources.files("storage").joinpath("categories.yaml").read_text("utf-8")
    data = yaml.safe_load(shipped)
    for index, category in enumerate(data["categories"]):
        category["zh"] = f"{index}{LONG_NAME}"
        category["en"] = f"{index} " + "Very long category name " * 6
    for names in data["departments"].values():
        names["zh"] = LONG_NAME
    path = folder / "categories.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    return path


@pytest.fixture
async def long_harness(
    standin: StandIn, tmp_path: Path, e2e_database_url: str, harness_index_dir: Path
) -> AsyncIterator[BotHarness]:
    users = {
        "resident": standin.add_user(RESIDENT_ID, "小明" * 32, language_code="zh-hans"),
        "admin": standin.add_user(ADMIN_ID, "管理员"),
        "dispatcher": standin.add_user(DISPATCHER_ID, "调度员" * 20, last_name="值班" * 32),
    }
    for user in users.values():
        standin.private_chat(user)
    group = standin.add_group(
        "城管值班群", members=[], admins=[users["admin"], users["dispatcher"]]
    )
    settings = harness_settings(standin, tmp_path, e2e_database_url, group)
    settings = settings.model_copy(update={"categories_file": _long_catalog(tmp_path)})
    bot = BotHarness(standin, settings, group, users=users)
    await bot.start()
    try:
        yield bot
    finally:
        await bot.stop()


def assert_within_limits(standin: StandIn) -> None:
    """No call failed, and nothing the bot sent breaks a limit."""
    failed = [(call.method, call.description) for call in standin.calls if call.error_code]
    assert not failed, failed
    for message in standin.sent:
        assert len(message.text or "") <= 4096 and len(message.caption or "") <= 1024
        markup = message.reply_markup
        if isinstance(markup, InlineKeyboardMarkup):
            for row in markup.inline_keyboard:
                for button in row:
                    assert len(str(button.callback_data or "x").encode()) <= 64


def _says(words: str) -> Callable[[Message], bool]:
    return lambda message: words in (message.text or "")


def _after(harness: BotHarness, chat_id: int, count: int) -> list[Message]:
    return harness.sent_to(chat_id)[count:]


def _joined(messages: list[Message]) -> str:
    return "\n".join(m.text or m.caption or "" for m in messages)


async def _with_buttons(harness: BotHarness, chat_id: int) -> Message:
    await harness.settle()
    for message in reversed(harness.sent_to(chat_id)):
        if isinstance(message.reply_markup, InlineKeyboardMarkup):
            return message
    raise AssertionError("no message with inline buttons")


async def test_every_view_fits_with_maximal_inputs(long_harness: BotHarness) -> None:
    harness, standin = long_harness, long_harness.standin
    resident, dispatcher = harness.users["resident"], harness.users["dispatcher"]
    group = harness.staff_group.id

    # A report: the longest caption Telegram allows, then an address of 3,000 characters.
    standin.send_photo(resident, jpeg(), caption="垃圾桶满了，" + "臭" * 1018)
    await standin.wait_for_message(resident.id, lambda m: m.text == t("report.ask_location", "zh"))
    standin.send_text(resident, ADDRESS[:3000])
    standin.press_button(resident, await _with_buttons(harness, resident.id), 0)
    summary = await _with_buttons(harness, resident.id)
    assert summary.photo and (summary.caption or "").startswith("请确认")
    assert "广州市天河区天河路100号" in (summary.caption or "")
    standin.press_button(resident, summary, t("report.confirm", "zh"))
    filed = await standin.wait_for_message(resident.id, lambda m: "工单编号" in (m.text or ""))
    number = (filed.text or "").split("工单编号 ")[1].split("\n")[0]
    post = await standin.wait_for_message(group, lambda m: number in (m.caption or m.text or ""))
    assert post.photo, "the staff-group post keeps its photo, its words shortened to a caption"
    detail = await read(harness.services.store, lookups.get_detail, number=number)
    assert detail.ticket.address == ADDRESS[:500]  # as intake keeps it, only shown shortened

    # More tickets with 2,000-character descriptions, for the queue and the statistics.
    store = harness.services.store
    for index in range(12):
        await file_ticket(
            store,
            NewTicket(
                category=list(store.catalog.categories)[index % 8],
                description=DESCRIPTION,
                address=ADDRESS,
                reporter_id=RESIDENT_ID,
                latitude=23.12,
                longitude=113.26,
            ),
            photos=[store.photos.put(jpeg((index * 20, 90, 40)))],
        )
    harness.services.outbox.kick()

    # Three staff replies of about 1,900 characters each reach the resident.
    for reply in REPLIES:
        standin.send_text(dispatcher, f"/reply {number} {reply}")
    for reply in REPLIES:
        await standin.wait_for_message(resident.id, _says(reply))

    # The resident's /my list and ticket view: every reply whole, over several messages.
    listing = await harness.say(resident, "/my")
    assert isinstance(listing.reply_markup, InlineKeyboardMarkup)
    labels = [row[0].text for row in listing.reply_markup.inline_keyboard]
    assert all(len(label) <= 60 for label in labels)
    before = len(harness.sent_to(resident))
    standin.press_button(resident, listing, next(x for x in labels if x.startswith(number)))
    await harness.settle()
    view = _after(harness, resident.id, before)
    assert len([m for m in view if m.text]) >= 2
    text = _joined(view)
    assert text.startswith(f"工单 {number}")
    assert all(reply in text for reply in REPLIES)

    # The staff card and timeline, the queue and its next page, the statistics.
    before = len(harness.sent_to(dispatcher))
    standin.send_text(dispatcher, f"/ticket {number}")
    await harness.settle()
    card = [m for m in _after(harness, dispatcher.id, before) if m.text]
    assert card and isinstance(card[-1].reply_markup, InlineKeyboardMarkup)
    assert REPLIES[-1][:900] in _joined(card)  # notes in the card are shortened, not lost
    queue = await harness.say(dispatcher, "/queue")
    assert (queue.text or "").count("CG-") == 10 and queue.reply_markup is not None
    standin.press_button(dispatcher, queue, t("staff.queue.next", "zh"))
    await harness.settle()
    before = len(harness.sent_to(dispatcher))
    standin.send_text(dispatcher, "/stats all")
    await harness.settle()
    stats = _after(harness, dispatcher.id, before)
    assert any("工单总数：13" in (m.text or "") for m in stats)
    assert any(m.photo for m in stats)

    # A question of the longest text Telegram carries gets its answer.
    before = len(harness.sent_to(resident))
    standin.send_text(resident, "旧楼装管道燃气有补贴吗？" * 341)
    await harness.settle()
    assert _after(harness, resident.id, before)

    assert_within_limits(standin)


async def test_a_crowded_leaderboard_arrives_whole(harness: BotHarness) -> None:
    standin = harness.standin
    teacher = standin.add_user(2001, "王老师")
    pupils = [
        standin.add_user(5000 + n, f"{n:02d}号" + "同学" * 31, last_name="Zhang" * 12)
        for n in range(70)
    ]
    group = standin.add_group("三年级二班", members=pupils, admins=[teacher])
    standin.send_text(teacher, "/quiz gas_leak 1 30", group)
    poll = await standin.wait_for_message(group.id, lambda m: m.poll is not None)
    assert poll.poll is not None and poll.poll.correct_option_ids
    wrong = (poll.poll.correct_option_ids[0] + 1) % len(poll.poll.options)
    for pupil in pupils:
        standin.answer_poll(pupil, poll.poll.id, [wrong])  # no certificates to render
    await harness.settle()
    assert harness.app is not None and harness.app.job_queue is not None
    [timer] = harness.app.job_queue.get_jobs_by_name(job_name(group.id))
    await timer.run(harness.app)  # time is up
    await standin.wait_for_message(group.id, lambda m: (m.text or "").startswith("🏆"))
    await harness.settle()
    board = [m for m in harness.sent_to(group) if m.text and "答对 0/1" in m.text]
    assert len(board) >= 2
    ranks = [line for m in board for line in (m.text or "").splitlines() if "答对" in line]
    assert len(ranks) == 70 and ranks[-1].startswith("70. ")
    assert_within_limits(standin)
