"""Benchmark the dashboard's routes over a big ticket table (SQLite, and PostgreSQL when given).

    python bench/web_dashboard.py [--tickets 200000] [--runs 10] [--postgres URL] [--postgres-only]

The tickets of bench/store_data.py (two years over Guangzhou, the recent ones still open)
are bulk-loaded; a member of staff logs in through a one-time link, then each route is
asked `runs` times through the real app (httpx over ASGI, no network): the map's open
tickets (up to 5,000 markers, as JSON), the last 30 days of every status, the KPIs of 12
weeks as JSON and as the PNG chart, and the CSV of the last 30 days. Prints the median and
the slowest time of each, and the size of its answer.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_data import NOW, generate, load

from bot.settings import load_settings
from bot.web.app import build_web_app
from storage import Store, load_catalog
from storage.db.engine import create_database, create_engine, drop_database
from storage.tickets.photos import PhotoStore
from storage.weblogin import service as weblogin

ADMIN = 4001
ROUTES = {
    "map: open tickets": "/dashboard/api/tickets",
    "map: 30 days, all": "/dashboard/api/tickets?status=all&since=2026-10-24",
    "KPIs, 12 weeks (JSON)": "/dashboard/api/kpis?until=2026-11-23",
    "KPIs, 12 weeks (PNG)": "/dashboard/kpis.png?until=2026-11-23",
    "CSV, 30 days": "/dashboard/export.csv?status=all&since=2026-10-24",
}


async def _measure(url: str, count: int, runs: int, folder: Path) -> None:
    rows, counters = generate(count)
    print(f"  loaded {count:,} tickets in {await load(url, rows, counters):.1f} s")
    store = Store(
        create_engine(url),
        catalog=load_catalog(),
        photos=PhotoStore(folder / "photos"),
        clock=lambda: NOW,
    )
    settings = load_settings(telegram_token="1:bench", admin_ids=[ADMIN])
    app = build_web_app(settings, store=store)
    transport = httpx.ASGITransport(app=app)
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            async with store.unit_of_work() as uow:
                token = await weblogin.issue_login_token(uow, user_id=ADMIN)
            page = await client.get("/login", params={"token": token})
            csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
            assert csrf is not None
            logged = await client.post("/login", data={"token": token, "csrf": csrf.group(1)})
            assert logged.status_code == 303
            for name, route in ROUTES.items():
                times, size = [], 0
                for _ in range(runs):
                    started = time.perf_counter()
                    response = await client.get(route)
                    times.append(time.perf_counter() - started)
                    assert response.status_code == 200, response.text
                    size = len(response.content)
                print(
                    f"  {name:24} median {statistics.median(times) * 1000:7.1f} ms, "
                    f"slowest {max(times) * 1000:7.1f} ms, {size / 1024:8.0f} KiB"
                )
    finally:
        await store.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=200_000)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--postgres", default=os.environ.get("CITYBOT_TEST_POSTGRES_URL"))
    parser.add_argument("--postgres-only", action="store_true", help="skip the SQLite run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if not args.postgres_only:
            print(f"SQLite, {args.tickets:,} tickets")
            sqlite = f"sqlite+aiosqlite:///{folder}/bench.db"
            await _measure(sqlite, args.tickets, args.runs, Path(folder))
        if args.postgres:
            name = f"citybot_bench_web_{os.getpid()}"
            url = await create_database(args.postgres, name)
            try:
                print(f"PostgreSQL, {args.tickets:,} tickets")
                await _measure(url, args.tickets, args.runs, Path(folder))
            finally:
                await drop_database(args.postgres, name)


if __name__ == "__main__":
    asyncio.run(main())
