"""The sample registry shipped with the bot (storage/cylinders/sample_registry.csv).

SAMPLE DATA, generated here, not the supervision platform's: every code begins with SAMPLE-
and every company's name says 示例, so nobody mistakes it for a real cylinder. It has
cylinders that pass, some overdue, some scrapped and one from a supplier without a licence,
so `citybot cylinders import` and a resident's scan can be tried out at once:

    python -m storage.cylinders.sample > storage/cylinders/sample_registry.csv
"""

from __future__ import annotations

import csv
import io
import random
import sys
from datetime import date, timedelta
from pathlib import Path

SAMPLE_FILE = Path(__file__).with_name("sample_registry.csv")
HEADER = (
    "code",
    "filling_station",
    "supplier",
    "licence_number",
    "last_inspection",
    "next_inspection_due",
    "scrap_date",
)
STATIONS = ("示例白云充装站", "示例番禺充装站", "示例黄埔充装站")
SUPPLIERS = (
    ("示例燃气供应有限公司", "粤2026（示例）0001"),
    ("示例液化气经营部", "粤2026（示例）0002"),
)
AS_OF = date(2026, 12, 1)
"""The sample's own today: its dates are fixed, so the file is the same on every machine."""


def sample_rows(count: int = 40) -> list[tuple[str, ...]]:
    """`count` sample cylinders: most in date, every fifth overdue, every seventh scrapped,
    the last from a supplier without a licence."""
    pick = random.Random(20261201)
    rows: list[tuple[str, ...]] = []
    for number in range(1, count + 1):
        supplier, licence = SUPPLIERS[number % len(SUPPLIERS)]
        last = AS_OF - timedelta(days=pick.randrange(30, 900))
        due = last + timedelta(days=4 * 365)  # 液化石油气钢瓶: inspected every four years
        scrap = ""
        if number % 5 == 0:
            due = AS_OF - timedelta(days=pick.randrange(10, 300))
            last = due - timedelta(days=4 * 365)
        if number % 7 == 0:
            scrap = (AS_OF - timedelta(days=pick.randrange(1, 200))).isoformat()
        if number == count:
            supplier, licence = "示例无证个体户", ""
        rows.append(
            (
                f"SAMPLE-GZ-{number:06d}",
                STATIONS[number % len(STATIONS)],
                supplier,
                licence,
                last.isoformat(),
                due.isoformat(),
                scrap,
            )
        )
    return rows


def sample_csv(count: int = 40) -> str:
    """The sample registry as the platform's CSV export."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(sample_rows(count))
    return out.getvalue()


if __name__ == "__main__":
    sys.stdout.write(sample_csv())
