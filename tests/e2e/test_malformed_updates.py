"""Thousands of malformed updates: each dropped with one line, nothing escapes a handler.

The updates come from Hypothesis (tests/e2e/fuzz_updates.py): things Telegram could
send this bot, most of them then broken (fields deleted, wrong types, empty, huge, out
of range). They go through the stand-in to the real Application, long polling as in
production, on SQLite and on PostgreSQL. CITYBOT_FUZZ_UPDATES sets how many (3,000 by
default, under 30 s each) and CITYBOT_FUZZ_SEED draws another set than the fixed one.
"""

from __future__ import annotations

import asyncio
import io
import logging
import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from telegram import Chat, Update

from bot.messages import t
from bot.runtime.screening import problem_in
from bot.standin import StandIn
from bot.standin.state import ChatRecord
from tests.conftest import _truncate_postgres
from tests.e2e.fuzz_updates import PRIVATE, Cast, generate
from tests.e2e.harness import BotHarness
from tests.e2e.test_resilience import errors_recorder

COUNT = int(os.environ.get("CITYBOT_FUZZ_UPDATES", "3000"))
SEED = int(os.environ["CITYBOT_FUZZ_SEED"]) if os.environ.get("CITYBOT_FUZZ_SEED") else None


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (90, 120, 60)).save(out, format="JPEG")
    return out.getvalue()


def _cast(harness: BotHarness) -> Cast:
    standin = harness.standin
    users = [user.to_dict() for user in harness.users.values()]
    other = standin.add_group("随便聊聊", members=list(harness.users.values()))
    photo = [size.to_dict() for size in standin.world.files.add_photo(_jpeg())]
    stored = standin.world.files.add(
        _jpeg(), "documents", extension="jpg", file_name="街道.jpg", mime_type="image/jpeg"
    )
    document = {
        "file_id": stored.file_id,
        "file_unique_id": stored.file_unique_id,
        "file_name": "街道.jpg",
        "mime_type": "image/jpeg",
        "file_size": len(stored.content),
    }
    groups = [harness.staff_group.to_dict(), other.to_dict()]
    return Cast(users, groups, standin.bot_user.to_dict(), photo, document)


def _make_chats_exist(standin: StandIn, updates: list[dict[str, Any]]) -> None:
    # Telegram only sends updates from chats that exist; a broken id that still makes a
    # well-formed update names a chat the stand-in must know, or every reply fails.
    for number, data in enumerate(updates):
        try:
            update = Update.de_json({**data, "update_id": number + 1}, None)
        except Exception:
            continue
        if problem_in(update) is not None:
            continue
        user, chat = update.effective_user, update.effective_chat
        if user is not None and user.id not in standin.world.users:
            standin.add_user(user.id, "访客")
        if chat is None or chat.id in standin.world.chats:
            continue
        if chat.type == Chat.PRIVATE:
            standin.private_chat(standin.world.users[chat.id])
        else:
            standin.world.chats[chat.id] = ChatRecord(Chat(chat.id, chat.type, title="群"))


@pytest.fixture
def e2e_database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """SQLite, or for the test marked postgres the PostgreSQL test database, emptied
    before and after (the session's other tests share it: left behind, this test's ledger
    would make their updates look like redeliveries)."""
    if request.node.get_closest_marker("postgres") is None:
        yield f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
        return
    url: str = request.getfixturevalue("postgres_url")
    asyncio.run(_truncate_postgres(url))
    yield url
    asyncio.run(_truncate_postgres(url))


async def test_malformed_updates_are_dropped_and_nothing_escapes_a_handler(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    await _fuzz(harness, caplog, COUNT)


@pytest.mark.postgres
async def test_malformed_updates_on_postgresql(
    harness: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    # PostgreSQL refuses what SQLite stores (NaN in JSON, say): every update must still be
    # recorded and marked done in its ledger (wait_handled), not just handled.
    await _fuzz(harness, caplog, COUNT)


async def _fuzz(harness: BotHarness, caplog: pytest.LogCaptureFixture, count: int) -> None:
    # Without PTB's flood control: the stand-in sets no limit, and this is about handlers.
    await harness.stop()
    await harness.start(rate_limit=False)
    assert harness.app is not None
    errors: list[BaseException] = []
    harness.app.add_error_handler(errors_recorder(errors))
    updates = generate(_cast(harness), count, seed=SEED)
    _make_chats_exist(harness.standin, updates)
    sent_before = len(harness.standin.sent)
    with caplog.at_level(logging.INFO):
        pushed = [
            harness.standin.push_raw_update(update, check=False)["update_id"] for update in updates
        ]
        await harness.wait_handled(pushed, within=120)

    assert [f"{type(e).__name__}: {e}" for e in errors] == []
    assert [r.getMessage()[:120] for r in caplog.records if r.levelno >= logging.ERROR] == []
    dropped = Counter(
        int(found.group(1))
        for record in caplog.records
        if (found := re.match(r"dropping malformed update (\d+): ", record.getMessage()))
    )
    assert len(dropped) > count // 10, "the fuzz should reach the update checks"
    assert max(dropped.values()) == 1, "one line for each dropped update"
    assert PRIVATE not in caplog.text, "no resident's words in the log"
    answered = len(harness.standin.sent) - sent_before
    assert answered > count // 10, "the well-formed updates should be answered"

    # The bot still serves a newcomer, and the residents who took part.
    newcomer = harness.standin.add_user(1500, "小红", language_code="zh-hans")
    harness.standin.private_chat(newcomer)
    reply = await harness.say(newcomer, "/start")
    assert reply.text == t("start.welcome", "zh", name="，小红")
    resident = harness.users["resident"]
    assert (await harness.say(resident, "/cancel")).text
    assert (await harness.say(resident, "/start")).text
