"""The webhook server: updates from the stand-in answered, malformed requests refused.

The real Application runs without an Updater behind bot/runtime/webhook.py on a free local port;
the stand-in delivers to it as Telegram does (with the secret, retrying failures), and
the tests also post to it directly what Telegram never would.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import signal
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from bot.app import build_application
from bot.context import CityApplication
from bot.runtime.database import prepare_database
from bot.runtime.webhook import (
    MAX_BODY_BYTES,
    SECRET_HEADER,
    WebhookServer,
    serve_webhook,
    webhook_app,
)
from bot.standin import StandIn
from storage.botstate.models import ProcessedUpdate
from tests.e2e.harness import RESIDENT_ID, BotHarness, harness_settings, resident_help

SECRET = "s3cret-Token_1"
PRIVATE = "小明家的门牌号"
"""Stands for what residents write: it must never reach the log."""


@dataclass
class Hook:
    """The bot serving its webhook, and a client to post to it."""

    app: CityApplication
    url: str
    client: httpx.AsyncClient

    async def post(self, body: bytes | object, **headers: str) -> httpx.Response:
        """POST `body` (JSON-encoded unless bytes) with the secret unless headers override."""
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        sent = {"Content-Type": "application/json", SECRET_HEADER: SECRET} | headers
        return await self.client.post(self.url, content=content, headers=sent)

    async def recorded(self, update_id: int) -> bool:
        """Whether the update ledger has `update_id`."""
        assert self.app.bot_data.services is not None
        async with self.app.bot_data.services.store.reading() as session:
            row = await session.execute(
                select(ProcessedUpdate.update_id).where(ProcessedUpdate.update_id == update_id)
            )
            return row.first() is not None


@pytest.fixture
async def hook(harness: BotHarness) -> AsyncIterator[Hook]:
    """The harness's bot, restarted on a webhook (serve_webhook, as `citybot run` does)."""
    await harness.stop()
    await prepare_database(harness.settings)
    app = build_application(harness.settings, polling=False, outbox_interval=0.05)
    harness.app = None  # the harness must not stop it: serve_webhook does
    server = WebhookServer(webhook_app(app, "/telegram", SECRET), "127.0.0.1", 0)
    url = f"http://127.0.0.1:{server.port}/telegram"
    serving = asyncio.create_task(serve_webhook(app, server=server, url=url, secret=SECRET))
    while harness.standin.webhook_url != url:
        assert not serving.done(), serving.exception()
        await asyncio.sleep(0.02)
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            yield Hook(app, url, client)
    finally:
        server.request_stop()
        await serving
        assert not app.running


async def test_the_bot_answers_through_its_webhook(harness: BotHarness, hook: Hook) -> None:
    assert hook.app.updater is None
    resident = harness.users["resident"]
    sent = harness.standin.send_text(resident, "/help")
    reply = await harness.standin.wait_for_message(
        resident.id, lambda m: m.text == resident_help("zh")
    )
    assert reply.text
    assert await hook.recorded(sent.update_id)
    assert harness.standin.pending_updates == []


async def test_a_valid_update_is_recorded_before_the_200(harness: BotHarness, hook: Hook) -> None:
    resident = harness.users["resident"]
    update = {
        "update_id": 900_001,
        "message": {
            "message_id": 77,
            "date": 1_700_000_000,
            "chat": {"id": resident.id, "type": "private", "first_name": "小明"},
            "from": resident.to_dict(),
            "text": "/privacy",
            "entities": [{"type": "bot_command", "offset": 0, "length": 8}],
        },
    }
    response = await hook.post(update)
    assert response.status_code == 200
    assert await hook.recorded(900_001)  # in the ledger when Telegram hears "received"
    answer = await harness.standin.wait_for_message(resident.id)
    again = await hook.post(update)  # Telegram redelivers: accepted, not handled again
    assert again.status_code == 200
    await asyncio.sleep(0.5)
    assert [m for m in harness.sent_to(resident) if m.text == answer.text] == [answer]


BIG = b'{"update_id": 1, "message": {"text": "' + b"x" * MAX_BODY_BYTES + b'"}}'

REFUSED = [
    ("not JSON", b'{"update_id": 5, "message": {"text": "' + PRIVATE.encode() + b'"', {}, 400),
    ("not UTF-8", b'{"update_id": 5, "text": "\xff\xfe"}', {}, 400),
    ("a JSON array", json.dumps([{"update_id": 5, "text": PRIVATE}]).encode(), {}, 400),
    ("a JSON string", json.dumps(PRIVATE).encode(), {}, 400),
    ("no update_id", json.dumps({"message": {"text": PRIVATE}}).encode(), {}, 400),
    ("a text update_id", json.dumps({"update_id": PRIVATE}).encode(), {}, 400),
    ("a boolean update_id", b'{"update_id": true}', {}, 400),
    ("a negative update_id", b'{"update_id": -3}', {}, 400),
    ("a huge update_id", b'{"update_id": 1000000000000000000000}', {}, 400),
    ("NaN", b'{"update_id": 5, "message": {"location": {"latitude": NaN}}}', {}, 400),
    ("an empty body", b"", {}, 400),
    ("a huge body", BIG, {}, 413),
    ("plain text", json.dumps({"update_id": 5}).encode(), {"Content-Type": "text/plain"}, 415),
    ("a wrong secret", json.dumps({"update_id": 5}).encode(), {SECRET_HEADER: "guess"}, 403),
    ("a secret of another bot", b'{"update_id": 5}', {SECRET_HEADER: SECRET + "x"}, 403),
]


