"""getUpdates and webhooks as Telegram runs them: offsets, long polls, redelivery, filters."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import httpx
import pytest
from telegram import Bot, MessageEntity, User
from telegram.error import BadRequest, Conflict

from bot.standin import StandIn, StandInError


async def test_offset_confirms_and_drops(bot: Bot, standin: StandIn, resident: User) -> None:
    first = standin.send_text(resident, "一")
    second = standin.send_text(resident, "二")
    updates = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [first.update_id, second.update_id]
    again = await bot.get_updates(timeout=0)
    assert [u.update_id for u in again] == [first.update_id, second.update_id]  # not confirmed
    assert await bot.get_updates(offset=second.update_id + 1, timeout=0) == ()
    assert standin.pending_updates == []


async def test_limit_and_negative_offset(bot: Bot, standin: StandIn, resident: User) -> None:
    sent = [standin.send_text(resident, str(n)) for n in range(5)]
    assert len(await bot.get_updates(limit=2, timeout=0)) == 2
    last = await bot.get_updates(offset=-1, timeout=0)
    assert [u.update_id for u in last] == [sent[-1].update_id]
    assert len(standin.pending_updates) == 1


async def test_long_poll_waits_for_a_user(bot: Bot, standin: StandIn, resident: User) -> None:
    loop = asyncio.get_running_loop()
    started = loop.time()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    assert not poll.done()
    standin.send_text(resident, "在吗")
    updates = await poll
    assert updates[0].message is not None and updates[0].message.text == "在吗"
    assert loop.time() - started < 2


async def test_long_poll_times_out_empty(bot: Bot) -> None:
    assert await bot.get_updates(timeout=timedelta(milliseconds=200)) == ()


async def test_a_second_poller_ends_the_first_with_409(bot: Bot, standin: StandIn) -> None:
    first = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.05)
    async with standin.make_bot() as other_instance:
        assert await other_instance.get_updates(timeout=timedelta(milliseconds=100)) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await first


async def test_redelivery_after_a_crash(bot: Bot, standin: StandIn, resident: User) -> None:
    update = standin.send_text(resident, "我要报修")
    fetched = await bot.get_updates(timeout=0)
    await bot.get_updates(offset=fetched[-1].update_id + 1, timeout=0)
    standin.redeliver(update)
    again = await bot.get_updates(timeout=0)
    assert [u.update_id for u in again] == [update.update_id]
    assert again[0].message is not None and again[0].message.text == "我要报修"


async def test_allowed_updates_filters_new_updates(
    bot: Bot, standin: StandIn, resident: User
) -> None:
    await bot.get_updates(timeout=0, allowed_updates=["callback_query"])
    standin.send_text(resident, "ignored")
    assert await bot.get_updates(timeout=0) == ()
    await bot.get_updates(timeout=0, allowed_updates=[])
    standin.send_text(resident, "seen")
    assert len(await bot.get_updates(timeout=0)) == 1


async def test_commands_get_entities(bot: Bot, standin: StandIn, resident: User) -> None:
    group = standin.add_group("街道群", [resident])
    standin.send_text(resident, "/start")
    standin.send_text(resident, "/report@citybot_test_bot 井盖", chat=group)
    private, in_group = await bot.get_updates(timeout=0)
    assert private.message is not None and in_group.message is not None
    assert private.message.entities[0].type == MessageEntity.BOT_COMMAND
    command = in_group.message.entities[0]
    assert (command.type, command.offset, command.length) == ("bot_command", 0, 24)
    assert in_group.message.chat.type == "supergroup"


async def test_user_edit_is_an_edited_message(bot: Bot, standin: StandIn, resident: User) -> None:
    sent = standin.send_text(resident, "垃圾桶满了")
    assert sent.message is not None
    edited = standin.edit_message(resident, sent.message, "垃圾桶满了，在3号楼")
    assert edited.edited_message is not None
    updates = await bot.get_updates(timeout=0)
    last = updates[-1].edited_message
    assert last is not None and last.text == "垃圾桶满了，在3号楼" and last.edit_date is not None


async def test_raw_updates_pass_through_unchanged(standin: StandIn) -> None:
    malformed = {"message": {"message_id": 1, "date": 0, "chat": {"id": 5}}}
    with pytest.raises(StandInError, match="PTB cannot parse this update"):
        standin.push_raw_update(malformed)
    raw = standin.push_raw_update(malformed, check=False)
    async with httpx.AsyncClient() as client:
        response = await client.post(f"{standin.base_url}{standin.token}/getUpdates")
    assert response.json() == {"ok": True, "result": [raw]}
    assert raw == {**malformed, "update_id": raw["update_id"]}


async def test_get_updates_refused_while_webhook_set(bot: Bot, standin: StandIn) -> None:
    await bot.set_webhook("http://127.0.0.1:9/hook", secret_token="s3cret")
    assert standin.webhook_url == "http://127.0.0.1:9/hook"
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates(timeout=0)
    info = await bot.get_webhook_info()
    assert info.url == "http://127.0.0.1:9/hook"
    await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates(timeout=0) == ()


async def test_public_http_webhook_is_refused(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="an https url must be provided"):
        await bot.set_webhook("http://example.com/hook")
