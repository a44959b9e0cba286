"""The million tickets bench/store.py measures: generated over Guangzhou, loaded in bulk."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text

from storage import load_catalog
from storage.db.engine import create_engine
from storage.db.migrate import upgrade_engine

CATEGORIES = [
    "sanitation",
    "greening",
    "street_order",
    "facilities",
    "gas",
    "illegal_construction",
    "sanitation_fees",
    "other",
]
HOURS = {
    "sanitation": 24,
    "greening": 48,
    "street_order": 24,
    "facilities": 48,
    "gas": 2,
    "illegal_construction": 21 * 24,
    "sanitation_fees": 5 * 24,
    "other": 72,
}
LAT, LON = (22.95, 23.45), (113.10, 113.60)  # about 55 km x 51 km: Guangzhou's core districts
NOW = datetime(2026, 11, 23, 4, 0, tzinfo=UTC)
RESIDENTS = 200_000
COLUMNS = (
    "number",
    "category",
    "description",
    "latitude",
    "longitude",
    "reporter_id",
    "reporter_language",
    "priority",
    "department",
    "status",
    "is_open",
    "deadline",
    "created_at",
    "updated_at",
    "resolved_at",
    "closed_at",
    "close_seconds",
    "resolved_late",
    "also_reported_count",
    "extension_count",
    "rating",
    "alert_stage",
)


def generate(count: int, seed: int = 7) -> tuple[list[tuple[Any, ...]], dict[str, int]]:
    """Rows for `count` tickets over the two years before NOW, and the last number per day."""
    rng = random.Random(seed)
    catalog = load_catalog()
    open_states = ["submitted", "accepted", "dispatched", "in_progress", "resolved"]
    rows: list[tuple[Any, ...]] = []
    counters: dict[str, int] = {}
    span = 730 * 86400
    for _ in range(count):
        created = NOW - timedelta(seconds=rng.random() ** 0.7 * span)  # more recent ones
        category = rng.choice(CATEGORIES)
        deadline = created + timedelta(hours=HOURS[category])
        age_days = (NOW - created).days
        roll = rng.random()
        if (age_days < 20 and roll < 0.5) or roll < 0.03:
            status = rng.choice(open_states)
        elif roll < 0.05:
            status = "rejected"
        elif roll < 0.06:
            status = "duplicate"
        else:
            status = "closed"
        is_open = status in open_states
        closed = status == "closed"
        took = timedelta(hours=rng.expovariate(1 / (HOURS[category] * 0.6)))
        resolved_at = created + took if closed or status == "resolved" else None
        day = created.astimezone(catalog.timezone).strftime("%Y%m%d")
        counters[day] = counters.get(day, 0) + 1
        rows.append(
            (
                f"CG-{day}-{counters[day]:04d}",
                category,
                "generated",
                rng.uniform(*LAT),
                rng.uniform(*LON),
                rng.randrange(1, RESIDENTS),
                "zh",
                "normal",
                catalog.get(category).department,
                status,
                is_open,
                deadline,
                created,
                resolved_at or created,
                resolved_at,
                resolved_at if closed else None,
                took.total_seconds() if closed else None,
                (resolved_at > deadline) if resolved_at else None,
                0,
                0,
                rng.randint(1, 5) if closed and rng.random() < 0.6 else None,
                0,
            )
        )
    return rows, counters


async def load(url: str, rows: list[tuple[Any, ...]], counters: dict[str, int]) -> float:
    """Create the schema and bulk-load the rows; returns seconds taken."""
    started = time.perf_counter()
    engine = create_engine(url)
    await upgrade_engine(engine)
    naive = [
        tuple(v.replace(tzinfo=None) if isinstance(v, datetime) else v for v in row) for row in rows
    ]
    if engine.dialect.name == "postgresql":
        async with engine.connect() as connection:
            raw = await connection.get_raw_connection()
            driver = raw.driver_connection
            await driver.copy_records_to_table("tickets", records=naive, columns=list(COLUMNS))
            await driver.copy_records_to_table(
                "daily_counters", records=list(counters.items()), columns=["day", "last_value"]
            )
            await connection.commit()
        # What autovacuum does soon after a bulk load; it enables index-only scans.
        async with engine.connect() as connection:
            autocommit = await connection.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.execute(text("VACUUM ANALYZE"))
    else:
        placeholders = ", ".join("?" for _ in COLUMNS)
        async with engine.connect() as connection:
            raw = await connection.get_raw_connection()
            driver = raw.driver_connection
            await driver.executemany(
                f"INSERT INTO tickets ({', '.join(COLUMNS)}) VALUES ({placeholders})",
                [
                    tuple(v.isoformat(sep=" ") if isinstance(v, datetime) else v for v in row)
                    for row in naive
                ],
            )
            await driver.executemany(
                "INSERT INTO daily_counters VALUES (?, ?)", list(counters.items())
            )
            await driver.commit()
            await driver.execute("ANALYZE")
            await driver.commit()
    await engine.dispose()
    return time.perf_counter() - started
