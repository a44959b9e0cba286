"""Staff grow the FAQ from chat, end to end: a /reply to a handed-over question saved as an
entry (edited first), /faq list|show|edit|delete, residents refused, forged presses inert."""

from __future__ import annotations

from datetime import UTC, datetime

from telegram import Message, User

from bot.messages import t
from storage.faq import list_changes, list_entries
from tests.conftest import FakeClock
from tests.e2e.forgery import expired, forge
from tests.e2e.harness import BotHarness
from tests.e2e.staff.conftest import answer_to, buttons, file_ticket, say

QUESTION = "我家小区的电梯老是坏，维修资金可以申请补贴吗？"
ANSWER = "电梯维修可以申请使用住宅专项维修资金，请向所在区住房城乡建设部门咨询，或拨打12345。"
ENGLISH = "Lift repairs may use the housing maintenance fund; ask the district or call 12345."


async def _card(harness: BotHarness, user: User, text: str) -> Message:
    """The bot's latest message in the user's chat that contains `text` (waits for it)."""

    def found() -> list[Message]:
        return [m for m in harness.sent_to(user) if text in (m.text or "")]

    await harness.eventually(found)
    return found()[-1]


async def _press(harness: BotHarness, user: User, message: Message, label: str) -> str:
    return await answer_to(harness, harness.standin.press_button(user, message, label))


async def _current(harness: BotHarness, user: User, message: Message) -> Message:
    await harness.settle()
    found = harness.standin.message(user.id, message.message_id)
    assert found is not None
    return found


async def _save_reply_as_faq(harness: BotHarness) -> str:
    """A 咨询 ticket answered with /reply, saved as FAQ with an English answer; its id."""
    dispatcher = harness.users["dispatcher"]
    ticket = await file_ticket(harness, category="consultation", description=QUESTION, photo=False)
    await say(harness, dispatcher, f"/reply {ticket.number} {ANSWER}")
    offer = await _card(harness, dispatcher, t("faq.offer", "zh", number=ticket.number))
    assert buttons(offer) == [t("faq.btn.save_from_reply", "zh")]
    await _press(harness, dispatcher, offer, t("faq.btn.save_from_reply", "zh"))
    draft = await _current(harness, dispatcher, offer)
    assert QUESTION in (draft.text or "") and ANSWER in (draft.text or "")
    await _press(harness, dispatcher, draft, t("faq.btn.english", "zh"))
    await _card(harness, dispatcher, t("faq.ask.english", "zh"))
    edited = await harness.say(dispatcher, ENGLISH)
    assert ENGLISH in (edited.text or "") and QUESTION in (edited.text or "")
    before = len(harness.sent_to(dispatcher))
    await _press(harness, dispatcher, edited, t("faq.btn.save", "zh"))
    saved = await harness.next_reply(dispatcher.id, before)
    assert saved.text == t("faq.saved", "zh", entry_id="staff-1")
    return "staff-1"


async def test_a_reply_to_a_handed_over_question_becomes_a_logged_faq_entry(
    harness: BotHarness,
) -> None:
    entry_id = await _save_reply_as_faq(harness)
    async with harness.services.store.unit_of_work(read_only=True) as uow:
        live = await list_entries(uow)
        (change,) = await list_changes(uow)
    assert [(e.id, e.question, e.answer_zh, e.answer_en) for e in live] == [
        (entry_id, QUESTION, ANSWER, ENGLISH)
    ]
    dispatcher = harness.users["dispatcher"]
    assert (change.action, change.by, change.before) == ("add", dispatcher.id, None)


async def test_the_next_resident_asking_it_gets_the_staff_answer_cited_as_the_bureaus(
    harness: BotHarness, clock: FakeClock
) -> None:
    clock.now = datetime(2026, 11, 30, 17, 30, tzinfo=UTC)  # 1 December, 01:30 in Guangzhou
    await _save_reply_as_faq(harness)
    reply = await harness.say(harness.users["resident"], "小区电梯坏了，维修可以申请补贴吗")
    text = reply.text or ""
    assert ANSWER in text
    assert "1. 城管局工作人员答复（2026-12-01）" in text.splitlines(), text
    assert "staff-1" not in text and "《" not in text, "no entry id, no document title"
    hong_kong = harness.standin.add_user(1101, "阿明", language_code="zh-hk")
    harness.standin.private_chat(hong_kong)
    reply = await harness.say(hong_kong, "小區電梯壞咗，維修可唔可以申請補貼")
    assert "1. 城管局工作人員答覆（2026-12-01）" in (reply.text or "").splitlines(), reply.text