def _lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """What an operator would read: warnings and worse, and the web server's own lines."""
    return [
        r
        for r in caplog.records
        if r.levelno >= logging.WARNING or r.name.startswith(("bot.runtime.webhook", "uvicorn"))
    ]


async def test_malformed_requests_are_refused_with_one_line_each(
    harness: BotHarness, hook: Hook, caplog: pytest.LogCaptureFixture
) -> None:
    for name, body, headers, status in REFUSED:
        caplog.clear()
        with caplog.at_level(logging.INFO):
            response = await hook.post(body, **headers)
        assert response.status_code == status, name
        lines = _lines(caplog)
        assert len(lines) == 1, (name, [r.getMessage() for r in lines])
        assert lines[0].levelno == logging.WARNING, name
        assert PRIVATE not in caplog.text and PRIVATE not in response.text, name
    # None of it reached the ledger or the handlers, and the bot goes on as before.
    assert not await hook.recorded(5)
    resident = harness.users["resident"]
    assert (await harness.say(resident, "/help")).text == resident_help("zh")


async def test_missing_secret_huge_stream_and_other_methods(hook: Hook) -> None:
    no_secret = await hook.client.post(
        hook.url, content=b'{"update_id": 5}', headers={"Content-Type": "application/json"}
    )
    assert no_secret.status_code == 403

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: cut off while reading
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b" " * 65536

    streamed = await hook.client.post(
        hook.url,
        content=chunks(),
        headers={"Content-Type": "application/json", SECRET_HEADER: SECRET},
    )
    assert streamed.status_code == 413
    assert (await hook.client.get(hook.url)).status_code == 405
    elsewhere = hook.url.rsplit("/", 1)[0] + "/other"
    assert (await hook.client.post(elsewhere, content=b"{}")).status_code == 404


async def test_a_malformed_update_is_dropped_once_and_the_bot_goes_on(
    harness: BotHarness, hook: Hook, caplog: pytest.LogCaptureFixture
) -> None:
    resident = harness.users["resident"]
    broken = {
        "update_id": 900_010,
        "message": {
            "message_id": 78,
            "date": 1_700_000_000,
            "chat": {"id": [resident.id], "type": "private"},
            "from": resident.to_dict(),
            "text": PRIVATE,
        },
    }
    unreadable = {"update_id": 900_011, "message": {"message_id": 79, "text": PRIVATE}}
    with caplog.at_level(logging.INFO):
        assert (await hook.post(broken)).status_code == 200
        assert (await hook.post(unreadable)).status_code == 200
        assert (await harness.say(resident, "/help")).text == resident_help("zh")
    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert warnings == [
        "dropping malformed update 900010: message.chat.id is not an integer",
        "webhook: skipping update 900011 that this PTB version cannot read",
    ]
    assert PRIVATE not in caplog.text
    assert await hook.recorded(900_010) and await hook.recorded(900_011)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_citybot_run_webhook_serves_refuses_and_stops_cleanly(
    standin: StandIn, tmp_path: Path, harness_index_dir: Path
) -> None:
    resident = standin.add_user(RESIDENT_ID, "小明")
    standin.private_chat(resident)
    group = standin.add_group("城管值班群", members=[])
    settings = harness_settings(
        standin, tmp_path, f"sqlite+aiosqlite:///{tmp_path / 'b.db'}", group
    )
    await prepare_database(settings)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/telegram"
    env = {key: value for key, value in os.environ.items() if not key.startswith("CITYBOT_")} | {
        "CITYBOT_TELEGRAM_TOKEN": standin.token,
        "CITYBOT_TELEGRAM_API_URL": standin.url,
        "CITYBOT_DATABASE_URL": settings.database_url,
        "CITYBOT_DATA_DIR": str(settings.data_dir),
        "CITYBOT_INDEX_DIR": str(harness_index_dir),
        "CITYBOT_STAFF_CHAT_ID": str(group.id),
        "CITYBOT_WEBHOOK_SECRET": SECRET,
    }
    log_path = tmp_path / "bot.log"
    command = ["-c", "from bot.cli import main; main()", "run", "--webhook", url]
    with log_path.open("wb") as log_file:
        bot = await asyncio.create_subprocess_exec(
            sys.executable,
            *command,
            "--port",
            str(port),
            env=env,
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=log_file,
        )
    try:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 60
        while standin.webhook_url != url:
            assert bot.returncode is None, log_path.read_text()
            assert loop.time() < deadline, "the bot did not set its webhook"
            await asyncio.sleep(0.05)
        standin.send_text(resident, "/help")
        reply = await standin.wait_for_message(resident.id, timeout=30)
        assert reply.text == resident_help("zh")
        async with httpx.AsyncClient(timeout=10) as client:
            refused = await client.post(
                url,
                content=b'{"update_id": 3, "message": {"text": "' + PRIVATE.encode(),
                headers={"Content-Type": "application/json", SECRET_HEADER: SECRET},
            )
        assert refused.status_code == 400
    finally:
        bot.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(bot.wait(), 30)
    log = log_path.read_text()
    assert code == 0, log
    assert log.count("webhook: refused a request (400): body is not JSON") == 1
    assert PRIVATE not in log and SECRET not in log
    assert "Traceback" not in log
