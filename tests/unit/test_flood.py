"""Telegram's 429s pause the chat they concern, or every chat when the bot is limited; an
owed send gets its 429 back at once, a direct reply is retried as configured."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from telegram.error import RetryAfter

from bot.runtime.flood import BOT_WIDE_SPREAD, FloodGate
from bot.runtime.rate_limit import OWED_SEND, CityRateLimiter

# PTB 22 warns about RetryAfter.retry_after becoming a timedelta whenever it builds one.
pytestmark = pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_group_429_pauses_that_group_only() -> None:
    clock = Clock()
    gate = FloodGate(clock)
    for group in (-1001, -1002, -1003, -1004):
        gate.hit(group, 30)
    assert gate.wait(-1001) == 30 and gate.wait(-1005) == 0 and gate.wait(42) == 0
    clock.now += 31
    assert gate.wait(-1001) == 0 and gate.paused_chats() == set()


def test_one_private_429_pauses_that_chat_and_several_at_once_pause_everything() -> None:
    clock = Clock()
    gate = FloodGate(clock)
    gate.hit(1, 2)
    assert gate.wait(1) == 2 and gate.wait(2) == 0 and gate.wait_everything() == 0
    for chat in range(2, BOT_WIDE_SPREAD + 1):
        gate.hit(chat, 5)
    assert gate.wait_everything() == 5 and gate.wait(-1001) == 5 and gate.wait(99) == 5
    assert gate.paused_chats() == set(range(1, BOT_WIDE_SPREAD + 1))


def test_private_429s_spread_over_time_do_not_pause_everything() -> None:
    clock = Clock()
    gate = FloodGate(clock)
    for chat in range(1, 10):
        gate.hit(chat, 1)
        clock.now += 2
    assert gate.wait_everything() == 0


def _flooding(calls: list[float]) -> Any:
    async def callback(*args: Any, **kwargs: Any) -> bool:
        calls.append(asyncio.get_running_loop().time())
        raise RetryAfter(1)

    return callback


async def test_an_owed_send_gets_its_429_at_once_while_a_direct_reply_is_retried() -> None:
    limiter = CityRateLimiter(max_retries=1)
    owed: list[float] = []
    with pytest.raises(RetryAfter):
        await limiter.process_request(
            _flooding(owed), (), {}, "sendMessage", {"chat_id": 5}, OWED_SEND
        )
    assert len(owed) == 1
    direct: list[float] = []
    with pytest.raises(RetryAfter):
        await limiter.process_request(
            _flooding(direct), (), {}, "sendMessage", {"chat_id": -100}, None
        )
    assert len(direct) == 2 and direct[1] - direct[0] >= 1.0


async def test_an_owed_send_is_paced_like_any_other() -> None:
    limiter = CityRateLimiter(overall_max_rate=1, overall_time_period=1)
    sent: list[float] = []

    async def callback(*args: Any, **kwargs: Any) -> bool:
        sent.append(asyncio.get_running_loop().time())
        return True

    for _ in range(3):
        await limiter.process_request(callback, (), {}, "sendMessage", {"chat_id": 5}, OWED_SEND)
    assert sent[-1] - sent[0] >= 1.5
