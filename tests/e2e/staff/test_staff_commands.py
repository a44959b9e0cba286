"""Staff commands end to end: refusals, roles, the whole lifecycle, queue, templates."""

from __future__ import annotations

from bot.messages import t
from storage.tickets import lookups
from tests.conftest import FakeClock
from tests.e2e.harness import RESIDENT_ID, BotHarness
from tests.e2e.staff.conftest import answer_to, buttons, file_ticket, jpeg, say, status_of
from tests.store_calls import read

UNKNOWN = t("unknown.command", "zh")


async def test_non_staff_get_the_unknown_command_reply(
    harness: BotHarness, clock: FakeClock
) -> None:
    resident = harness.users["resident"]
    ticket = await file_ticket(harness)
    for command in (
        "/queue",
        f"/ticket {ticket.number}",
        f"/accept {ticket.number}",
        f"/reply {ticket.number} hi",
        "/stats",
        "/export",
        "/staff list",
    ):
        assert await say(harness, resident, command) == UNKNOWN, command
    assert await status_of(harness, ticket.number) == "submitted"


async def test_roster_is_for_admins(harness: BotHarness, clock: FakeClock) -> None:
    admin, dispatcher, worker = (harness.users[k] for k in ("admin", "dispatcher", "worker"))
    assert await say(harness, worker, "/queue") == UNKNOWN
    added = await say(harness, admin, f"/staff add {worker.id} field_worker sanitation")
    assert added == t(
        "staff.roster.added", "zh", user_id=worker.id, role="外勤人员", department="（环卫所）"
    )
    assert "9003 老王｜外勤人员｜环卫所｜在岗" in await say(harness, admin, "/staff list")
    assert "调度员" in await say(harness, dispatcher, f"/staff remove {worker.id}")
    assert await say(harness, worker, "/duty off") == t("staff.duty.set", "zh", duty="离岗")
    assert await say(harness, admin, f"/staff remove {worker.id}") == t(
        "staff.roster.removed", "zh", user_id=worker.id
    )
    assert await say(harness, worker, "/queue") == UNKNOWN
    roles = t("error.role_unknown", "zh", roles="外勤人员、调度员、管理员或燃气安检员")
    assert await say(harness, admin, "/staff add 5 boss") == t(
        "staff.err.invalid", "zh", problem=roles
    )


async def test_the_whole_lifecycle_from_chat(harness: BotHarness, clock: FakeClock) -> None:
    admin, dispatcher, worker = (harness.users[k] for k in ("admin", "dispatcher", "worker"))
    await say(harness, admin, f"/staff add {worker.id} field_worker sanitation")
    ticket = await file_ticket(harness)
    number = ticket.number
    refused = await say(harness, worker, f"/accept {number}")
    assert refused.startswith("您的角色（外勤人员）不能执行此操作")
    assert "已立案" in await say(harness, dispatcher, f"/accept {number.lower()}")
    illegal = await say(harness, dispatcher, f"/verify {number}")
    assert illegal == t("staff.err.illegal", "zh", status="已立案", allowed="派遣")
    assert "已派遣" in await say(harness, dispatcher, f"/dispatch {number} @{worker.id}")
    assert await say(harness, worker, f"/claim {number}") == t("staff.claimed", "zh", number=number)
    assert "已开始处置" in await say(harness, worker, f"/start_work {number}")
    assert "延期" in await say(harness, worker, f"/extend {number} 2 等待配件")
    assert await say(harness, worker, f"/extend {number} x 等待") == t("staff.err.days", "zh")
    prompt = await say(harness, worker, f"/resolve {number} 已清理完毕")
    assert prompt == t("staff.resolve.photo", "zh", number=number)
    assert await say(harness, worker, "清理好了") == t("staff.resolve.need_photo", "zh")
    before = len(harness.sent_to(worker))
    harness.standin.send_photo(worker, jpeg((20, 160, 60)))
    done = await harness.next_reply(worker.id, before)
    assert done.text is not None and "已处置" in done.text
    detail = await read(harness.services.store, lookups.get_detail, number=number)
    assert [p.kind for p in detail.photos] == ["before", "after"]
    assert "已结案" in await say(harness, dispatcher, f"/verify {number}")
    assert "返工" in await say(harness, dispatcher, f"/rework {number} 仍有垃圾")
    assert await status_of(harness, number) == "dispatched"
    assert await say(harness, dispatcher, f"/note {number} 已电话联系") == t(
        "staff.noted", "zh", number=number
    )
    await harness.settle()
    news = [m.text or m.caption or "" for m in harness.sent_to(RESIDENT_ID)]
    assert any("已处置：已清理完毕" in text for text in news)
    assert not any("已电话联系" in text for text in news), "notes stay internal"


