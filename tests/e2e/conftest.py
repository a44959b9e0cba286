"""End-to-end fixtures: the stand-in, its users and groups, and the bot running against it."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.standin import StandIn
from knowledge.base import KnowledgeBase
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
def e2e_database_url(tmp_path: Path, sqlite_template: Path) -> str:
    """SQLite for the end-to-end tests (PostgreSQL ones ask for postgres_url): a copy of
    the session's migrated file, which the bot's start finds at the head revision (the
    kill -9 walk and the console start on an empty file, and migrate it as a user's does)."""
    path = tmp_path / "bot.db"
    shutil.copy(sqlite_template, path)
    return f"sqlite+aiosqlite:///{path}"


@pytest.fixture(scope="session")
def built_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped corpus indexed once per session (building takes seconds)."""
    folder = tmp_path_factory.mktemp("index")
    KnowledgeBase.open(index_dir=folder)
    return folder


@pytest.fixture(autouse=True)
def harness_index_dir(tmp_path: Path, built_index: Path) -> Path:
    """The bot's own copy of the prebuilt index (chromadb writes to its folder); every
    bot built by these tests (harness_settings) uses tmp_path / "index"."""
    folder = tmp_path / "index"
    shutil.copytree(built_index, folder, dirs_exist_ok=True)
    return folder


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
