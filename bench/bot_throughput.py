"""How fast the bot answers: simulated residents talking to it through the local stand-in.

    python bench/bot_throughput.py [--residents 50] [--messages 20] [--postgres URL]

Each resident sends a message, waits for the bot's reply, then sends the next (a closed
loop, as people do). PTB's rate limiter is lifted, since the stand-in has no flood limit
and the point is the bot's own cost. The same load is first run against a bare PTB
Application that only echoes (the baseline: PTB and the stand-in alone), then against
citybot with SQLite and, when given, PostgreSQL. Prints replies per second and the reply
latency p50/p95.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from pydantic import SecretStr
from telegram import Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

from bot.app import build_application, start_application, stop_application
from bot.database import prepare_database
from bot.settings import Settings
from bot.standin import StandIn
from storage.db import create_database, drop_database
from storage.migrate import upgrade_database

MESSAGES = ["/help", "/start", "/privacy", "/language", "/cancel"]


async def drive(standin: StandIn, residents: int, messages: int) -> tuple[float, list[float]]:
    """Run the closed-loop load; returns elapsed seconds and per-reply latencies (ms)."""
    users = [standin.add_user(500_000 + i, f"居民{i}") for i in range(residents)]
    for user in users:
        standin.private_chat(user)
    latencies: list[float] = []

    async def resident(index: int) -> None:
        user = users[index]
        for n in range(messages):
            before = len(standin.messages_to(user.id))
            started = time.perf_counter()
            standin.send_text(user, MESSAGES[(index + n) % len(MESSAGES)])
            while len(standin.messages_to(user.id)) <= before:
                await standin.world.changed.wait(5)
            latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(resident(i) for i in range(residents)))
    return time.perf_counter() - started, latencies


def report(name: str, elapsed: float, latencies: list[float]) -> None:
    """Print one line of figures."""
    ordered = sorted(latencies)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    print(
        f"  {name:<34} {len(latencies) / elapsed:7.0f} replies/s   "
        f"latency p50 {statistics.median(ordered):6.1f} ms   p95 {p95:6.1f} ms",
        flush=True,
    )


async def run_echo(residents: int, messages: int) -> None:
    """The baseline: a bare PTB Application that echoes, concurrent updates on."""
    async with StandIn() as standin:

        async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            assert update.effective_message is not None
            await update.effective_message.reply_text(update.effective_message.text or "")

        app: Application = standin.application_builder().concurrent_updates(64).build()  # type: ignore[type-arg]
        app.add_handler(MessageHandler(filters.TEXT, echo))
        await app.initialize()
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=10)
        try:
            report("baseline: bare PTB echo", *await drive(standin, residents, messages))
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()


async def run_citybot(
    name: str, database_url: str, folder: Path, residents: int, messages: int
) -> None:
    """citybot itself on `database_url`."""
    async with StandIn() as standin:
        settings = Settings(
            telegram_token=SecretStr(standin.token),
            telegram_api_url=standin.url,  # type: ignore[arg-type]
            database_url=database_url,
            data_dir=folder,
            index_dir=folder / "index",
            _env_file=None,  # type: ignore[call-arg]
        )
        await upgrade_database(database_url)  # what `citybot db upgrade` does
        await prepare_database(settings)
        app = build_application(settings, rate_limit=False)
        await start_application(app)
        try:
            report(name, *await drive(standin, residents, messages))
        finally:
            await stop_application(app)


async def with_postgres(url: str, run: Callable[[str], Awaitable[None]]) -> None:
    """Run `run` on a fresh PostgreSQL database, dropped afterwards."""
    name = f"citybot_botbench_{os.getpid()}"
    database = await create_database(url, name)
    try:
        await run(database)
    finally:
        await drop_database(url, name)


async def main() -> None:
    """Baseline, then citybot on SQLite and PostgreSQL."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=50)
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--postgres", default=os.environ.get("CITYBOT_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    print(f"{args.residents} residents x {args.messages} messages, {os.cpu_count()} cores")
    await run_echo(args.residents, args.messages)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        await run_citybot(
            "citybot, SQLite",
            f"sqlite+aiosqlite:///{folder}/bot.db",
            folder,
            args.residents,
            args.messages,
        )
        if args.postgres:
            await with_postgres(
                args.postgres,
                lambda url: run_citybot(
                    "citybot, PostgreSQL", url, folder / "pg", args.residents, args.messages
                ),
            )
        else:
            print("  (PostgreSQL skipped: pass --postgres or set CITYBOT_TEST_POSTGRES_URL)")


if __name__ == "__main__":
    asyncio.run(main())
