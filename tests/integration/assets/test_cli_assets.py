"""`citybot assets import|export FILE` as an operator runs them: a real process, real CSV and
GeoJSON files, a real database. Import refuses a file with any unfit record, naming each by
its line; it is idempotent on the code and updates a record whose fields changed; export
writes what import reads back unchanged."""

from __future__ import annotations

import asyncio
import csv
import json
from pathlib import Path

import pytest

from storage import Store, load_catalog
from storage.assets.files import COLUMNS
from storage.db.engine import create_engine
from storage.tickets.photos import PhotoStore
from tests.conftest import FakeClock
from tests.integration.store_helpers import file
from tests.integration.test_cli_tickets import run

COVER = {
    "code": "44011101001000001",
    "class": "01001",
    "name": "同和路井盖001",
    "department": "白云区市政设施管养所",
    "grid": "4401110170010101",
    "status": "完好",
    "latitude": "23.19",
    "longitude": "113.32",
    "address": "广州市白云区同和街同和路",
    "installed_on": "2019-06-01",
}
LIGHT = {"code": "44011101024000001", "name": "同和路路灯001", "latitude": "23.1901",
         "longitude": "113.3201", "status": "破损"}  # fmt: skip


def _csv(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(COLUMNS))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _feature(row: dict[str, str]) -> dict[str, object]:
    properties = {k: v for k, v in row.items() if k not in ("latitude", "longitude")}
    point = [float(row["longitude"]), float(row["latitude"])]
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": point},
            "properties": properties}  # fmt: skip


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    upgraded = run(["db", "upgrade"], tmp_path)
    assert upgraded.returncode == 0, upgraded.stderr
    return tmp_path


def _exported(workdir: Path) -> dict[str, dict[str, str]]:
    done = run(["assets", "export", "out.csv"], workdir)
    assert done.returncode == 0, done.stderr
    with (workdir / "out.csv").open(encoding="utf-8-sig", newline="") as file:
        return {row["code"]: row for row in csv.DictReader(file)}


def test_a_csv_imports_once_and_a_changed_record_updates_by_its_code(workdir: Path) -> None:
    _csv(workdir / "assets.csv", [COVER, LIGHT])
    first = run(["assets", "import", "assets.csv"], workdir)
    assert first.returncode == 0, first.stderr
    assert "2 added, 0 changed, 0 unchanged" in first.stdout
    again = run(["assets", "import", "assets.csv"], workdir)
    assert "0 added, 0 changed, 2 unchanged" in again.stdout
    _csv(workdir / "assets.csv", [{**COVER, "status": "丢失", "changed_on": "2026-11-30"}, LIGHT])
    changed = run(["assets", "import", "assets.csv"], workdir)
    assert "0 added, 1 changed, 1 unchanged" in changed.stdout
    rows = _exported(workdir)
    assert rows[COVER["code"]]["status"] == "丢失"
    assert rows[COVER["code"]]["changed_on"] == "2026-11-30"
    assert rows[COVER["code"]]["class_name"] == "井盖"
    assert rows[LIGHT["code"]]["status"] == "破损"
    assert rows[LIGHT["code"]]["class"] == "01024"


def test_a_csv_with_unfit_rows_names_each_by_line_and_imports_nothing(workdir: Path) -> None:
    rows = [
        COVER,
        {**LIGHT, "code": "4401110102400001"},  # line 3: 16 digits
        {**LIGHT, "code": "44011101024000002", "latitude": "north"},  # line 4
        {**LIGHT, "code": "44011101024000003", "status": "坏了"},  # line 5
        {**LIGHT, "code": "44011101024000004", "class": "井盖"},  # line 6: not the code's class
        {**COVER},  # line 7: the code of line 2 again
        {**LIGHT, "code": "44011101999000001"},  # line 8: no such class
    ]
    _csv(workdir / "bad.csv", rows)
    done = run(["assets", "import", "bad.csv"], workdir)
    assert done.returncode == 1
    problems = [line for line in done.stderr.splitlines() if ": line " in line]
    assert [p.split(": ")[1] for p in problems] == [f"line {n}" for n in range(3, 9)]
    assert "17 digits" in problems[0] and "latitude" in problems[1]
    assert "status" in problems[2] and "class" in problems[3]
    assert "also on line 2" in problems[4] and "01999" in problems[5]
    assert "nothing imported (6 problems)" in done.stderr
    assert _exported(workdir) == {}


