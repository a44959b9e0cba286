"""Benchmark the work-order store at a million tickets (SQLite, and PostgreSQL when there).

    python bench/store.py [--tickets 1000000] [--postgres URL] [--runs 200]

Generates tickets spread over Guangzhou and 8 categories, then times what the bot does
all day: filing one ticket, a page of the open queue (category + overdue), a resident's
own tickets, the nearby duplicate check and the statistics. Each figure comes with a
baseline measured in the same run: the same question asked the naive way (no
denormalised is_open flag, no bounding box), to show what the indexes buy.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select
from store_data import (  # bench/, beside this file
    CATEGORIES,
    LAT,
    LON,
    NOW,
    RESIDENTS,
    generate,
    load,
)

from bot.app import suggester_for
from storage import QueueFilter, Store, load_catalog
from storage.db.engine import create_database, create_engine, drop_database
from storage.tickets import ReportDraft, lookups
from storage.tickets.geo import haversine_m
from storage.tickets.intake import file_report
from storage.tickets.lifecycle import OPEN_STATUSES
from storage.tickets.models import Ticket
from storage.tickets.photos import PhotoStore


async def timed(runs: int, make: Callable[[int], Awaitable[Any]]) -> list[float]:
    """Milliseconds per call of make(i) over `runs` calls (after two warm-up calls)."""
    for i in range(2):
        await make(-1 - i)
    samples = []
    for i in range(runs):
        started = time.perf_counter()
        await make(i)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def summary(samples: list[float]) -> str:
    """Median and p95 of `samples`."""
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(ordered):8.2f} ms   p95 {p95:8.2f} ms"


async def measure(url: str, runs: int, photos: Path) -> list[tuple[str, str, str]]:
    """Run every measurement against the loaded database at `url`."""
    rng = random.Random(11)
    store = Store(
        create_engine(url), catalog=load_catalog(), photos=PhotoStore(photos), clock=lambda: NOW
    )
    triage = suggester_for(store.catalog)
    results: list[tuple[str, str, str]] = []

    async def file_one(i: int) -> None:
        draft = ReportDraft(
            intake_key=f"bench:{os.getpid()}:{i}:{rng.random()}",
            reporter_id=rng.randrange(1, RESIDENTS),
            description="bench",
            latitude=rng.uniform(*LAT),
            longitude=rng.uniform(*LON),
            category=rng.choice(CATEGORIES),
        )
        async with store.unit_of_work() as uow:
            await file_report(uow, draft=draft, suggest=triage)

    async def queue(_: int) -> None:
        filters = QueueFilter(category=rng.choice(CATEGORIES), overdue=True)
        async with store.unit_of_work(read_only=True) as uow:
            page = await lookups.list_queue(uow, filters=filters, limit=50)
        assert len(page.tickets) <= 50

    async def queue_naive(_: int) -> None:
        async with store.reading() as session:
            statement = (
                select(Ticket)
                .where(
                    Ticket.status.in_([s.value for s in OPEN_STATUSES]),
                    Ticket.category == rng.choice(CATEGORIES),
                    Ticket.deadline < NOW,
                )
                .order_by(Ticket.deadline)
                .limit(50)
            )
            list((await session.execute(statement)).scalars())

    async def reporter(_: int) -> None:
        async with store.unit_of_work(read_only=True) as uow:
            await lookups.list_reporter_tickets(uow, reporter_id=rng.randrange(1, RESIDENTS))

    async def nearby(_: int) -> None:
        category, lat, lon = rng.choice(CATEGORIES), rng.uniform(*LAT), rng.uniform(*LON)
        async with store.unit_of_work(read_only=True) as uow:
            await lookups.find_nearby(uow, category=category, latitude=lat, longitude=lon)

    async def nearby_naive(_: int) -> None:
        category, lat, lon = rng.choice(CATEGORIES), rng.uniform(*LAT), rng.uniform(*LON)
        async with store.reading() as session:
            rows = await session.execute(
                select(Ticket.latitude, Ticket.longitude).where(
                    Ticket.category == category,
                    Ticket.is_open.is_(True),
                    Ticket.created_at >= NOW - timedelta(days=30),
                )
            )
            [1 for a, b in rows.all() if haversine_m(lat, lon, a, b) <= 250]

    async def stats_all(_: int) -> None:
        async with store.unit_of_work(read_only=True) as uow:
            await lookups.compute_stats(uow)

    async def stats_month(_: int) -> None:
        async with store.unit_of_work(read_only=True) as uow:
            await lookups.compute_stats(uow, since=NOW - timedelta(days=30))

    try:
        results.append(("file one ticket", summary(await timed(runs, file_one)), ""))
        results.append(
            (
                "queue page (category+overdue, 50)",
                summary(await timed(runs, queue)),
                summary(await timed(max(10, runs // 10), queue_naive)),
            )
        )
        results.append(("reporter's tickets", summary(await timed(runs, reporter)), ""))
        results.append(
            (
                "nearby (250 m, 30 days)",
                summary(await timed(runs, nearby)),
                summary(await timed(max(10, runs // 10), nearby_naive)),
            )
        )
        results.append(
            ("statistics, all time", summary(await timed(max(5, runs // 20), stats_all)), "")
        )
        results.append(
            ("statistics, last 30 days", summary(await timed(max(5, runs // 20), stats_month)), "")
        )
    finally:
        await store.close()
    return results


def report(title: str, load_seconds: float, results: list[tuple[str, str, str]]) -> None:
    """Print one backend's figures."""
    print(f"\n== {title}  (bulk load {load_seconds:.1f} s)")
    for name, ours, baseline in results:
        print(f"  {name:<36} {ours}")
        if baseline:
            print(f"  {'   baseline, naive query':<36} {baseline}")


async def main() -> None:
    """Generate, load and measure on each available backend."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--postgres", default=os.environ.get("CITYBOT_TEST_POSTGRES_URL"))
    parser.add_argument(
        "--sqlite-file", type=Path, help="keep the loaded SQLite database here and reuse it"
    )
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    print(f"generating {args.tickets:,} tickets on {os.cpu_count()} cores ...", flush=True)
    rows, counters = generate(args.tickets)
    with tempfile.TemporaryDirectory() as folder:
        if not args.skip_sqlite:
            path: Path = args.sqlite_file or Path(folder) / "bench.db"
            url = f"sqlite+aiosqlite:///{path}"
            reuse = path.exists()  # noqa: ASYNC240 - a one-off check before loading
            seconds = 0.0 if reuse else await load(url, rows, counters)
            results = await measure(url, args.runs, Path(folder))
            report(f"SQLite {args.tickets:,} tickets", seconds, results)
        if not args.postgres:
            print("\n(PostgreSQL skipped: pass --postgres or set CITYBOT_TEST_POSTGRES_URL)")
            return
        name = f"citybot_bench_{os.getpid()}"
        pg_url = await create_database(args.postgres, name)
        try:
            seconds = await load(pg_url, rows, counters)
            results = await measure(pg_url, args.runs, Path(folder))
            report(f"PostgreSQL {args.tickets:,} tickets", seconds, results)
        finally:
            await drop_database(args.postgres, name)


if __name__ == "__main__":
    asyncio.run(main())
