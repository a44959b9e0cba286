"""How fast the bot answers: simulated residents talking to it through the local stand-in.

    python bench/bot_throughput.py [--residents 50] [--messages 20] [--rounds 3] [--postgres URL]

Each resident sends a message, waits for the bot's reply, then sends the next (a closed
loop, as people do). PTB's rate limiter is lifted, since the stand-in has no flood limit
and the point is the bot's own cost. The stand-in and the simulated residents run in a
process of their own, so that the bot's process does nothing but the bot's work, as it
would against Telegram. The same load is first run against a bare PTB Application that
only echoes (the baseline: PTB's own cost), then against citybot with SQLite and, when
given, PostgreSQL, each several rounds. Prints the median replies per second, the reply
latency p50/p95, and the bot process's CPU time per reply (the figure least moved by
whatever else the machine is doing).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import multiprocessing
import os
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from pydantic import SecretStr
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters

from bot.app import build_application, start_application, stop_application
from bot.runtime.database import prepare_database
from bot.runtime.telegram_client import make_bot
from bot.settings import Settings
from bot.standin import StandIn
from storage.db.engine import create_database, drop_database
from storage.db.migrate import upgrade_database

MESSAGES = ["/help", "/start", "/privacy", "/language", "/cancel"]
REPLY_TIMEOUT = 30.0  # seconds: a reply lost for good fails the bench instead of hanging it


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
                if time.perf_counter() - started > REPLY_TIMEOUT:
                    raise TimeoutError(f"no reply to {user.first_name} in {REPLY_TIMEOUT} s")
                await standin.world.changed.wait(5)
            latencies.append((time.perf_counter() - started) * 1000)

    started = time.perf_counter()
    await asyncio.gather(*(resident(i) for i in range(residents)))
    return time.perf_counter() - started, latencies


def serve_load(connection: Connection, residents: int, messages: int) -> None:
    """Stand-in and residents in their own process: address out; "go", figures, "done"."""
    asyncio.run(_serve_load(connection, residents, messages))


async def _serve_load(connection: Connection, residents: int, messages: int) -> None:
    loop = asyncio.get_running_loop()
    async with StandIn() as standin:
        connection.send((standin.url, standin.token))
        if await loop.run_in_executor(None, connection.recv) != "go":
            return  # the bot failed to start: nothing to measure
        connection.send(await drive(standin, residents, messages))
        # Keep answering until the bot has stopped polling.
        await loop.run_in_executor(None, connection.recv)


class LoadProcess:
    """The process that plays Telegram and the residents for one measurement."""

    def __init__(self, residents: int, messages: int) -> None:
        self._connection, child = multiprocessing.get_context("spawn").Pipe()
        self._process = multiprocessing.get_context("spawn").Process(
            target=serve_load, args=(child, residents, messages), daemon=True
        )
        self.url = ""
        self.token = ""

    async def __aenter__(self) -> LoadProcess:
        self._process.start()
        self.url, self.token = await self._receive()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        with contextlib.suppress(OSError):  # the child is gone already: nothing to tell it
            self._connection.send("done")
        await asyncio.get_running_loop().run_in_executor(None, self._process.join, 10)
        if self._process.is_alive():
            self._process.kill()

    async def _receive(self) -> Any:
        return await asyncio.get_running_loop().run_in_executor(None, self._connection.recv)

    async def run(self) -> tuple[float, list[float]]:
        """Start the residents (the bot must be polling) and wait for their figures."""
        self._connection.send("go")
        result: tuple[float, list[float]] = await self._receive()
        return result


@dataclass
class Figures:
    """One round: wall time, the bot process's CPU time, and each reply's latency (ms)."""

    elapsed: float
    cpu: float
    latencies: list[float]


async def measure(load: LoadProcess) -> Figures:
    """Let the residents loose on a bot that is polling, timing the bot's own CPU too."""
    cpu = time.process_time()
    elapsed, latencies = await load.run()
    return Figures(elapsed, time.process_time() - cpu, latencies)


