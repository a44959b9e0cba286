"""The unit of work on the real database: what it did stays if it ends well and vanishes if
it fails; on SQLite writers queue for one lock and hold the file's lock from their start."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest
from sqlalchemy.engine import make_url

from storage import Store
from storage.botstate import state as botstate
from tests.conftest import FakeClock


async def _saved(store: Store, key: str) -> object:
    async with store.unit_of_work(read_only=True) as uow:
        return await botstate.load_entry(uow.session, namespace="user_data", key=key)


async def _save(store: Store, key: str, value: object) -> None:
    async with store.unit_of_work() as uow:
        await botstate.save_entries(
            uow.session, namespace="user_data", entries=[(key, value)], now=uow.now()
        )


def _sqlite_only(store: Store) -> None:
    if store.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's write lock")


async def test_what_a_unit_of_work_wrote_is_there_after_it_ends(store: Store) -> None:
    await _save(store, "1", {"draft": "垃圾桶满了"})

    assert await _saved(store, "1") == {"draft": "垃圾桶满了"}


async def test_a_failing_unit_of_work_leaves_nothing_behind(store: Store) -> None:
    await _save(store, "1", {"step": 1})

    with pytest.raises(ValueError, match="half-way"):
        async with store.unit_of_work() as uow:
            await botstate.save_entries(
                uow.session,
                namespace="user_data",
                entries=[("1", {"step": 2}), ("2", {"step": 1})],
                now=uow.now(),
            )
            await uow.session.flush()  # written to the database, not yet committed
            raise ValueError("failed half-way")

    assert await _saved(store, "1") == {"step": 1}
    assert await _saved(store, "2") is None


async def test_it_carries_the_stores_environment(store: Store, clock: FakeClock) -> None:
    clock.advance(hours=5)
    async with store.unit_of_work() as uow:
        assert uow.now() == clock.now
        assert uow.catalog is store.catalog
        assert uow.photos is store.photos
        assert uow.settings.duplicate_radius_m == 250.0
        assert uow.settings.duplicate_max_age_days == 30
        assert uow.staff_language == "zh"


async def test_a_unit_of_work_is_entered_once_and_its_session_lives_inside_it(
    store: Store,
) -> None:
    uow = store.unit_of_work()
    with pytest.raises(RuntimeError, match="inside"):
        _ = uow.session
    async with uow:
        assert uow.session.in_transaction()
    with pytest.raises(RuntimeError, match="inside"):
        _ = uow.session
    with pytest.raises(RuntimeError, match="once"):
        async with uow:
            pass


async def test_writers_take_turns_and_readers_do_not_wait(store: Store) -> None:
    _sqlite_only(store)
    order: list[str] = []
    first_in = asyncio.Event()
    release = asyncio.Event()

    async def first() -> None:
        async with store.unit_of_work():
            order.append("first in")
            first_in.set()
            await release.wait()
            order.append("first out")

    async def second() -> None:
        async with store.unit_of_work():
            order.append("second in")

    async def reader() -> None:
        async with store.unit_of_work(read_only=True):
            order.append("reader in")

    holder = asyncio.create_task(first())
    await first_in.wait()
    waiting = asyncio.create_task(second())
    await asyncio.wait_for(reader(), timeout=5)  # a query needs no write lock
    await asyncio.sleep(0.05)
    assert order == ["first in", "reader in"]  # the second writer waits its turn
    release.set()
    await asyncio.wait_for(asyncio.gather(holder, waiting), timeout=5)

    assert order == ["first in", "reader in", "first out", "second in"]


async def test_a_writer_holds_the_files_lock_before_it_writes(store: Store) -> None:
    _sqlite_only(store)
    path = make_url(str(store.engine.url)).database
    assert path is not None
    outsider = sqlite3.connect(path, timeout=0.1)
    try:
        async with store.unit_of_work():
            # Nothing written yet, and another process's writer is already refused: this
            # unit of work can never fail half-way with "database is locked".
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                outsider.execute("DELETE FROM bot_state")
        async with store.unit_of_work(read_only=True):
            outsider.execute("DELETE FROM bot_state")  # a reader leaves writers be
            outsider.commit()
    finally:
        outsider.close()