async def test_faq_commands_are_for_staff_only(harness: BotHarness) -> None:
    for command in ("/faq", "/faq list", "/faq add", "/faq delete x"):
        assert await say(harness, harness.users["resident"], command) == t("faq.staff_only", "zh")


async def test_an_edit_of_a_shipped_entry_reaches_the_index_without_a_restart(
    harness: BotHarness,
) -> None:
    dispatcher = harness.users["dispatcher"]
    listed = await harness.say(dispatcher, "/faq list")
    entries = harness.services.faq.shipped if harness.services.faq else {}
    first = next(iter(entries))
    assert (listed.text or "").startswith(
        t("faq.list.header", "zh", page=1, pages=26, count=len(entries))
    )
    await _press(harness, dispatcher, listed, t("faq.btn.next", "zh"))
    assert "第 2/26 页" in ((await _current(harness, dispatcher, listed)).text or "")
    assert entries[first].question in await say(harness, dispatcher, f"/faq show {first}")

    draft = await harness.say(dispatcher, f"/faq edit {first}")
    await _press(harness, dispatcher, draft, t("faq.btn.answer", "zh"))
    await _card(harness, dispatcher, t("faq.ask.answer", "zh"))
    edited = await harness.say(dispatcher, "新答案：以区城管局最新公告为准。")
    before = len(harness.sent_to(dispatcher))
    await _press(harness, dispatcher, edited, t("faq.btn.save", "zh"))
    saved = await harness.next_reply(dispatcher.id, before)
    assert saved.text == t("faq.saved", "zh", entry_id=first)
    knowledge = await harness.services.knowledge_base()
    [live] = [e for e in knowledge.faq_entries if e.id == first]
    assert live.answers["zh"] == "新答案：以区城管局最新公告为准。"
    assert "最后修改" in await say(harness, dispatcher, f"/faq show {first}")

    confirm = await harness.say(dispatcher, f"/faq delete {first}")
    before = len(harness.sent_to(dispatcher))
    await _press(harness, dispatcher, confirm, t("faq.btn.delete", "zh"))
    gone = await harness.next_reply(dispatcher.id, before)
    assert gone.text == t("faq.deleted", "zh", entry_id=first)
    assert first not in {e.id for e in knowledge.faq_entries}
    assert await say(harness, dispatcher, f"/faq show {first}") == t(
        "faq.not_found", "zh", entry_id=first
    )


async def test_stale_and_forged_presses_change_nothing(harness: BotHarness) -> None:
    dispatcher, admin = harness.users["dispatcher"], harness.users["admin"]
    draft = await harness.say(dispatcher, "/faq add")
    await _press(harness, dispatcher, draft, t("faq.btn.question", "zh"))
    await harness.say(dispatcher, "路灯坏了找谁？")
    await _press(harness, dispatcher, draft, t("faq.btn.answer", "zh"))
    card = await harness.say(dispatcher, "请拨打12345。")
    # An older card of the same draft, staff with no draft, a forged verb, a resident: inert.
    assert (await forge(harness, dispatcher, "fq:s", on=draft)).answer == expired()
    await harness.say(admin, "/faq list")  # staff with no draft of their own
    assert (await forge(harness, admin, "fq:s", chat=admin.id)).answer == expired()
    assert (await forge(harness, admin, "fq:o", chat=admin.id)).answer == expired()
    assert (await forge(harness, dispatcher, "fq:zz", on=card)).answer == expired()
    resident = harness.users["resident"]
    await harness.say(resident, "/faq delete x")
    assert (await forge(harness, resident, "fqm:del", chat=resident.id)).answer == expired()
    assert await say(harness, dispatcher, "/cancel") == t("cancel.done", "zh")
    assert (await forge(harness, dispatcher, "fq:s", on=card)).answer == expired()
    async with harness.services.store.unit_of_work(read_only=True) as uow:
        assert await list_entries(uow) == [] and await list_changes(uow) == []
