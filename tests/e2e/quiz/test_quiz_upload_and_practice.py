"""Teachers' own questions (/quiz_upload, /quiz mine) and practising alone (/practice)."""

from __future__ import annotations

from bot.messages import t
from knowledge.quiz import load_bank
from tests.e2e.quiz.conftest import Classroom

GOOD_CSV = (
    "question,option1,option2,option3,answer,explanation\n"
    "闻到煤气味，第一步做什么？,开灯看看,关阀门、开窗,打电话,2,先关阀开窗，不碰电器开关。\n"
    "垃圾分成几类？,三类,四类,五类,B,广州生活垃圾分为四类。\n"
).encode()
BAD_CSV = (
    "question,option1,option2,answer\n好题目,甲,乙,1\n答案超出范围,甲,乙,5\n,甲,乙,1\n"
).encode()


async def test_an_invalid_upload_lists_its_problems_by_line(classroom: Classroom) -> None:
    room, standin = classroom, classroom.harness.standin
    standin.send_document(
        room.teacher, BAD_CSV, "class.csv", "text/csv", "/quiz_upload", room.group
    )
    reply = await room.next_text("⚠️")  # one good question: offered, not saved unasked
    text = reply.text or ""
    assert "class.csv" in text
    assert "第 3 行：" in text and "第 4 行：" in text and "第 2 行" not in text
    room.command(room.teacher, "/quiz mine")
    assert (await room.next_text()).text == t("quiz.mine_empty", "zh")
    nothing_good = "question,option1,option2,answer\n只有一个选项,甲,,1\n".encode()
    standin.send_document(
        room.teacher, nothing_good, "bad.csv", "text/csv", "/quiz_upload", room.group
    )
    refused = await room.next_text("❌")
    assert "bad.csv" in (refused.text or "") and refused.reply_markup is None


async def test_a_valid_upload_is_used_by_quiz_mine(classroom: Classroom) -> None:
    room, standin = classroom, classroom.harness.standin
    standin.send_document(
        room.xiaoming, GOOD_CSV, "mine.csv", "text/csv", "/quiz_upload", room.group
    )
    assert (await room.next_text()).text == t("quiz.admins_only", "zh")
    upload = standin.send_document(room.teacher, GOOD_CSV, "mine.csv", "text/csv", None, room.group)
    await room.harness.settle()
    assert upload.message is not None
    hint = await room.next_text()  # a question file without the caption: how to use it
    assert hint.text == t("quiz.upload.hint", "zh", file="mine.csv")
    standin.send_text(room.teacher, "/quiz_upload", room.group)  # as a reply is not needed: usage
    assert (await room.next_text()).text == t("quiz.upload.usage", "zh", limit=200)
    standin.send_document(
        room.teacher, GOOD_CSV, "mine.csv", "text/csv", "/quiz_upload", room.group
    )
    saved = await room.next_text("✅")
    assert saved.text == t("quiz.upload.saved", "zh", count=2, file="mine.csv")
    room.command(room.teacher, "/quiz mine 5 10")
    started = await room.next_text("📝")
    assert t("quiz.topic.mine", "zh") in (started.text or "") and "共 2 题" in (started.text or "")
    poll = await room.next_poll()
    assert poll.poll is not None
    assert poll.poll.question.removeprefix("【1/2】") in {
        "闻到煤气味，第一步做什么？",
        "垃圾分成几类？",
    }


async def test_practice_alone_with_buttons_explanations_and_a_score(classroom: Classroom) -> None:
    harness, standin = classroom.harness, classroom.harness.standin
    pupil = classroom.xiaoming
    first = await harness.say(pupil, "/practice gas_leak")
    assert (first.text or "").startswith("第 1/10 题（燃气泄漏怎么办）")
    by_text = {q.text("zh"): q for q in load_bank().select("gas_leak")}
    question = by_text[(first.text or "").split("\n", 1)[1]]
    before = len(harness.sent_to(pupil))
    standin.press_button(pupil, first, question.answer)
    second = await harness.next_reply(pupil.id, before)
    assert (second.text or "").startswith("第 2/10 题")
    marked = standin.message(pupil.id, first.message_id)
    assert marked is not None and marked.reply_markup is None
    assert t("quiz.practice.right", "zh") in (marked.text or "")
    assert question.explanation_in("zh") in (marked.text or "")
    assert "得分：1/1" in (marked.text or "")
    assert (await harness.say(pupil, "/cancel")).text == t("cancel.done", "zh")
    standin.press_button(pupil, second, 0)  # a button of the practice /cancel ended
    await harness.settle()
    assert standin.callback_answers[-1].text == t("error.stale_button", "zh")
    in_group = standin.send_text(pupil, "/practice", classroom.group)
    assert in_group.message is not None
    assert (await classroom.next_text()).text == t("quiz.practice.private_only", "zh")
