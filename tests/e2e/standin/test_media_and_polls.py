"""Files and polls through a real telegram.Bot: uploads, downloads, albums, quizzes."""

from __future__ import annotations

from typing import Any

import pytest
from telegram import Bot, InputMediaPhoto, KeyboardButton, Poll, ReplyKeyboardMarkup, User
from telegram.error import BadRequest

from bot.standin import StandIn, StandInError


async def test_bot_photo_upload_has_three_sizes(
    bot: Bot, standin: StandIn, resident: User, jpeg: Any
) -> None:
    picture = jpeg(1280, 960)
    sent = await bot.send_photo(resident.id, picture, caption="处置前照片")
    assert [(p.width, p.height) for p in sent.photo] == [(90, 68), (320, 240), (1280, 960)]
    assert sent.caption == "处置前照片"
    largest = await bot.get_file(sent.photo[-1].file_id)
    assert bytes(await largest.download_as_bytearray()) == picture
    again = await bot.send_photo(resident.id, sent.photo[-1].file_id)
    assert again.photo[-1].file_unique_id == sent.photo[-1].file_unique_id


async def test_photo_errors(bot: Bot, resident: User) -> None:
    with pytest.raises(BadRequest, match="Image_process_failed"):
        await bot.send_photo(resident.id, b"not a jpeg at all")
    with pytest.raises(BadRequest, match="Wrong file identifier"):
        await bot.send_photo(resident.id, "AgACAgUAAxkBAAIunknown")
    with pytest.raises(BadRequest, match="Message caption is too long"):
        await bot.send_photo(resident.id, b"x", caption="长" * 1025)


async def test_user_photo_sizes_and_download(
    bot: Bot, standin: StandIn, resident: User, jpeg: Any
) -> None:
    picture = jpeg(800, 600)
    update = standin.send_photo(resident, picture, caption="占道经营 #市容")
    assert update.message is not None
    sizes = update.message.photo
    assert len(sizes) == 3 and sizes[-1].width == 800
    assert update.message.caption_entities[0].type == "hashtag"
    file = await bot.get_file(sizes[-1].file_id)
    assert bytes(await file.download_as_bytearray()) == picture
    assert standin.file_bytes(sizes[0].file_id) != picture  # thumbnails are re-encoded


async def test_documents_keep_name_and_bytes(bot: Bot, standin: StandIn, resident: User) -> None:
    sent = await bot.send_document(resident.id, b"id,status\n1,closed\n", filename="工单.csv")
    assert sent.document is not None and sent.document.file_name == "工单.csv"
    file = await bot.get_file(sent.document.file_id)
    assert bytes(await file.download_as_bytearray()) == b"id,status\n1,closed\n"
    update = standin.send_document(resident, b"%PDF-1.4", "证明.pdf", "application/pdf")
    assert update.message is not None and update.message.document is not None
    assert update.message.document.mime_type == "application/pdf"


async def test_media_group(bot: Bot, standin: StandIn, resident: User, jpeg: Any) -> None:
    album = [InputMediaPhoto(jpeg(color=(0, 0, c)), caption=f"第{c}张") for c in (1, 2, 3)]
    messages = await bot.send_media_group(resident.id, album)
    assert len({m.media_group_id for m in messages}) == 1
    assert [m.caption for m in messages] == ["第1张", "第2张", "第3张"]
    with pytest.raises(BadRequest, match="Wrong number of media"):
        await bot.send_media_group(resident.id, album[:1])
    updates = standin.send_album(resident, [jpeg(), jpeg()], caption="两张")
    groups = {u.message.media_group_id for u in updates if u.message}
    assert len(groups) == 1


