"""Benchmark the 部件 registry at 100,000 assets (SQLite, and PostgreSQL when there).

    python bench/assets.py [--assets 100000] [--runs 300] [--postgres URL]

Imports the assets through the registry's own import (timed), then times what a report
does: the nearest asset of its class within 30 m (a bounding box on ix_assets_near, then
haversine on the few rows left), and the map's window of the dashboard. The baseline, in
the same run, asks the nearest-asset question the naive way: every asset of the class
read, the distance computed for each.
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
from pathlib import Path
from typing import Any

from sqlalchemy import select

from storage import Store, load_catalog
from storage.assets import find_nearest_asset, list_assets, load_asset_classes
from storage.assets.codes import make_code
from storage.assets.models import Asset
from storage.assets.registry import AssetRecord, import_assets
from storage.db.engine import create_database, create_engine, drop_database
from storage.db.migrate import upgrade_engine
from storage.tickets.geo import haversine_m
from storage.tickets.photos import PhotoStore

LAT, LON = (22.95, 23.40), (113.15, 113.55)  # Guangzhou's urban districts, roughly
DIVISIONS = ("440103", "440104", "440105", "440106", "440111", "440112")
SHARES = {"01001": 0.35, "01024": 0.25, "03004": 0.15, "04002": 0.15, "01014": 0.07, "01018": 0.03}
RADIUS_M = 30.0


def generate(count: int, seed: int = 16) -> list[AssetRecord]:
    """`count` assets spread over the city in the classes' shares, numbered per class."""
    rng = random.Random(seed)
    classes, weights = list(SHARES), list(SHARES.values())
    sequence = dict.fromkeys(SHARES, 0)
    records = []
    for _ in range(count):
        kind = rng.choices(classes, weights)[0]
        sequence[kind] += 1
        records.append(
            AssetRecord(
                code=make_code(rng.choice(DIVISIONS), kind, sequence[kind]),
                latitude=rng.uniform(*LAT),
                longitude=rng.uniform(*LON),
                name=f"bench {kind} {sequence[kind]}",
                grid="44011100100101",
            )
        )
    return records


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
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]
    return f"median {statistics.median(ordered):8.3f} ms   p95 {p95:8.3f} ms"


async def measure(url: str, records: list[AssetRecord], runs: int, photos: Path) -> None:
    """Import, then time the nearest-asset search against the full scan, and the window."""
    engine = create_engine(url)
    await upgrade_engine(engine)
    store = Store(engine, catalog=load_catalog(), photos=PhotoStore(photos))
    rng = random.Random(3)
    assert set(SHARES) <= set(load_asset_classes().classes)

    def point(i: int) -> tuple[str, float, float]:
        """Report i's place: half stand within ~20 m of an asset of their class, half
        anywhere (the same i, the same place: both ways answer the same questions)."""
        rng = random.Random(i)
        if i % 2 == 0:
            near = rng.choice(records)
            return near.class_code, near.latitude + rng.uniform(-1.5e-4, 1.5e-4), near.longitude
        return rng.choice(list(SHARES)), rng.uniform(*LAT), rng.uniform(*LON)

    found: dict[int, str | None] = {}
    baseline_found: dict[int, str | None] = {}

    async def nearest(i: int) -> None:
        kind, lat, lon = point(i)
        async with store.unit_of_work(read_only=True) as uow:
            hit = await find_nearest_asset(uow, asset_class=kind, latitude=lat, longitude=lon)
        found[i] = hit.asset.code if hit is not None else None

    async def full_scan(i: int) -> None:
        kind, lat, lon = point(i)
        async with store.reading() as session:
            rows = await session.execute(
                select(Asset.code, Asset.latitude, Asset.longitude).where(
                    Asset.class_code == kind, Asset.status != "removed"
                )
            )
            best = min(
                ((haversine_m(lat, lon, a, b), code) for code, a, b in rows.all()),
                default=None,
            )
        baseline_found[i] = best[1] if best is not None and best[0] <= RADIUS_M else None

    async def window(_: int) -> None:  # about 1 km square: a street's worth of map
        lat, lon = rng.uniform(*LAT), rng.uniform(*LON)
        async with store.unit_of_work(read_only=True) as uow:
            await list_assets(uow, bbox=(lon, lat, lon + 0.01, lat + 0.009))

    try:
        started = time.perf_counter()
        async with store.unit_of_work() as uow:
            counts = await import_assets(uow, records=records)
        took = time.perf_counter() - started
        print(f"  import {counts['added']:,} assets                 {took:8.1f} s", flush=True)
        started = time.perf_counter()
        async with store.unit_of_work() as uow:
            again = await import_assets(uow, records=records)
        took = time.perf_counter() - started
        print(f"  import again ({again['unchanged']:,} unchanged)     {took:8.1f} s", flush=True)
        ours = await timed(runs, nearest)
        naive = await timed(max(20, runs // 10), full_scan)
        speedup = statistics.median(naive) / statistics.median(ours)
        hits = sum(code is not None for i, code in found.items() if i >= 0)
        same = sum(found.get(i) == code for i, code in baseline_found.items())
        print(f"  nearest asset within {RADIUS_M:.0f} m           {summary(ours)}")
        print(f"     baseline, full scan of the class  {summary(naive)}")
        print(f"     the median {speedup:.0f} times faster; an asset found for {hits}/{runs}")
        print(f"     the same answer as the full scan: {same}/{len(baseline_found)}")
        print(f"  map window (~1 km², all classes)     {summary(await timed(runs, window))}")
    finally:
        await store.close()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assets", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--postgres", default=os.environ.get("CITYBOT_TEST_POSTGRES_URL"))
    parser.add_argument("--skip-sqlite", action="store_true")
    args = parser.parse_args()
    records = generate(args.assets)
    with tempfile.TemporaryDirectory() as folder:
        if not args.skip_sqlite:
            print(f"\n== SQLite, {args.assets:,} assets", flush=True)
            await measure(
                f"sqlite+aiosqlite:///{Path(folder) / 'assets.db'}",
                records,
                args.runs,
                Path(folder),
            )
        if not args.postgres:
            print("\n(PostgreSQL skipped: pass --postgres or set CITYBOT_TEST_POSTGRES_URL)")
            return
        name = f"citybot_bench_assets_{os.getpid()}"
        url = await create_database(args.postgres, name)
        try:
            print(f"\n== PostgreSQL, {args.assets:,} assets", flush=True)
            await measure(url, records, args.runs, Path(folder))
        finally:
            await drop_database(args.postgres, name)


if __name__ == "__main__":
    asyncio.run(main())
