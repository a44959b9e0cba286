"""The registry's services on SQLite and PostgreSQL: the map's layer, a report's nearest
asset (within the set distance, of the right class), and an asset's tickets."""

from __future__ import annotations

import pytest

from storage import InvalidInput, Store
from storage.assets import asset_history, find_nearest_asset, list_assets, match_report
from storage.assets.registry import AssetRecord, import_assets
from tests.integration.store_helpers import file

COVER = "44011101001000001"
COVER_FAR = "44011101001000002"
LIGHT = "44011101024000001"
REMOVED = "44011101001000003"
# 同和路: the cover at the origin, a street light 10 m north of it, another cover ~200 m east.
HERE = (23.19, 113.32)
RECORDS = [
    AssetRecord(code=COVER, latitude=23.19, longitude=113.32, name="同和路井盖001"),
    AssetRecord(code=COVER_FAR, latitude=23.19, longitude=113.322, name="同和路井盖002"),
    AssetRecord(code=LIGHT, latitude=23.19009, longitude=113.32, name="同和路路灯001"),
    AssetRecord(code=REMOVED, latitude=23.19001, longitude=113.32, status="removed"),
]


async def _register(store: Store) -> None:
    async with store.unit_of_work() as uow:
        await import_assets(uow, records=RECORDS)


async def test_a_report_snaps_to_the_nearest_asset_of_its_class_within_the_distance(
    store: Store,
) -> None:
    await _register(store)
    async with store.unit_of_work(read_only=True) as uow:
        # 5 m from the cover, 5 m from the light: each class finds its own.
        near = await find_nearest_asset(
            uow, asset_class="01001", latitude=23.190045, longitude=113.32
        )
        light = await find_nearest_asset(
            uow, asset_class="01024", latitude=23.190045, longitude=113.32
        )
        # 35 m from the cover: past the default 30 m; within 50 m when asked so.
        beyond = await find_nearest_asset(
            uow, asset_class="01001", latitude=23.19, longitude=113.32034
        )
        wider = await find_nearest_asset(
            uow, asset_class="01001", latitude=23.19, longitude=113.32034, radius_m=50
        )
        match = await match_report(
            uow, category="facilities", words="井盖不见了", latitude=23.19, longitude=113.32001
        )
        far = await match_report(
            uow, category="facilities", words="井盖不见了", latitude=23.2, longitude=113.33
        )
        pothole = await match_report(
            uow, category="facilities", words="路面有个大坑", latitude=23.19, longitude=113.32
        )
    assert near is not None and near.asset.code == COVER and 4 < near.distance_m < 6
    assert light is not None and light.asset.code == LIGHT
    assert beyond is None
    assert wider is not None and wider.asset.code == COVER and 34 < wider.distance_m < 36
    assert match is not None and match.nearest is not None and match.nearest.asset.code == COVER
    assert far is not None and far.asset_class == "01001" and far.nearest is None
    assert pothole is None  # an 事件, not about a 部件


async def test_a_removed_asset_is_never_offered(store: Store) -> None:
    await _register(store)
    async with store.unit_of_work(read_only=True) as uow:
        found = await find_nearest_asset(
            uow, asset_class="01001", latitude=23.19001, longitude=113.32
        )
    assert found is not None and found.asset.code == COVER  # not REMOVED, 1 m closer


async def test_list_assets_by_window_and_class(store: Store) -> None:
    await _register(store)
    async with store.unit_of_work(read_only=True) as uow:
        everything = await list_assets(uow)
        window = await list_assets(uow, bbox=(113.319, 23.189, 113.321, 23.191))
        covers = await list_assets(uow, bbox=(113.3, 23.1, 113.4, 23.3), asset_class="井盖")
        by_code = await list_assets(uow, asset_class="01024")
        unknown = await list_assets(uow, asset_class="电线杆")
        one = await list_assets(uow, limit=1)
    assert [a.code for a in everything] == sorted(r.code for r in RECORDS)
    assert {a.code for a in window} == {COVER, LIGHT, REMOVED}
    assert {a.code for a in covers} == {COVER, COVER_FAR, REMOVED}
    assert [a.code for a in by_code] == [LIGHT]
    assert unknown == []
    assert len(one) == 1
    light = by_code[0]
    assert (light.asset_class, light.name, light.status) == ("01024", "同和路路灯001", "intact")
    assert (light.lat, light.lon) == (23.19009, 113.32)


async def test_an_assets_history_is_the_tickets_that_carried_its_code(store: Store) -> None:
    await _register(store)
    first = await file(store, category="facilities", asset_class="01001", asset_code=COVER)
    await file(store, category="facilities", asset_class="01001")  # no asset confirmed
    second = await file(store, category="facilities", asset_class="01001", asset_code=COVER)
    async with store.unit_of_work(read_only=True) as uow:
        history = await asset_history(uow, code=COVER)
        none = await asset_history(uow, code=LIGHT)
    assert sorted(item.number for item in history) == sorted([first, second])
    assert all(item.category == "facilities" and item.status == "submitted" for item in history)
    assert none == []


@pytest.mark.parametrize(
    ("asset_class", "asset_code"),
    [("0100", None), ("01024", COVER), ("01001", "4401110100100000A"), (None, COVER)],
)
async def test_a_ticket_carries_only_a_well_formed_code_of_its_class(
    store: Store, asset_class: str | None, asset_code: str | None
) -> None:
    with pytest.raises(InvalidInput):
        await file(store, category="facilities", asset_class=asset_class, asset_code=asset_code)