def report(name: str, rounds: list[Figures]) -> None:
    """Print one line: median replies/s over the rounds (and their range), latency, CPU."""
    rates = [len(r.latencies) / r.elapsed for r in rounds]
    ordered = sorted(latency for r in rounds for latency in r.latencies)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    cpu_ms = statistics.median(r.cpu / len(r.latencies) * 1000 for r in rounds)
    print(
        f"  {name:<26} {statistics.median(rates):5.0f} replies/s "
        f"({min(rates):.0f}-{max(rates):.0f})   latency p50 {statistics.median(ordered):5.1f} ms"
        f"  p95 {p95:6.1f} ms   bot CPU {cpu_ms:.2f} ms/reply",
        flush=True,
    )


async def run_echo(residents: int, messages: int) -> Figures:
    """The baseline: PTB with citybot's Telegram client, echoing; concurrent updates on."""
    async with LoadProcess(residents, messages) as load:

        async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
            assert update.effective_message is not None
            await update.effective_message.reply_text(update.effective_message.text or "")

        settings = Settings(telegram_api_url=load.url, _env_file=None)
        bot = make_bot(
            load.token,
            api_root=load.url,
            rate_limit=False,
            connections=settings.bot_api_connections,
        )
        app: Application = ApplicationBuilder().bot(bot).concurrent_updates(64).build()  # type: ignore[type-arg]
        app.add_handler(MessageHandler(filters.TEXT, echo))
        await app.initialize()
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(poll_interval=0, timeout=10)
        try:
            return await measure(load)
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()


async def run_citybot(database_url: str, folder: Path, residents: int, messages: int) -> Figures:
    """citybot itself on `database_url`."""
    async with LoadProcess(residents, messages) as load:
        settings = Settings(
            telegram_token=SecretStr(load.token),
            telegram_api_url=load.url,
            database_url=database_url,
            data_dir=folder,
            index_dir=folder / "index",
            _env_file=None,
        )
        await upgrade_database(database_url)  # what `citybot db upgrade` does
        await prepare_database(settings)
        app = build_application(settings, rate_limit=False)
        await start_application(app)
        # A deployed bot has built its index long before residents write; so does this one.
        assert app.bot_data.services is not None
        await app.bot_data.services.knowledge_base()
        try:
            return await measure(load)
        finally:
            await stop_application(app)


async def on_postgres(url: str, run: Callable[[str], Awaitable[Figures]]) -> Figures:
    """Run `run` on a fresh PostgreSQL database, dropped afterwards."""
    name = f"citybot_botbench_{os.getpid()}"
    database = await create_database(url, name)
    try:
        return await run(database)
    finally:
        await drop_database(url, name)


async def main() -> None:
    """Baseline, then citybot on SQLite and PostgreSQL, each `--rounds` times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--residents", type=int, default=50)
    parser.add_argument("--messages", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--postgres", default=os.environ.get("CITYBOT_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    load = (args.residents, args.messages)
    print(
        f"{args.residents} residents x {args.messages} messages, {args.rounds} rounds, "
        f"{os.cpu_count()} cores; replies/s is the median round"
    )
    report("baseline: PTB echo", [await run_echo(*load) for _ in range(args.rounds)])
    with tempfile.TemporaryDirectory() as tmp:
        folders = [Path(tmp) / f"round{n}" for n in range(args.rounds)]
        sqlite = [
            await run_citybot(f"sqlite+aiosqlite:///{folder}/bot.db", folder, *load)
            for folder in folders
        ]
        report("citybot, SQLite", sqlite)
        if not args.postgres:
            print("  (PostgreSQL skipped: pass --postgres or set CITYBOT_TEST_POSTGRES_URL)")
            return
        postgres = [
            await on_postgres(
                args.postgres,
                lambda url, folder=folder: run_citybot(url, folder / "pg", *load),  # type: ignore[misc]
            )
            for folder in folders
        ]
        report("citybot, PostgreSQL", postgres)


if __name__ == "__main__":
    asyncio.run(main())
