"""The map's 部件 layer: the registered assets in the map's window, for staff only."""

from __future__ import annotations

from storage.assets.registry import AssetRecord, import_assets
from tests.integration.store_helpers import DISPATCHER
from tests.integration.web.conftest import Web

COVER = "44011101001000001"
LIGHT = "44011101024000001"
FAR = "44011101001000002"


async def test_the_layer_shows_the_assets_in_the_window(web: Web) -> None:
    async with web.store.unit_of_work() as uow:
        await import_assets(
            uow,
            records=[
                AssetRecord(code=COVER, latitude=23.19, longitude=113.32, name="同和路井盖001"),
                AssetRecord(code=LIGHT, latitude=23.1901, longitude=113.32, name="同和路路灯001"),
                AssetRecord(code=FAR, latitude=23.30, longitude=113.50, name="远处的井盖"),
            ],
        )
    assert (await web.client.get("/dashboard/api/assets")).status_code == 401
    await web.log_in(DISPATCHER.user_id)
    window = {"bbox": "113.31,23.18,113.33,23.20"}
    response = await web.client.get("/dashboard/api/assets", params=window)
    assert response.status_code == 200
    shown = {asset["code"]: asset for asset in response.json()["assets"]}
    assert set(shown) == {COVER, LIGHT}
    assert shown[COVER]["name"] == "同和路井盖001" and shown[COVER]["class_name"] == "井盖"
    assert shown[COVER]["lat"] == 23.19
    only_covers = await web.client.get("/dashboard/api/assets", params=window | {"class": "井盖"})
    assert [a["code"] for a in only_covers.json()["assets"]] == [COVER]
    for bad in ("1,2,3", "a,b,c,d", "113.33,23.18,113.31,23.20", "nan,0,1,1", "0,-91,1,1"):
        refused = await web.client.get("/dashboard/api/assets", params={"bbox": bad})
        assert refused.status_code == 400, bad
