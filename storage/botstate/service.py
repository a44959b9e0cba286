"""The bot state's service functions (PTB persistence and the update ledger), each in the
caller's unit of work."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from sqlalchemy import func, select

from storage.botstate import state
from storage.botstate.models import ProcessedUpdate
from storage.db.uow import UnitOfWork


async def load_namespace(uow: UnitOfWork, *, namespace: str) -> dict[str, Any]:
    """Every saved entry of a state namespace (user_data, chat_data, conversation:…)."""
    return await state.load_namespace(uow.session, namespace=namespace)


async def load_entry(uow: UnitOfWork, *, namespace: str, key: str) -> Any:
    """One saved entry of a state namespace, or None."""
    return await state.load_entry(uow.session, namespace=namespace, key=key)


async def save_entries(
    uow: UnitOfWork, *, namespace: str, entries: Iterable[tuple[str, Any]]
) -> None:
    """Save entries of a state namespace; a None value deletes its key."""
    await state.save_entries(uow.session, namespace=namespace, entries=entries, now=uow.now())


async def receive_updates(
    uow: UnitOfWork, *, bot_id: int, updates: list[tuple[int, dict[str, Any]]], instance: str
) -> set[int]:
    """Record arriving updates with their payload; the ids not seen before."""
    if not updates:
        return set()
    return await state.receive_updates(
        uow.session, bot_id=bot_id, updates=updates, instance=instance, now=uow.now()
    )


async def finish_updates(uow: UnitOfWork, *, bot_id: int, update_ids: list[int]) -> None:
    """Record that these updates were handled."""
    if update_ids:
        await state.finish_updates(uow.session, bot_id=bot_id, update_ids=update_ids)


async def finish_updates_with_state(
    uow: UnitOfWork, *, bot_id: int, update_ids: list[int], entries: list[tuple[str, str, Any]]
) -> None:
    """Save (namespace, key, data) state entries and mark updates done, in one transaction."""
    if update_ids or entries:
        await state.finish_updates_with_state(
            uow.session, bot_id=bot_id, update_ids=update_ids, entries=entries, now=uow.now()
        )


async def take_over_unfinished(
    uow: UnitOfWork, *, bot_id: int, instance: str, stale_after: timedelta = timedelta(minutes=2)
) -> list[tuple[int, dict[str, Any]]]:
    """Updates a dead process received but never finished, claimed again for `instance`."""
    return await state.take_over_unfinished(
        uow.session, bot_id=bot_id, instance=instance, now=uow.now(), stale_after=stale_after
    )


async def prune_updates(uow: UnitOfWork, *, older_than: timedelta = timedelta(days=7)) -> int:
    """Drop old rows of the update ledger; how many."""
    return await state.prune_updates(uow.session, before=uow.now() - older_than)


async def last_update_id(uow: UnitOfWork) -> int:
    """The highest update id the ledger holds (0 when empty), for a stand-in to go on after."""
    found = await uow.session.scalar(select(func.max(ProcessedUpdate.update_id)))
    return int(found or 0)
