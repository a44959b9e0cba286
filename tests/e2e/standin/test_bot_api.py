"""A real telegram.Bot against the stand-in: shapes, limits and Telegram's error answers."""

from __future__ import annotations

import httpx
import pytest
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    ChatMemberAdministrator,
    ChatMemberMember,
    ChatMemberOwner,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    MessageEntity,
    ReplyKeyboardMarkup,
    ReplyParameters,
    User,
)
from telegram.error import BadRequest, Forbidden, InvalidToken, RetryAfter

from bot.standin import StandIn

# PTB 22 warns about RetryAfter.retry_after becoming a timedelta whenever it builds one.
IGNORE_RETRY_AFTER_WARNING = pytest.mark.filterwarnings(
    "ignore::telegram.warnings.PTBDeprecationWarning"
)


async def test_get_me_is_the_bot_user(bot: Bot, standin: StandIn) -> None:
    me = await bot.get_me()
    assert me.id == standin.bot_user.id
    assert me.is_bot
    assert me.username == "citybot_test_bot"


async def test_send_message_is_stored_with_ids_growing_per_chat(
    bot: Bot, standin: StandIn, resident: User
) -> None:
    first = await bot.send_message(resident.id, "你好")
    second = await bot.send_message(resident.id, "再见")
    assert (first.message_id, second.message_id) == (1, 2)
    assert first.from_user is not None and first.from_user.id == standin.bot_user.id
    assert first.chat.id == resident.id and first.chat.type == "private"
    assert [m.text for m in standin.messages_to(resident.id)] == ["你好", "再见"]
    assert standin.calls_to("sendMessage")[0].params["chat_id"] == resident.id


async def test_html_becomes_text_and_entities(bot: Bot, resident: User) -> None:
    sent = await bot.send_message(
        resident.id,
        "<b>燃气</b> &lt;安全&gt; <a href='https://gz.gov.cn'>链接</a>",
        parse_mode="HTML",
    )
    assert sent.text == "燃气 <安全> 链接"
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [
        (MessageEntity.BOLD, 0, 2),
        (MessageEntity.TEXT_LINK, 8, 2),
    ]
    assert sent.text_html == '<b>燃气</b> &lt;安全&gt; <a href="https://gz.gov.cn">链接</a>'


@pytest.mark.parametrize(
    ("text", "parse_mode", "message"),
    [
        ("", None, "Message text is empty"),
        ("   ", None, "Message text is empty"),
        ("x" * 4097, None, "Message is too long"),
        (
            "<b>unclosed",
            "HTML",
            "Can't parse entities: can't find end tag corresponding to start tag \"b\"",
        ),
        (
            "<b>x</i>",
            "HTML",
            "Can't parse entities: unmatched end tag at byte offset 4, "
            'expected "</b>", found "</i>"',
        ),
        ("<br>", "HTML", 'Can\'t parse entities: unsupported start tag "br" at byte offset 0'),
        ("a < b", "HTML", 'Can\'t parse entities: unsupported start tag "" at byte offset 2'),
    ],
)
async def test_bad_text_is_a_400_with_telegrams_words(
    bot: Bot, resident: User, text: str, parse_mode: str | None, message: str
) -> None:
    with pytest.raises(BadRequest) as caught:
        await bot.send_message(resident.id, text, parse_mode=parse_mode)
    assert caught.value.message.lower() == message.lower()


async def test_exactly_4096_characters_are_accepted(bot: Bot, resident: User) -> None:
    sent = await bot.send_message(resident.id, "测" * 4096)
    assert len(sent.text or "") == 4096


async def test_keyboards_are_checked_and_kept(bot: Bot, standin: StandIn, resident: User) -> None:
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("受理", callback_data="accept:1")]])
    sent = await bot.send_message(resident.id, "工单", reply_markup=markup)
    assert sent.reply_markup == markup
    with pytest.raises(BadRequest, match="Button_data_invalid"):
        too_long = InlineKeyboardButton("x", callback_data="x" * 65)
        await bot.send_message(resident.id, "工单", reply_markup=InlineKeyboardMarkup([[too_long]]))
    menu = ReplyKeyboardMarkup([[KeyboardButton("📷 随手拍"), "❓ 咨询"]], resize_keyboard=True)
    plain = await bot.send_message(resident.id, "菜单", reply_markup=menu)
    assert plain.reply_markup is None  # Telegram never echoes reply keyboards in a Message
    assert standin.shown_keyboard(resident.id) == [["📷 随手拍", "❓ 咨询"]]


async def test_replies_edits_and_deletes(bot: Bot, standin: StandIn, resident: User) -> None:
    question = standin.send_text(resident, "井盖丢了").message
    assert question is not None
    answer = await bot.send_message(
        resident.id, "收到", reply_parameters=ReplyParameters(question.message_id)
    )
    assert answer.reply_to_message is not None and answer.reply_to_message.text == "井盖丢了"
    with pytest.raises(BadRequest, match="Message to be replied not found"):
        await bot.send_message(resident.id, "x", reply_parameters=ReplyParameters(999))
    edited = await bot.edit_message_text("已受理", resident.id, answer.message_id)
    assert isinstance(edited, object) and standin.edits[-1].after.text == "已受理"
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_text("已受理", resident.id, answer.message_id)
    with pytest.raises(BadRequest, match="Message to edit not found"):
        await bot.edit_message_text("x", resident.id, 12345)
    assert await bot.delete_message(resident.id, answer.message_id)
    assert standin.message(resident.id, answer.message_id) is None
    with pytest.raises(BadRequest, match="Message to delete not found"):
        await bot.delete_message(resident.id, answer.message_id)


