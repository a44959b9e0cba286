"""Nothing a user sends crashes a handler; a database outage gets a clear reply and heals."""

from __future__ import annotations

import logging
import random
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.context import CityContext
from bot.messages import t
from bot.standin import StandIn
from storage.db.engine import create_engine
from tests.e2e.harness import BotHarness, resident_help

RANDOM_GROUP = -100555
FUZZ_UPDATES = int(__import__("os").environ.get("FUZZ_UPDATES", "1000"))


def _random_text(rng: random.Random) -> str:
    choices = [
        "/" + "".join(rng.choices("abcxyz_", k=rng.randint(1, 20))),
        "/start@someone_else_bot",
        "🔥" * rng.randint(1, 50),
        "A" * 4096,
        "煤气罐能放地下室吗" * rng.randint(1, 5),
        "<b>not html</b> & <i>",
        "\u202e\u200b\u0000weird",
        "/cancel extra words",
        "/forget_me",
        "/language now",
    ]
    return rng.choice(choices)


def random_update(
    rng: random.Random, user: dict[str, Any], chat: dict[str, Any], mid: int
) -> dict[str, Any]:
    """A Telegram-shaped update with odd content: the kinds a bot must survive."""
    base = {"message_id": mid, "date": 1_700_000_000, "chat": chat, "from": user}
    kind = rng.randrange(14)
    if kind == 0:
        return {"message": {**base, "text": _random_text(rng)}}
    if kind == 1:
        return {"edited_message": {**base, "text": "edited", "edit_date": 1_700_000_100}}
    if kind == 2:
        channel = {"id": -100777, "type": "channel", "title": "news"}
        return {"channel_post": {"message_id": mid, "date": 1, "chat": channel, "text": "post"}}
    if kind == 3:
        data = rng.choice(["lang:xx", "forget:maybe", "x" * 64, "", "lang:", "unknown:1:2:3", "🙂"])
        message = {**base, "from": {"id": 1, "is_bot": True, "first_name": "bot"}, "text": "old"}
        return {
            "callback_query": {
                "id": str(mid),
                "from": user,
                "chat_instance": "c",
                "data": data,
                "message": message,
            }
        }
    if kind == 4:
        sticker = {
            "file_id": f"s{mid}",
            "file_unique_id": f"su{mid}",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
        }
        return {"message": {**base, "sticker": sticker}}
    if kind == 5:
        return {
            "message": {**base, "voice": {"file_id": "v", "file_unique_id": "vu", "duration": 3}}
        }
    if kind == 6:
        return {"message": {**base, "contact": {"phone_number": "+8620", "first_name": "张"}}}
    if kind == 7:
        poll = {
            "id": f"p{mid}",
            "question": "?",
            "options": [{"text": "a", "voter_count": 0}, {"text": "b", "voter_count": 0}],
            "total_voter_count": 0,
            "is_closed": False,
            "is_anonymous": True,
            "type": "regular",
            "allows_multiple_answers": False,
        }
        return {"message": {**base, "poll": poll}}
    if kind == 8:
        return {
            "message": {
                **base,
                "location": {"latitude": rng.uniform(-90, 90), "longitude": rng.uniform(-180, 180)},
            }
        }
    if kind == 9:
        return {
            "message": {
                **base,
                "video": {
                    "file_id": "vid",
                    "file_unique_id": "vu",
                    "width": 1,
                    "height": 1,
                    "duration": 1,
                },
            }
        }
    if kind == 10:
        group = {"id": RANDOM_GROUP, "type": "supergroup", "title": "random group"}
        member = {"user": {"id": 1, "is_bot": True, "first_name": "bot"}}
        return {
            "my_chat_member": {
                "chat": group,
                "from": user,
                "date": 1,
                "old_chat_member": {**member, "status": "left"},
                "new_chat_member": {**member, "status": "member"},
            }
        }
    if kind == 11:
        group = {"id": RANDOM_GROUP, "type": "supergroup", "title": "random group"}
        return {"message": {**base, "chat": group, "text": _random_text(rng)}}
    if kind == 12:
        return {"message": {**base, "dice": {"emoji": "🎲", "value": 3}}}
    return {"poll_answer": {"poll_id": f"unknown{mid}", "user": user, "option_ids": [0]}}


def errors_recorder(recorded: list[BaseException]) -> Any:
    """An error handler that keeps what reached it."""

    async def record(update: object, context: CityContext) -> None:
        if context.error is not None:
            recorded.append(context.error)

    return record


@pytest.fixture
def errors(harness: BotHarness) -> list[BaseException]:
    recorded: list[BaseException] = []
    assert harness.app is not None
    harness.app.add_error_handler(errors_recorder(recorded))
    return recorded