async def test_reply_with_a_template_reaches_the_reporter(
    harness: BotHarness, clock: FakeClock
) -> None:
    dispatcher = harness.users["dispatcher"]
    ticket = await file_ticket(harness)
    assert "#1" in await say(harness, dispatcher, "/templates")
    before = len(harness.sent_to(RESIDENT_ID))
    sent = await say(harness, dispatcher, f"/reply {ticket.number} #2")
    assert sent == t("staff.replied", "zh", number=ticket.number)
    news = await harness.next_reply(RESIDENT_ID, before)
    assert news.text is not None and t("staff.tpl.2", "zh") in news.text
    missing = await say(harness, dispatcher, f"/reply {ticket.number} #9")
    assert t("error.template_unknown", "zh", index=9) in missing


async def test_merge_and_reject_with_reason(harness: BotHarness, clock: FakeClock) -> None:
    dispatcher = harness.users["dispatcher"]
    first, second, third = [await file_ticket(harness) for _ in range(3)]
    merged = await say(harness, dispatcher, f"/merge {second.number} into {first.number}")
    assert "已合并" in merged
    assert "用法" in await say(harness, dispatcher, f"/reject {third.number}")
    assert "不予受理" in await say(harness, dispatcher, f"/reject {third.number} 重复上报")
    gone = await say(harness, dispatcher, "/ticket CG-19990101-0001")
    assert gone == t("staff.err.not_found", "zh", ref="CG-19990101-0001")


async def test_queue_pages_and_marks_overdue(harness: BotHarness, clock: FakeClock) -> None:
    dispatcher = harness.users["dispatcher"]
    for _ in range(11):
        await file_ticket(harness)
    await file_ticket(harness, category="greening", description="树枝折断")
    clock.advance(hours=30)  # sanitation is due in 24 h, greening in 48 h
    page = await harness.say(dispatcher, "/queue")
    lines = (page.text or "").splitlines()
    assert lines[0] == t("staff.queue.head", "zh", total=12, first=1, last=10)
    assert all(line.startswith("⚠ ") for line in lines[1:])
    assert buttons(page) == ["下一页 ▶"]
    await answer_to(harness, harness.standin.press_button(dispatcher, page, "下一页 ▶"))
    second = harness.standin.message(dispatcher.id, page.message_id)
    assert second is not None and second.text is not None
    assert second.text.splitlines()[0] == t("staff.queue.head", "zh", total=12, first=11, last=12)
    assert second.text.splitlines()[-1].startswith("CG-"), "greening is not overdue yet"
    assert buttons(second) == ["◀ 上一页"]
    greening = await harness.say(dispatcher, "/queue 绿化管养 submitted")
    assert len((greening.text or "").splitlines()) == 2
    overdue = await harness.say(dispatcher, "/queue overdue")
    assert t("staff.queue.head", "zh", total=11, first=1, last=10) in (overdue.text or "")
    assert await say(harness, dispatcher, "/queue mine") == t("staff.queue.empty", "zh")
    assert "用法" in await say(harness, dispatcher, "/queue nonsense")


async def test_an_admin_puts_a_gas_inspector_on_the_roster(harness: BotHarness) -> None:
    admin = harness.users["admin"]
    answer = await say(harness, admin, "/staff add 7001 燃气安检员")
    assert "7001" in answer and "燃气安检员" in answer
    assert "7001｜燃气安检员" in await say(harness, admin, "/staff list")
