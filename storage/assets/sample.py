"""The shipped sample: a generated registry along three streets of 白云区 (division 440111).

It is not a survey: positions are spaced along straight lines between two points of each
street, names, grids and departments are made up, every record has `sample: true`, and the
sequences start at 900001 so that they never take a real survey's codes. It lets the bot be
tried out ("是这个井盖吗？" near 同和路); `python -m storage.assets.sample` writes it anew.
"""

from __future__ import annotations

import math
from datetime import date
from importlib import resources
from pathlib import Path

from storage.assets.classes import load_asset_classes
from storage.assets.codes import make_code
from storage.assets.files import write_asset_file
from storage.assets.registry import AssetRecord
from storage.tickets.geo import haversine_m

DIVISION = "440111"
FIRST_SEQUENCE = 900_001
STREETS = (  # name, the 街道 it is in, a grid prefix, from (lat, lon), to (lat, lon)
    ("同和路", "同和街", "44011101700101", (23.1855, 113.3190), (23.2010, 113.3230)),
    ("三元里大道", "三元里街", "44011100100201", (23.1560, 113.2630), (23.1720, 113.2600)),
    ("白云大道南", "棠景街", "44011100300301", (23.1640, 113.2830), (23.1800, 113.2900)),
)
LAYOUT = {  # class: every how many metres, sideways offset (m), responsible department
    "01001": (40, 0.0, "白云区市政设施管养所（样例）"),
    "01024": (30, 12.0, "白云区路灯管理所（样例）"),
    "03004": (100, -9.0, "白云区环卫所（样例）"),
    "01014": (120, 10.0, "白云区消防救援大队（样例）"),
    "01018": (600, -14.0, "广州燃气集团白云分公司（样例）"),
    "04002": (25, -12.0, "白云区绿化管养所（样例）"),
}
SAMPLE_FILE = "sample_baiyun.geojson"


def sample_records() -> list[AssetRecord]:
    """The sample's records, the same every time."""
    classes = load_asset_classes()
    sequences = dict.fromkeys(LAYOUT, FIRST_SEQUENCE)
    records: list[AssetRecord] = []
    for street, area, grid, start, end in STREETS:
        length = haversine_m(*start, *end)
        for class_code, (step, offset, department) in LAYOUT.items():
            kind = classes.classes[class_code]
            for index in range(int(length // step) + 1):
                lat, lon = _along(start, end, index * step / length, offset * (-1) ** index)
                sequence = sequences[class_code]
                sequences[class_code] += 1
                records.append(
                    AssetRecord(
                        code=make_code(DIVISION, class_code, sequence),
                        latitude=round(lat, 6),
                        longitude=round(lon, 6),
                        name=f"{street}{kind.zh}{index + 1:03d}",
                        department=department,
                        grid=f"{grid}{index * step // 200 + 1:02d}",
                        status="damaged" if sequence % 17 == 0 else "intact",
                        address=f"广州市白云区{area}{street}",
                        installed_on=date(2018 + sequence % 5, 1 + sequence % 12, 1),
                        sample=True,
                    )
                )
    return sorted(records, key=lambda record: record.code)


def _along(
    start: tuple[float, float], end: tuple[float, float], share: float, offset_m: float
) -> tuple[float, float]:
    """The point `share` of the way from start to end, `offset_m` to its left."""
    lat = start[0] + (end[0] - start[0]) * share
    lon = start[1] + (end[1] - start[1]) * share
    north = (end[0] - start[0]) * 111_195.0
    east = (end[1] - start[1]) * 111_195.0 * math.cos(math.radians(lat))
    norm = math.hypot(north, east) or 1.0
    lat += (east / norm) * offset_m / 111_195.0
    lon -= (north / norm) * offset_m / (111_195.0 * math.cos(math.radians(lat)))
    return lat, lon


def sample_path() -> Path:
    """Where the shipped sample file is."""
    return Path(str(resources.files("storage.assets").joinpath(SAMPLE_FILE)))


if __name__ == "__main__":
    write_asset_file(sample_path(), sample_records(), load_asset_classes())
