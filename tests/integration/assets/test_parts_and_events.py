"""Statistics count 部件 cases (tickets about a managed asset) and 事件 apart, by class, as
GB/T 30428 does; a period counts its own tickets only."""

from __future__ import annotations

from datetime import timedelta

from storage import Store
from storage.tickets import lookups
from tests.conftest import FakeClock
from tests.integration.store_helpers import file
from tests.store_calls import read


async def test_statistics_split_parts_from_events_by_class(store: Store, clock: FakeClock) -> None:
    await file(store, category="facilities", asset_class="01001", asset_code="44011101001000001")
    clock.advance(hours=2)
    await file(store, category="facilities", asset_class="01001")  # a cover not registered
    await file(store, category="facilities", asset_class="01024")
    await file(store, category="facilities", description="路面有坑")  # an 事件
    await file(store, category="sanitation", description="路边有垃圾")
    stats = await read(store, lookups.compute_stats)
    assert (stats.total, stats.parts, stats.events) == (5, 3, 2)
    assert stats.by_asset_class == {"01001": 2, "01024": 1}
    shown = stats.as_dict()
    assert (shown["parts"], shown["events"], shown["by_asset_class"]) == (
        3,
        2,
        {"01001": 2, "01024": 1},
    )
    recent = await read(store, lookups.compute_stats, since=clock() - timedelta(hours=1))
    assert (recent.total, recent.parts, recent.events) == (4, 2, 2)
    assert recent.by_asset_class == {"01001": 1, "01024": 1}
