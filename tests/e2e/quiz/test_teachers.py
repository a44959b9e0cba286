"""What a teacher meets (issue 14, defect 13): `/quiz 燃气 儿童 3` in the words they use, the
upload's file format explained, a question file without the caption answered, a file with
a bad line not refused whole, and a stopped round scored out of the questions asked."""

from __future__ import annotations

import pytest
from telegram import Message

from bot.messages import t
from handlers.quiz_common import topic_name
from knowledge.quiz import MAX_UPLOAD_QUESTIONS, load_bank
from storage.quiz import rounds
from tests.e2e.quiz.conftest import Classroom

TWO_BAD_LINES = (
    "题目,选项1,选项2,选项3,答案\n"
    "闻到煤气味先做什么？,开灯查看,关阀开窗,打电话,2\n"
    "只有一个选项,甲,,,1\n"
    "垃圾分几类？,两类,四类,,5\n"
    "液化气钢瓶能放地下室吗？,能,不能,,2\n"
).encode()


async def _round_questions(room: Classroom) -> list[dict[str, object]]:
    store = room.harness.services.store
    await room.harness.settle()
    async with store.unit_of_work(read_only=True) as uow:
        running = await rounds.find_running_round(uow, chat_id=room.group.id)
    assert running is not None
    return list(running.questions)


@pytest.mark.parametrize(
    ("command", "topic", "level", "count"),
    [
        ("/quiz 燃气 儿童 3", "gas_home", "child", 3),
        ("/quiz 燃氣 兒童 3", "gas_home", "child", 3),  # typed in traditional characters
        ("/quiz 垃圾分类 成人 2 20", "sorting", "adult", 2),
        ("/quiz Gas safety at home adults 2", "gas_home", "adult", 2),
        ("/quiz 煤气罐 kids 2", "lpg", "child", 2),
        ("/quiz gas_leak child 2", "gas_leak", "child", 2),
    ],
)
async def test_a_quiz_by_the_names_teachers_use(
    classroom: Classroom, command: str, topic: str, level: str, count: int
) -> None:
    room = classroom
    room.command(room.teacher, command)
    started = await room.next_text("📝")
    name = topic_name(topic, "zh")
    assert f"主题：{name}，共 {count} 题" in (started.text or "")
    questions = await _round_questions(room)
    assert {q["topic"] for q in questions} == {topic}
    assert {q["level"] for q in questions} == {level}
    bank = {q.id for q in load_bank().select(topic, level)}
    assert {str(q["id"]) for q in questions} <= bank


async def test_a_word_the_bot_does_not_know_gets_the_usage_with_names(
    classroom: Classroom,
) -> None:
    room = classroom
    room.command(room.teacher, "/quiz 天气 3")
    usage = await room.next_text("用法")
    text = usage.text or ""
    assert "/quiz 燃气 儿童 5 30" in text and "家庭用气安全" in text and "少儿（child）" in text
    assert not room.harness.standin.calls_to("sendPoll")


async def test_quiz_upload_alone_describes_the_file(classroom: Classroom) -> None:
    room = classroom
    room.command(room.teacher, "/quiz_upload")
    usage = (await room.next_text()).text or ""
    assert usage == t("quiz.upload.usage", "zh", limit=MAX_UPLOAD_QUESTIONS)
    for column in ("题目", "选项1", "选项2", "答案", "解析", "级别", "question_en"):
        assert column in usage
    assert "CSV UTF-8" in usage and str(MAX_UPLOAD_QUESTIONS) in usage


async def test_a_question_file_without_the_caption_is_answered(classroom: Classroom) -> None:
    room, standin = classroom, classroom.harness.standin
    standin.send_document(room.xiaoming, TWO_BAD_LINES, "pupil.csv", "text/csv", None, room.group)
    await room.harness.settle()
    assert room.harness.sent_to(room.group) == []  # a pupil's file is not the quiz's business
    standin.send_document(room.teacher, TWO_BAD_LINES, "题库.csv", "text/csv", None, room.group)
    hint = await room.next_text("📎")
    assert hint.text == t("quiz.upload.hint", "zh", file="题库.csv")


async def _partial_offer(room: Classroom) -> Message:
    room.harness.standin.send_document(
        room.teacher, TWO_BAD_LINES, "class.csv", "text/csv", "/quiz_upload", room.group
    )
    return await room.next_text("⚠️")


async def test_bad_lines_are_listed_and_the_good_questions_kept_on_request(
    classroom: Classroom,
) -> None:
    room, standin = classroom, classroom.harness.standin
    offer = await _partial_offer(room)
    text = offer.text or ""
    assert "第 3 行：" in text and "第 4 行：" in text
    assert "第 2 行" not in text and "第 5 行" not in text
    keep = t("quiz.upload.keep", "zh", count=2)
    labels = [b.text for row in offer.reply_markup.inline_keyboard for b in row]  # type: ignore[union-attr]
    assert labels == [keep]
    # A pupil's press keeps nothing.
    standin.press_button(room.xiaoming, offer, keep)
    await room.harness.settle()
    assert standin.callback_answers[-1].text == t("quiz.admins_only", "zh")
    room.command(room.teacher, "/quiz mine")
    assert (await room.next_text()).text == t("quiz.mine_empty", "zh")
    # The teacher's press keeps the two good questions.
    standin.press_button(room.teacher, offer, keep)
    saved = t("quiz.upload.saved", "zh", count=2, file="class.csv")
    await room.harness.eventually(
        lambda: room.harness.edited_text(room.group.id, offer.message_id) == saved
    )
    room.command(room.teacher, "/quiz mine 5 10")
    started = await room.next_text("📝")
    assert "共 2 题" in (started.text or "")
    ids = {str(q["question"]["zh"]) for q in await _round_questions(room)}  # type: ignore[index]
    assert ids == {"闻到煤气味先做什么？", "液化气钢瓶能放地下室吗？"}


async def test_an_older_offer_keeps_nothing_once_a_newer_file_came(classroom: Classroom) -> None:
    room, standin = classroom, classroom.harness.standin
    first = await _partial_offer(room)
    await _partial_offer(room)
    standin.press_button(room.teacher, first, 0)
    await room.harness.settle()
    assert standin.callback_answers[-1].text == t("error.stale_button", "zh")
    room.command(room.teacher, "/quiz mine")
    assert (await room.next_text()).text == t("quiz.mine_empty", "zh")


async def test_stopped_at_question_two_the_board_says_two_were_asked(classroom: Classroom) -> None:
    room = classroom
    room.command(room.teacher, "/quiz gas_leak 5 30")
    first = await room.next_poll()
    room.answer(room.alice, first, right=True)
    await room.time_up()
    await room.next_poll()  # question 2 is open when the teacher stops
    room.command(room.teacher, "/quiz_stop")
    board = await room.next_text("🏆")
    text = board.text or ""
    assert text.startswith("🏆 排行榜（燃气泄漏怎么办，提前结束：出了 2 题，原定 5 题）")
    assert "1. Alice：答对 1/2" in text and "共 5 题" not in text