async def test_unknown_and_blocked_chats(bot: Bot, standin: StandIn, resident: User) -> None:
    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_message(424242, "hi")
    standin.block_bot(resident.id)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_message(resident.id, "hi")
    update = standin.pending_updates[-1]
    assert update["my_chat_member"]["new_chat_member"]["status"] == "kicked"


async def test_wrong_token_and_unknown_method(standin: StandIn) -> None:
    with pytest.raises(InvalidToken):
        async with Bot("1:wrong", base_url=standin.base_url) as stranger:
            await stranger.get_me()
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{standin.base_url}{standin.token}/sendTelepathy")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error_code": 404, "description": "Not Found"}


@IGNORE_RETRY_AFTER_WARNING
async def test_fail_next_gives_429_with_retry_after(
    bot: Bot, standin: StandIn, resident: User
) -> None:
    standin.fail_next("sendMessage", 429, retry_after=7, times=2)
    for _ in range(2):
        with pytest.raises(RetryAfter) as caught:
            await bot.send_message(resident.id, "hi")
        assert "Retry in 7 seconds" in caught.value.message
    assert (await bot.send_message(resident.id, "hi")).text == "hi"
    assert [c.error_code for c in standin.calls_to("sendMessage")] == [429, 429, None]


async def test_fail_next_other_codes(bot: Bot, standin: StandIn, resident: User) -> None:
    standin.fail_next("sendMessage", 400, description="Bad Request: something odd")
    with pytest.raises(BadRequest, match="Something odd"):
        await bot.send_message(resident.id, "hi")


@IGNORE_RETRY_AFTER_WARNING
async def test_flood_limit_when_turned_on(bot: Bot, standin: StandIn, resident: User) -> None:
    standin.set_rate_limit(private_per_second=2)
    await bot.send_message(resident.id, "1")
    await bot.send_message(resident.id, "2")
    with pytest.raises(RetryAfter):
        await bot.send_message(resident.id, "3")
    standin.set_rate_limit(enabled=False)
    await bot.send_message(resident.id, "4")


async def test_commands_per_scope_and_language(bot: Bot, standin: StandIn) -> None:
    staff = standin.add_user(2001, "王科长")
    group = standin.add_group("城管执法队", members=[], admins=[staff])
    residents = [BotCommand("start", "开始"), BotCommand("help", "帮助")]
    await bot.set_my_commands(residents, scope=BotCommandScopeAllPrivateChats())
    await bot.set_my_commands([BotCommand("tickets", "工单")], scope=BotCommandScopeChat(group.id))
    await bot.set_my_commands([BotCommand("start", "Start")], language_code="en")
    assert standin.commands(BotCommandScopeAllPrivateChats()) == residents
    assert [c.command for c in standin.commands({"type": "chat", "chat_id": group.id})] == [
        "tickets"
    ]
    assert [c.description for c in standin.commands(language_code="en")] == ["Start"]
    assert standin.commands() == []
    assert await bot.get_my_commands(scope=BotCommandScopeAllPrivateChats()) == tuple(residents)
    await bot.delete_my_commands(scope=BotCommandScopeAllPrivateChats())
    assert standin.commands(BotCommandScopeAllPrivateChats()) == []
    with pytest.raises(BadRequest, match="Bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Bad-Name", "x")])


async def test_chats_members_topics_and_leaving(bot: Bot, standin: StandIn) -> None:
    owner = standin.add_user(3001, "李老师")
    pupil = standin.add_user(3002, "小红")
    group = standin.add_group("三年二班", [pupil], owner=owner, forum=True, bot_is_admin=True)
    chat = await bot.get_chat(group.id)
    assert (chat.title, chat.type, chat.is_forum) == ("三年二班", "supergroup", True)
    assert isinstance(await bot.get_chat_member(group.id, pupil.id), ChatMemberMember)
    admins = await bot.get_chat_administrators(group.id)
    assert {type(a) for a in admins} == {ChatMemberOwner, ChatMemberAdministrator}
    topic = await bot.create_forum_topic(group.id, "燃气安全测验")
    sent = await bot.send_message(group.id, "第一题", message_thread_id=topic.message_thread_id)
    assert sent.message_thread_id == topic.message_thread_id and sent.is_topic_message
    with pytest.raises(BadRequest, match="Message thread not found"):
        await bot.send_message(group.id, "x", message_thread_id=9999)
    assert await bot.leave_chat(group.id)
    with pytest.raises(Forbidden, match="not a member of the supergroup chat"):
        await bot.send_message(group.id, "还在吗")


async def test_location_and_chat_action(bot: Bot, standin: StandIn, resident: User) -> None:
    sent = await bot.send_location(resident.id, latitude=23.1291, longitude=113.2644)
    assert sent.location is not None and sent.location.latitude == pytest.approx(23.1291)
    assert await bot.send_chat_action(resident.id, "typing")
    with pytest.raises(BadRequest, match="Wrong parameter action"):
        await bot.send_chat_action(resident.id, "dancing")