async def test_a_thousand_odd_updates_raise_nothing(
    harness: BotHarness, errors: list[BaseException], caplog: pytest.LogCaptureFixture
) -> None:
    # Without PTB's flood control (which holds a group to 20 messages a minute, as
    # Telegram does): the stand-in has no limit, and this test is about the handlers.
    await harness.stop()
    await harness.start(rate_limit=False)
    assert harness.app is not None
    harness.app.add_error_handler(errors_recorder(errors))
    rng = random.Random(20261124)
    resident = harness.users["resident"]
    group = harness.standin.add_group("random group", members=[resident])
    global RANDOM_GROUP
    RANDOM_GROUP = group.id
    user = {"id": resident.id, "is_bot": False, "first_name": "小明", "language_code": "zh-hans"}
    chat = {"id": resident.id, "type": "private", "first_name": "小明"}
    pushed = []
    for number in range(FUZZ_UPDATES):
        # check=False: some of these (a poll_answer of an older API shape) PTB cannot parse
        # at all; the bot must step over them instead of stalling on the batch.
        update = random_update(rng, user, chat, 100_000 + number)
        pushed.append(harness.standin.push_raw_update(update, check=False)["update_id"])
    await harness.wait_handled(pushed)
    assert errors == []
    skipped = [r for r in caplog.records if "cannot read" in r.getMessage()]
    assert skipped, "the fuzz should include updates this PTB version cannot parse"
    # Nothing logged a whole batch (residents' messages) or anything else as critical.
    assert [r.getMessage()[:80] for r in caplog.records if r.levelno >= logging.CRITICAL] == []
    harness.standin.send_text(resident, "/help")
    help_text = resident_help("zh")
    await harness.standin.wait_for_message(resident.id, lambda m: m.text == help_text, timeout=60)


async def test_unsupported_messages_get_a_clear_reply(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    before = len(harness.sent_to(resident))
    harness.standin.send_sticker(resident)
    reply = await harness.next_reply(resident.id, before)
    assert reply.text == t("unsupported.kind", "zh", kind=t("kind.sticker", "zh"))


async def test_unknown_command_and_long_message(harness: BotHarness) -> None:
    resident = harness.users["resident"]
    assert (await harness.say(resident, "/teleport")).text == t("unknown.command", "zh")
    reply = await harness.say(resident, "脏" * 4096)
    assert reply.text


async def test_edited_messages_and_channel_posts_are_ignored(
    harness: BotHarness, errors: list[BaseException]
) -> None:
    resident = harness.users["resident"]
    sent = harness.standin.send_text(resident, "/help")
    await harness.settle()
    count = len(harness.sent_to(resident))
    assert sent.message is not None
    harness.standin.edit_message(resident, sent.message, "/privacy")
    await harness.settle()
    assert len(harness.sent_to(resident)) == count
    assert errors == []


async def _set_connections(url: str, allowed: bool) -> None:
    name = make_url(url).database
    server = make_url(url).set(database="postgres").render_as_string(hide_password=False)
    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(
                text(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS {str(allowed).lower()}')
            )
            if not allowed:
                await connection.execute(
                    text(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = :name AND pid <> pg_backend_pid()"
                    ),
                    {"name": name},
                )
    finally:
        await engine.dispose()


@pytest.fixture
async def pg_harness(
    standin: StandIn, tmp_path: Path, postgres_url: str
) -> AsyncIterator[BotHarness]:
    from tests.conftest import _truncate_postgres
    from tests.e2e.harness import harness_settings

    # the session's database: empty it of what earlier tests filed for this resident
    await _truncate_postgres(postgres_url)
    resident = standin.add_user(1001, "小明")
    standin.private_chat(resident)
    group = standin.add_group("值班群", members=[])
    bot = BotHarness(
        standin,
        harness_settings(standin, tmp_path, postgres_url, group),
        group,
        users={"resident": resident},
    )
    await bot.start()
    try:
        yield bot
    finally:
        await _set_connections(postgres_url, True)
        await bot.stop()


async def test_database_outage_gets_a_clear_reply_and_heals(
    pg_harness: BotHarness, postgres_url: str
) -> None:
    resident = pg_harness.users["resident"]
    pg_harness.standin.send_text(resident, "/forget_me")
    # the question itself, not some other news that happens to come first
    question = await pg_harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("forget.confirm", "zh"), timeout=15
    )
    await _set_connections(postgres_url, False)
    pg_harness.standin.press_button(resident, question, t("forget.yes", "zh"))
    told = await pg_harness.standin.wait_for_message(
        resident.id, lambda m: m.text == t("error.database", "zh"), timeout=15
    )
    assert told.text
    await _set_connections(postgres_url, True)
    pg_harness.standin.press_button(resident, question, t("forget.yes", "zh"))
    done = t("forget.done", "zh", tickets=0, follows=0)
    await pg_harness.eventually(
        lambda: pg_harness.edited_text(resident.id, question.message_id) == done
    )