def test_a_geojson_imports_and_its_unfit_features_are_named_by_line(workdir: Path) -> None:
    good = {"type": "FeatureCollection", "features": [_feature(COVER), _feature(LIGHT)]}
    (workdir / "good.geojson").write_text(json.dumps(good, ensure_ascii=False, indent=2), "utf-8")
    done = run(["assets", "import", "good.geojson"], workdir)
    assert "2 added, 0 changed, 0 unchanged" in done.stdout, done.stderr
    assert float(_exported(workdir)[LIGHT["code"]]["longitude"]) == 113.3201
    line = {"type": "Feature", "geometry": {"type": "LineString", "coordinates": [[1, 2], [3, 4]]},
            "properties": {"code": "44011101001000009"}}  # fmt: skip
    bad = [_feature(COVER), line, _feature({**LIGHT, "code": "44011101024000000"})]
    text = '{"type": "FeatureCollection",\n "features": [\n'
    text += ",\n".join(json.dumps(f, ensure_ascii=False) for f in bad) + "\n]}\n"
    (workdir / "bad.geojson").write_text(text, "utf-8")
    refused = run(["assets", "import", "bad.geojson"], workdir)
    assert refused.returncode == 1
    problems = [line for line in refused.stderr.splitlines() if ": line " in line]
    assert [p.split(": ")[1] for p in problems] == ["line 4", "line 5"]
    assert "Point" in problems[0] and "000000" in problems[1]
    broken = run(["assets", "import", "good.geojson"], workdir)
    assert "0 added, 0 changed, 2 unchanged" in broken.stdout
    (workdir / "broken.geojson").write_text('{"features": [\n{"type": }', "utf-8")
    garbled = run(["assets", "import", "broken.geojson"], workdir)
    assert garbled.returncode == 1 and "line 2: not JSON" in garbled.stderr


@pytest.mark.parametrize("name", ["round.csv", "round.geojson"])
def test_an_export_imports_back_unchanged(workdir: Path, name: str) -> None:
    sample = run(["assets", "sample"], workdir)
    assert sample.returncode == 0 and " added, 0 changed" in sample.stdout, sample.stderr
    count = int(sample.stdout.split(": ")[1].split(" added")[0])
    exported = run(["assets", "export", name], workdir)
    assert exported.stdout.strip() == f"{name}: {count} assets", exported.stderr
    back = run(["assets", "import", name], workdir)
    assert back.stdout.strip() == f"{name}: 0 added, 0 changed, {count} unchanged"


def test_a_file_of_another_kind_is_refused_with_one_line(workdir: Path) -> None:
    (workdir / "assets.xlsx").write_bytes(b"PK")
    done = run(["assets", "import", "assets.xlsx"], workdir)
    assert done.returncode == 2
    assert done.stderr.strip() == "citybot: assets.xlsx: a registry file is .csv or .geojson"


def test_show_gives_an_asset_and_the_tickets_that_carried_its_code(workdir: Path) -> None:
    _csv(workdir / "assets.csv", [COVER, LIGHT])
    assert run(["assets", "import", "assets.csv"], workdir).returncode == 0

    async def tickets() -> list[str]:
        url = f"sqlite+aiosqlite:///{workdir / 'var' / 'citybot.db'}"
        photos = PhotoStore(workdir / "photos")
        store = Store(create_engine(url), catalog=load_catalog(), photos=photos, clock=FakeClock())
        try:
            about = {"category": "facilities", "asset_class": "01001"}
            numbers = [await file(store, **about, asset_code=COVER["code"])]
            await file(store, **about)  # a cover, not this one
            return numbers
        finally:
            await store.close()

    numbers = asyncio.run(tickets())
    shown = run(["assets", "show", COVER["code"], "--json"], workdir)
    data = json.loads(shown.stdout)
    assert (data["code"], data["asset_class"], data["name"]) == (
        COVER["code"],
        "01001",
        "同和路井盖001",
    )
    assert [ticket["number"] for ticket in data["tickets"]] == numbers
    text = run(["assets", "show", COVER["code"]], workdir).stdout
    assert "井盖" in text and numbers[0] in text and "1 tickets" in text
    ticket = json.loads(run(["tickets", "show", numbers[0], "--json"], workdir).stdout)
    assert (ticket["asset_class"], ticket["asset_code"]) == ("01001", COVER["code"])
    assert f"asset_code: {COVER['code']}" in run(["tickets", "show", numbers[0]], workdir).stdout
    missing = run(["assets", "show", "44011101001999999"], workdir)
    assert missing.returncode == 1 and "no asset 44011101001999999" in missing.stderr