async def test_quiz_answers_and_stop(bot: Bot, standin: StandIn) -> None:
    teacher = standin.add_user(4001, "张老师")
    pupil = standin.add_user(4002, "小刚")
    group = standin.add_group("四年一班", [pupil], admins=[teacher])
    sent = await bot.send_poll(
        group.id,
        "闻到煤气味应该先做什么？",
        ["开灯检查", "关闭阀门并开窗", "打电话"],
        type=Poll.QUIZ,
        correct_option_ids=[1],
        is_anonymous=False,
        explanation="不要触碰电器开关",
    )
    assert sent.poll is not None and sent.poll.correct_option_ids == (1,)
    answer, poll_update = standin.answer_poll(pupil, sent.poll.id, [1])
    assert answer.poll_answer is not None and answer.poll_answer.option_ids == (1,)
    assert poll_update.poll is not None and poll_update.poll.options[1].voter_count == 1
    with pytest.raises(StandInError, match="cannot be changed"):
        standin.answer_poll(pupil, sent.poll.id, [0])
    stopped = await bot.stop_poll(group.id, sent.message_id)
    assert stopped.is_closed and stopped.total_voter_count == 1
    with pytest.raises(BadRequest, match="Poll has already been closed"):
        await bot.stop_poll(group.id, sent.message_id)
    kinds = [next(k for k in u if k != "update_id") for u in standin.pending_updates]
    assert kinds == ["poll_answer", "poll", "poll"]


@pytest.mark.parametrize(
    ("question", "options", "extra", "message"),
    [
        ("Q" * 301, ["a", "b"], {}, "Poll question length must not exceed 300"),
        ("Q", [], {}, "Poll must have at least one answer option"),
        ("Q", ["a"] * 13, {}, "Poll can't have more than 12 options"),
        ("Q", ["a" * 101, "b"], {}, "Poll options length must not exceed 100"),
        ("Q", ["a", "b"], {"type": "quiz"}, "Wrong correct option id specified"),
        (
            "Q",
            ["a", "b"],
            {"type": "quiz", "correct_option_ids": [0], "explanation": "e" * 201},
            "Explanation length must not exceed 200",
        ),
        ("Q", ["a", "b"], {"open_period": 4}, "Wrong open period specified"),
    ],
)
async def test_poll_validation(
    bot: Bot,
    resident: User,
    question: str,
    options: list[str],
    extra: dict[str, Any],
    message: str,
) -> None:
    with pytest.raises(BadRequest) as caught:
        await bot.send_poll(resident.id, question, options, **extra)
    assert caught.value.message.lower() == message.lower()


async def test_press_missing_button_fails_the_test(
    bot: Bot, standin: StandIn, resident: User
) -> None:
    sent = await bot.send_message(resident.id, "没有按钮")
    with pytest.raises(StandInError, match="has no keyboard"):
        standin.press_button(resident, sent, 0)


async def test_reply_keyboard_press_sends_its_text(
    bot: Bot, standin: StandIn, resident: User
) -> None:
    menu = ReplyKeyboardMarkup([["📷 随手拍", "❓ 咨询"]], one_time_keyboard=True)
    sent = await bot.send_message(resident.id, "请选择", reply_markup=menu)
    update = standin.press_button(resident, sent, "❓ 咨询")
    assert update.message is not None and update.message.text == "❓ 咨询"
    assert standin.shown_keyboard(resident.id) is None  # one-time keyboards hide after use
    with pytest.raises(StandInError, match="no reply keyboard"):
        standin.press_key(resident, 0)


async def test_a_location_key_shares_the_location_not_its_label(
    bot: Bot, standin: StandIn, resident: User
) -> None:
    share = KeyboardButton("📍 发送位置", request_location=True)
    await bot.send_message(resident.id, "在哪里？", reply_markup=ReplyKeyboardMarkup([[share]]))
    update = standin.press_key(resident, 0, location=(23.12, 113.25))
    assert update.message is not None and update.message.text is None
    assert update.message.location is not None
    assert (update.message.location.latitude, update.message.location.longitude) == (23.12, 113.25)


async def test_a_voice_message_has_a_file_the_bot_can_fetch(
    bot: Bot, standin: StandIn, resident: User
) -> None:
    update = standin.send_voice(resident, seconds=4)
    assert update.message is not None and update.message.voice is not None
    assert update.message.voice.duration == 4
    voice = await bot.get_file(update.message.voice.file_id)
    assert bytes(await voice.download_as_bytearray()).startswith(b"OggS")


async def test_wait_idle_reports_a_bot_that_never_polls(standin: StandIn, resident: User) -> None:
    standin.send_text(resident, "有人吗")
    with pytest.raises(StandInError, match="1 updates not fetched"):
        await standin.wait_idle(timeout=0.05)
