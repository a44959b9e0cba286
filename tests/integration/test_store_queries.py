"""Queries staff and residents rely on: queue, own tickets, nearby, statistics."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage import QueueFilter, Status, Store
from storage.tickets import lookups, remarks, service
from tests.conftest import FakeClock
from tests.integration.store_helpers import DISPATCHER, NEIGHBOUR, REPORTER, WORKER, file, walk_to
from tests.store_calls import read, run


async def test_queue_filters_and_orders_by_deadline(store: Store, clock: FakeClock) -> None:
    gas = await file(store, category="gas", priority="urgent")  # due in 2 h
    bins = await file(store, category="sanitation")  # 24 h
    trees = await file(store, category="greening")  # 48 h
    closed = await file(store, category="sanitation")
    await walk_to(store, closed, Status.CLOSED)
    page = await read(store, lookups.list_queue, with_total=True)
    assert [t.number for t in page.tickets] == [gas, bins, trees]
    assert page.total == 3 and not page.has_more

    async def numbers(filters: QueueFilter) -> list[str]:
        page = await read(store, lookups.list_queue, filters=filters)
        return [t.number for t in page.tickets]

    assert await numbers(QueueFilter(category="sanitation")) == [bins]
    assert await numbers(QueueFilter(department="greening")) == [trees]
    assert await numbers(QueueFilter(statuses=["closed"])) == [closed]
    clock.advance(hours=25)
    overdue = await read(store, lookups.list_queue, filters=QueueFilter(overdue=True))
    assert [t.number for t in overdue.tickets] == [gas, bins]


async def test_queue_pages(store: Store) -> None:
    numbers = [await file(store) for _ in range(7)]
    first = await read(store, lookups.list_queue, limit=3)
    second = await read(store, lookups.list_queue, limit=3, offset=3)
    last = await read(store, lookups.list_queue, limit=3, offset=6)
    assert first.has_more and second.has_more and not last.has_more
    assert [t.number for t in first.tickets + second.tickets + last.tickets] == numbers


async def test_queue_by_assignee(store: Store) -> None:
    mine = await file(store)
    await walk_to(store, mine, Status.DISPATCHED)
    await file(store)
    page = await read(store, lookups.list_queue, filters=QueueFilter(assignee_id=WORKER.user_id))
    assert [t.number for t in page.tickets] == [mine]


async def test_reporter_sees_own_and_joined_tickets_newest_first(
    store: Store, clock: FakeClock
) -> None:
    own = await file(store)
    clock.advance(minutes=5)
    theirs = await file(store, reporter_id=NEIGHBOUR.user_id)
    clock.advance(minutes=5)
    await file(store, reporter_id=9999)
    await run(store, remarks.join, number=theirs, by=REPORTER, language="zh")
    page = await read(store, lookups.list_reporter_tickets, reporter_id=REPORTER.user_id)  # type: ignore[arg-type]
    assert [t.number for t in page.tickets] == [theirs, own]


async def test_nearby_finds_open_same_category_within_radius(
    store: Store, clock: FakeClock
) -> None:
    here = (23.12910, 113.26440)
    near = await file(store, latitude=23.13000, longitude=113.26440)  # ~100 m north
    await file(store, latitude=23.13300, longitude=113.26440)  # ~434 m: outside 250 m
    await file(store, category="greening", latitude=here[0], longitude=here[1])
    done = await file(store, latitude=here[0], longitude=here[1])
    await walk_to(store, done, Status.CLOSED)
    lat, lon = here
    found = await read(
        store, lookups.find_nearby, category="sanitation", latitude=lat, longitude=lon
    )
    assert [item.ticket.number for item in found] == [near]
    assert found[0].distance_m == pytest.approx(100.1, abs=1.0)
    wider = await read(
        store, lookups.find_nearby, category="sanitation", latitude=lat, longitude=lon, radius_m=500
    )
    assert wider[0].ticket.number == near
    assert len(wider) == 2 and wider[1].distance_m == pytest.approx(434, abs=3)


async def test_nearby_across_a_degree_line(store: Store) -> None:
    north_east = await file(store, latitude=23.00001, longitude=114.00001)
    found = await read(
        store, lookups.find_nearby, category="sanitation", latitude=22.99999, longitude=113.99999
    )
    assert [item.ticket.number for item in found] == [north_east]
    assert found[0].distance_m < 4


async def test_nearby_ignores_old_tickets(store: Store, clock: FakeClock) -> None:
    await file(store, category="greening")
    clock.advance(days=31)
    assert (
        await read(
            store, lookups.find_nearby, category="greening", latitude=23.1291, longitude=113.2644
        )
        == []
    )
    assert (
        len(
            await read(
                store,
                lookups.find_nearby,
                category="greening",
                latitude=23.1291,
                longitude=113.2644,
                max_age_days=60,
            )
        )
        == 1
    )


async def test_statistics(store: Store, clock: FakeClock) -> None:
    quick = await file(store)
    slow = await file(store, category="greening")
    rejected = await file(store)
    still_open = await file(store, category="gas")
    await walk_to(store, quick, Status.CLOSED)  # closed at once
    clock.advance(hours=50)  # greening deadline (48 h) passes
    await walk_to(store, slow, Status.CLOSED)
    await walk_to(store, rejected, Status.REJECTED)
    await run(store, service.rate, number=quick, by=REPORTER, rating=5)
    await run(store, service.rate, number=slow, by=REPORTER, rating=2)
    stats = await read(store, lookups.compute_stats)
    assert stats.total == 4
    assert stats.by_status == {"closed": 2, "rejected": 1, "submitted": 1}
    assert stats.by_category == {"gas": 1, "greening": 1, "sanitation": 2}
    assert stats.overdue_open == 1  # the gas ticket, due 2 h after filing
    assert stats.resolved_late == 1  # greening resolved after 50 h
    assert stats.overdue_rate == pytest.approx(2 / 3)
    assert stats.median_close_hours == pytest.approx(25.0)  # mean of 0 h and 50 h
    assert stats.mean_rating == pytest.approx(3.5) and stats.rated == 2
    assert still_open
    later = await read(store, lookups.compute_stats, since=clock.now - timedelta(hours=1))
    assert later.total == 0 and later.overdue_rate is None and later.median_close_hours is None


async def test_statistics_of_an_empty_store(store: Store) -> None:
    stats = await read(store, lookups.compute_stats)
    assert stats.total == 0
    assert stats.overdue_rate is None and stats.mean_rating is None
    assert stats.as_dict()["by_status"] == {}


async def test_dispatcher_assignment_and_claim(store: Store) -> None:
    number = await file(store)
    await run(store, service.accept, number=number, by=DISPATCHER)
    await run(store, remarks.assign, number=number, by=WORKER)  # a field worker claims it
    assert (
        await read(store, lookups.get_detail, number=number)
    ).ticket.assignee_id == WORKER.user_id


async def test_reports_in_the_last_hour(store: Store, clock: FakeClock) -> None:
    await file(store)
    clock.advance(minutes=30)
    await file(store)
    await file(store, reporter_id=NEIGHBOUR.user_id)
    assert await read(store, lookups.count_reports_in_last_hour, reporter_id=REPORTER.user_id) == 2  # type: ignore[arg-type]
    clock.advance(minutes=31)
    assert await read(store, lookups.count_reports_in_last_hour, reporter_id=REPORTER.user_id) == 1  # type: ignore[arg-type]


async def test_similar_typed_address_is_a_duplicate_candidate(store: Store) -> None:
    same = await file(
        store, latitude=None, longitude=None, address="白云区同和街道蟾蜍石东路12号门口"
    )
    await file(store, latitude=None, longitude=None, address="天河区体育西路100号")
    await file(
        store,
        category="greening",
        latitude=None,
        longitude=None,
        address="白云区同和街道蟾蜍石东路12号",
    )
    found = await read(
        store, lookups.find_similar_address, category="sanitation", address="同和街道蟾蜍石东路12号"
    )
    assert [ticket.number for ticket, _ in found] == [same]
    assert found[0][1] >= 0.5
