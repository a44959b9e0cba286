"""Fixtures for the stand-in's own tests: a running stand-in, a real PTB Bot, users, JPEGs."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Callable

import pytest
from PIL import Image
from telegram import Bot, User

from bot.standin import StandIn


def make_jpeg(
    width: int = 640, height: int = 480, color: tuple[int, int, int] = (200, 30, 30)
) -> bytes:
    """Real JPEG bytes made with Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), color).save(buffer, format="JPEG", quality=90)
    return buffer.getvalue()


@pytest.fixture
def jpeg() -> Callable[..., bytes]:
    """A factory of real JPEG bytes."""
    return make_jpeg


@pytest.fixture
async def standin() -> AsyncIterator[StandIn]:
    """A running stand-in on a free loopback port."""
    async with StandIn() as server:
        yield server


@pytest.fixture
async def bot(standin: StandIn) -> AsyncIterator[Bot]:
    """A real, initialised telegram.Bot talking HTTP to the stand-in."""
    async with standin.make_bot() as client:
        yield client


@pytest.fixture
def resident(standin: StandIn) -> User:
    """A resident with a private chat with the bot."""
    user = standin.add_user(1001, "小明", username="xiaoming")
    standin.private_chat(user)
    return user
