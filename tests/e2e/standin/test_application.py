"""A real telegram.ext.Application run against the stand-in, by long polling and by webhook."""

from __future__ import annotations

import asyncio
import hashlib
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update, User
from telegram.ext import (
    AIORateLimiter,
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.standin import StandIn

Context = ContextTypes.DEFAULT_TYPE
MENU = InlineKeyboardMarkup([[InlineKeyboardButton("报修", callback_data="report")]])


async def start(update: Update, context: Context) -> None:
    assert update.effective_message is not None
    context.bot_data["starts"] = context.bot_data.get("starts", 0) + 1
    await update.effective_message.reply_text(
        "<b>欢迎</b>使用城管小助手", parse_mode="HTML", reply_markup=MENU
    )


async def pressed(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer("好的")
    await query.edit_message_text(f"你选择了：{query.data}")


async def photo(update: Update, context: Context) -> None:
    message = update.effective_message
    assert message is not None
    file = await message.photo[-1].get_file()
    content = await file.download_as_bytearray()
    await message.reply_text(f"sha256={hashlib.sha256(content).hexdigest()}")


def build(standin: StandIn, **options: Any) -> Application[Any, Any, Any, Any, Any, Any]:
    """The minimal application: /start, a button handler, a photo handler."""
    builder = standin.application_builder()
    if options.get("rate_limiter"):
        builder = builder.rate_limiter(AIORateLimiter(max_retries=2))
    app = builder.build()
    app.add_handler(CommandHandler("start", start))
    app.add_handler(CallbackQueryHandler(pressed))
    app.add_handler(MessageHandler(filters.PHOTO, photo))
    return app


@asynccontextmanager
async def polling(app: Application[Any, Any, Any, Any, Any, Any]) -> AsyncIterator[None]:
    """Run the application with long polling for the duration of the block."""
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(timeout=5)
    try:
        yield
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()


async def test_start_button_round_trip(standin: StandIn, resident: User) -> None:
    async with polling(build(standin)):
        standin.send_text(resident, "/start")
        welcome = await standin.wait_for_message(resident.id)
        assert welcome.text == "欢迎使用城管小助手"
        update = standin.press_button(resident, welcome, "报修")
        assert update.callback_query is not None
        # The handler answers, then edits: wait for its last step, not for a quiet spell.
        for _ in range(1000):
            current = standin.message(resident.id, welcome.message_id)
            if current is not None and current.reply_markup is None:
                break
            await asyncio.sleep(0.01)
    answer = standin.callback_answer(update.callback_query.id)
    assert answer is not None and answer.text == "好的"
    edited = standin.message(resident.id, welcome.message_id)
    assert edited is not None and edited.text == "你选择了：report" and edited.reply_markup is None


async def test_user_photo_downloads_identical_bytes(
    standin: StandIn, resident: User, jpeg: Any
) -> None:
    picture = jpeg(1024, 768)
    async with polling(build(standin)):
        standin.send_photo(resident, picture, caption="路灯坏了")
        reply = await standin.wait_for_message(resident.id)
    assert reply.text == f"sha256={hashlib.sha256(picture).hexdigest()}"


async def test_redelivered_update_reaches_a_restarted_bot(standin: StandIn, resident: User) -> None:
    first_run = build(standin)
    async with polling(first_run):
        update = standin.send_text(resident, "/start")
        await standin.wait_for_message(resident.id)
    assert standin.pending_updates == []  # confirmed when the updater stopped
    standin.redeliver(update)
    second_run = build(standin)
    async with polling(second_run):
        again = await standin.wait_for_message(resident.id)
    assert again.text == "欢迎使用城管小助手"
    assert second_run.bot_data["starts"] == 1


@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_429_is_retried_by_the_rate_limiter(standin: StandIn, resident: User) -> None:
    standin.fail_next("sendMessage", 429, retry_after=1)
    async with polling(build(standin, rate_limiter=True)):
        standin.send_text(resident, "/start")
        welcome = await standin.wait_for_message(resident.id, timeout=5)
    assert welcome.text == "欢迎使用城管小助手"
    assert [call.error_code for call in standin.calls_to("sendMessage")] == [429, None]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_webhook_delivery_with_secret_and_retries(standin: StandIn, resident: User) -> None:
    app = build(standin)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_webhook(
        listen="127.0.0.1", port=port, url_path="telegram", webhook_url=url, secret_token="s3cret"
    )
    try:
        standin.send_text(resident, "/start")
        assert (await standin.wait_for_message(resident.id)).text == "欢迎使用城管小助手"
        await app.bot.set_webhook(url, secret_token="wrong-secret")  # PTB now answers 403
        standin.send_text(resident, "/start")
        info = await app.bot.get_webhook_info()
        for _ in range(200):  # delivery fails at once; give it a few loop turns
            if info.last_error_message:
                break
            await asyncio.sleep(0.01)
            info = await app.bot.get_webhook_info()
        assert info.last_error_message is not None
        assert "403" in info.last_error_message and info.pending_update_count == 1
        await app.bot.set_webhook(url, secret_token="s3cret")
        assert (await standin.wait_for_message(resident.id)).text == "欢迎使用城管小助手"
        await standin.wait_idle()
        assert standin.pending_updates == []
    finally:
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
