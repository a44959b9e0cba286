"""Key-value state of the bot (conversations, user and chat data) and the update ledger.

No Telegram here: bot/runtime/persistence.py adapts these functions to PTB's BasePersistence.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.botstate.models import BotState, ProcessedUpdate


def _insert(session: AsyncSession) -> Any:
    return pg_insert if session.bind.dialect.name == "postgresql" else sqlite_insert


async def load_namespace(session: AsyncSession, *, namespace: str) -> dict[str, Any]:
    """Every key of `namespace` with its data."""
    rows = await session.execute(
        select(BotState.key, BotState.data).where(BotState.namespace == namespace)
    )
    return {key: data for key, data in rows.all()}


async def save_entries(
    session: AsyncSession, *, namespace: str, entries: Iterable[tuple[str, Any]], now: datetime
) -> None:
    """Insert or replace entries of `namespace`; a None value deletes the key."""
    for key, data in entries:
        if data is None:
            await session.execute(
                delete(BotState).where(BotState.namespace == namespace, BotState.key == key)
            )
            continue
        statement = _insert(session)(BotState).values(
            namespace=namespace, key=key, data=data, updated_at=now
        )
        statement = statement.on_conflict_do_update(
            index_elements=[BotState.namespace, BotState.key],
            set_={"data": statement.excluded.data, "updated_at": now},
        )
        await session.execute(statement)


async def delete_key_everywhere(session: AsyncSession, *, key: str) -> None:
    """Remove `key` from every namespace (a user's data when they ask to be forgotten)."""
    await session.execute(delete(BotState).where(BotState.key == key))


async def finish_updates(session: AsyncSession, *, bot_id: int, update_ids: list[int]) -> None:
    """Mark updates as handled for good."""
    await session.execute(
        update(ProcessedUpdate)
        .where(ProcessedUpdate.bot_id == bot_id, ProcessedUpdate.update_id.in_(update_ids))
        .values(done=True, payload=None)
    )


async def prune_updates(session: AsyncSession, *, before: datetime) -> int:
    """Forget finished ledger rows claimed before `before`; returns how many."""
    result = await session.execute(
        delete(ProcessedUpdate).where(
            ProcessedUpdate.claimed_at < before, ProcessedUpdate.done.is_(True)
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def load_entry(session: AsyncSession, *, namespace: str, key: str) -> Any:
    """One entry's data, or None."""
    return (
        await session.execute(
            select(BotState.data).where(BotState.namespace == namespace, BotState.key == key)
        )
    ).scalar_one_or_none()


async def receive_updates(
    session: AsyncSession,
    *,
    bot_id: int,
    updates: list[tuple[int, dict[str, Any]]],
    instance: str,
    now: datetime,
) -> set[int]:
    """Record updates as they arrive, with their payload; returns the ids seen for the first time.

    An id already in the ledger is a redelivery: handled, being handled, or waiting to be
    redone from its payload at the next start.
    """
    ledger = ProcessedUpdate.__table__
    inserted = await session.execute(
        _insert(session)(ledger)
        .on_conflict_do_nothing(index_elements=[ledger.c.bot_id, ledger.c.update_id])
        .returning(ledger.c.update_id),
        [
            {
                "bot_id": bot_id,
                "update_id": update_id,
                "claimed_at": now,
                "done": False,
                "payload": payload,
                "instance": instance,
            }
            for update_id, payload in updates
        ],
    )
    return {row[0] for row in inserted.all()}


async def take_over_unfinished(
    session: AsyncSession,
    *,
    bot_id: int,
    instance: str,
    now: datetime,
    stale_after: timedelta,
) -> list[tuple[int, dict[str, Any]]]:
    """Unfinished updates a dead process left: this instance's own, and any stale claim.

    They are claimed again for `instance` and returned oldest first, to be handled again.
    """
    rows = (
        await session.execute(
            select(ProcessedUpdate)
            .where(
                ProcessedUpdate.bot_id == bot_id,
                ProcessedUpdate.done.is_(False),
                ProcessedUpdate.payload.is_not(None),
                (ProcessedUpdate.instance == instance)
                | (ProcessedUpdate.claimed_at < now - stale_after),
            )
            .order_by(ProcessedUpdate.update_id)
        )
    ).scalars()
    taken: list[tuple[int, dict[str, Any]]] = []
    for row in rows:
        row.claimed_at = now
        row.instance = instance
        if row.payload is not None:
            taken.append((row.update_id, dict(row.payload)))
    return taken


async def finish_updates_with_state(
    session: AsyncSession,
    *,
    bot_id: int,
    update_ids: list[int],
    entries: Iterable[tuple[str, str, Any]],
    now: datetime,
) -> None:
    """Save conversation, user and chat state and mark updates done, in one transaction.

    A crash can then never leave a step saved but not done (redone on a newer state), or
    done but not saved (skipped for good).
    """
    by_namespace: dict[str, list[tuple[str, Any]]] = {}
    for namespace, key, data in entries:
        by_namespace.setdefault(namespace, []).append((key, data))
    for namespace, items in by_namespace.items():
        await save_entries(session, namespace=namespace, entries=items, now=now)
    if update_ids:
        await session.execute(
            update(ProcessedUpdate)
            .where(ProcessedUpdate.bot_id == bot_id, ProcessedUpdate.update_id.in_(update_ids))
            .values(done=True, payload=None)
        )
