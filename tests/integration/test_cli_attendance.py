"""`citybot attendance import|export` as an operator runs them: a real process, a real database."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import UTC, datetime
from pathlib import Path

from storage import Role, Store, load_catalog
from storage.attendance import service as attendance
from storage.db.engine import create_engine
from storage.staff import service as staff
from storage.tickets import Actor
from storage.tickets.photos import PhotoStore
from tests.conftest import FakeClock
from tests.integration.store_helpers import ADMIN
from tests.integration.test_cli_tickets import run
from tests.store_calls import read
from tests.store_calls import run as run_in_store

WORKERS = ((3001, "老王"), (3002, "小李"))


def _store(url: str, photos: Path, clock: FakeClock | None = None) -> Store:
    return Store(
        create_engine(url),
        catalog=load_catalog(),
        photos=PhotoStore(photos),
        clock=clock or FakeClock(),
    )


def _roster(url: str, photos: Path) -> None:
    async def go() -> None:
        store = _store(url, photos)
        try:
            for user_id, name in WORKERS:
                await run_in_store(
                    store, staff.add_member, by=ADMIN, user_id=user_id, role=Role.FIELD_WORKER,
                    department="sanitation", display_name=name,
                )  # fmt: skip
        finally:
            await store.close()

    asyncio.run(go())


def test_import_areas_and_shifts_all_or_nothing_then_export_the_day(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'var' / 'citybot.db'}"
    assert run(["db", "upgrade"], tmp_path).returncode == 0
    _roster(url, tmp_path / "photos")
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "user_id,shift,latitude,longitude,radius_m,grid,area_name\n"
        "3001,08:30-17:30,23.129,113.264,300,,\n"
        "3002,8点,,,,,\n"
        "4242,08:00-16:00,,,,,\n"
        "3001,,23.1,113.2,,,\n",
        encoding="utf-8",
    )
    refused = run(["attendance", "import", str(bad)], tmp_path)
    assert refused.returncode == 1
    assert "bad.csv: line 3: a shift is written HH:MM-HH:MM" in refused.stderr
    assert "bad.csv: line 5: latitude, longitude and radius_m must all be numbers" in refused.stderr
    assert "nothing imported: 2 problem(s)" in refused.stderr
    good = tmp_path / "roster.csv"
    good.write_text(
        "\ufeffuser_id,shift,latitude,longitude,radius_m,grid,area_name\n"
        "3001,08:30-17:30,23.129,113.264,300,,\n"
        '3002,22:00-06:00,,,,"23.128,113.263; 23.128,113.266; 23.131,113.266",北京路网格\n'
        "4242,08:00-16:00,,,,,\n",
        encoding="utf-8",
    )
    unknown = run(["attendance", "import", str(good)], tmp_path)
    assert (
        unknown.returncode == 1 and "line 4: user 4242 is not on the staff roster" in unknown.stderr
    )
    good.write_text(
        "\n".join(good.read_text(encoding="utf-8").splitlines()[:3]) + "\n", encoding="utf-8"
    )
    imported = run(["attendance", "import", str(good)], tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == "imported 2 worker(s)"

    async def check_in_and_read() -> tuple[str | None, str | None]:
        clock = FakeClock(datetime(2026, 11, 23, 0, 40, tzinfo=UTC))  # 08:40 local
        store = _store(url, tmp_path / "photos", clock)
        try:
            await run_in_store(
                store, attendance.check_in, by=Actor(3001, Role.FIELD_WORKER), latitude=23.129,
                longitude=113.264, live_period=3600, chat_id=3001, message_id=1,
            )  # fmt: skip
            grid = await read(store, attendance.get_assignment, user_id=3002)
            return (grid.area.name if grid.area else None), (
                grid.shift.label() if grid.shift else None
            )
        finally:
            await store.close()

    assert asyncio.run(check_in_and_read()) == ("北京路网格", "22:00-06:00")
    out = tmp_path / "day.csv"
    exported = run(["attendance", "export", "--date", "2026-11-23", str(out)], tmp_path)
    assert exported.returncode == 0, exported.stderr
    # 小李's shift was imported (today) after that Monday: nobody missed it then.
    assert exported.stdout.strip() == f"wrote 1 worker(s) of 2026-11-23 to {out}"
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    assert rows[0][:3] == ["日期", "人员编号", "姓名"]
    assert [row[2] for row in rows[1:]] == ["老王"]
    assert rows[1][5:9] == ["在岗", "2026-11-23 08:40", "", "10"]
    today = run(["attendance", "export", "-"], tmp_path)
    states = [row[5] for row in csv.reader(io.StringIO(today.stdout.lstrip("\ufeff")))][1:]
    assert states == ["未签到", "未签到"]
    english = run(["attendance", "export", "--date", "2026-11-23", "--lang", "en", "-"], tmp_path)
    assert english.stdout.splitlines()[0].lstrip("\ufeff").startswith("Date,User id,Name")
    wrong = run(["attendance", "export", "--date", "23/11", str(out)], tmp_path)
    assert wrong.returncode == 2 and "--date: '23/11' is not a date like 2026-11-23" in wrong.stderr
