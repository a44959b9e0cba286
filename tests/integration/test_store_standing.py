"""What button checks ask the store: a user's standing on a ticket, and a reporter adding
words and photos to their own ticket in one unit of work."""

from __future__ import annotations

from storage import Status, Store
from storage.tickets import lookups, remarks, service
from tests.integration.store_helpers import NEIGHBOUR, REPORTER, file, jpeg, walk_to
from tests.store_calls import read, run

STRANGER = 1999


async def test_standing_tells_reporter_and_follower_and_nothing_else(store: Store) -> None:
    number = await file(store)
    await run(store, remarks.join, number=number, by=NEIGHBOUR, language="en")
    mine = await read(store, lookups.find_standing, number=number, user_id=REPORTER.user_id or 0)
    followed = await read(
        store, lookups.find_standing, number=number.lower(), user_id=NEIGHBOUR.user_id or 0
    )
    assert mine is not None and mine.reporter and mine.status == "submitted" and mine.is_open
    assert followed is not None and not followed.reporter and followed.number == number
    # Not theirs and not there at all look the same to the caller.
    assert await read(store, lookups.find_standing, number=number, user_id=STRANGER) is None
    assert (
        await read(store, lookups.find_standing, number="CG-20200101-9999", user_id=STRANGER)
        is None
    )
    assert await read(store, lookups.find_standing, number="", user_id=STRANGER) is None


async def test_standing_follows_the_ticket(store: Store) -> None:
    number = await file(store)
    await walk_to(store, number, Status.RESOLVED)
    await run(store, service.rate, number=number, by=REPORTER, rating=4)
    standing = await read(
        store, lookups.find_standing, number=number, user_id=REPORTER.user_id or 0
    )
    assert standing is not None and standing.status == "resolved" and standing.rated


async def test_a_comment_with_photos_is_one_unit_of_work(store: Store) -> None:
    number = await file(store)
    photos = [store.photos.put(jpeg((i * 40, 10, 10))) for i in range(3)]
    await run(store, remarks.comment, number=number, by=REPORTER, note="还是很脏", photos=photos)
    detail = await read(store, lookups.get_detail, number=number)
    comments = [e for e in detail.events if e.action == "comment"]
    assert [e.note for e in comments] == ["还是很脏", "", ""]
    assert sorted(p.kind for p in detail.photos) == ["comment"] * 3
