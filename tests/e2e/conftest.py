"""End-to-end fixtures: the stand-in, its users and groups, and the bot running against it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.standin import StandIn
from tests.e2e.harness import (
    ADMIN_ID,
    DISPATCHER_ID,
    NEIGHBOUR_ID,
    RESIDENT_ID,
    WORKER_ID,
    BotHarness,
    harness_settings,
)


@pytest.fixture
async def standin() -> AsyncIterator[StandIn]:
    async with StandIn() as server:
        yield server


@pytest.fixture
def e2e_database_url(tmp_path: Path) -> str:
    """SQLite for the end-to-end tests (PostgreSQL ones ask for postgres_url)."""
    return f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"


@pytest.fixture
def harness_index_dir(tmp_path: Path) -> Path:
    """Where the bot keeps its policy index (resident tests fill it with a prebuilt copy)."""
    return tmp_path / "index"


@pytest.fixture
async def harness(
    standin: StandIn, tmp_path: Path, e2e_database_url: str, harness_index_dir: Path
) -> AsyncIterator[BotHarness]:
    users = {
        "resident": standin.add_user(RESIDENT_ID, "小明", language_code="zh-hans"),
        "neighbour": standin.add_user(NEIGHBOUR_ID, "Alice", language_code="en"),
        "admin": standin.add_user(ADMIN_ID, "管理员"),
        "dispatcher": standin.add_user(DISPATCHER_ID, "调度员"),
        "worker": standin.add_user(WORKER_ID, "老王"),
    }
    for user in users.values():
        standin.private_chat(user)
    group = standin.add_group(
        "城管值班群", members=[users["worker"]], admins=[users["admin"], users["dispatcher"]]
    )
    bot = BotHarness(
        standin, harness_settings(standin, tmp_path, e2e_database_url, group), group, users=users
    )
    await bot.start()
    try:
        yield bot
    finally:
        await bot.stop()
