"""Key-value state of the bot (conversations, user and chat data) and the update ledger.

No Telegram here: bot/persistence.py adapts these functions to PTB's BasePersistence.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from storage.models import BotState, ProcessedUpdate


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


async def claim_update(
    session: AsyncSession, *, bot_id: int, update_id: int, now: datetime, stale_after: timedelta
) -> bool:
    """Claim an update for handling; False if it was handled, or is being handled, already.

    A claim older than `stale_after` that never finished (its worker died) may be taken over.
    """
    inserted = await session.execute(
        _insert(session)(ProcessedUpdate)
        .values(bot_id=bot_id, update_id=update_id, claimed_at=now, done=False)
        .on_conflict_do_nothing(index_elements=[ProcessedUpdate.bot_id, ProcessedUpdate.update_id])
        .returning(ProcessedUpdate.update_id)
    )
    if inserted.first() is not None:
        return True
    taken_over = await session.execute(
        update(ProcessedUpdate)
        .where(
            ProcessedUpdate.bot_id == bot_id,
            ProcessedUpdate.update_id == update_id,
            ProcessedUpdate.done.is_(False),
            ProcessedUpdate.claimed_at < now - stale_after,
        )
        .values(claimed_at=now)
        .returning(ProcessedUpdate.update_id)
    )
    return taken_over.first() is not None


async def claim_updates(
    session: AsyncSession,
    *,
    bot_id: int,
    update_ids: list[int],
    now: datetime,
    stale_after: timedelta,
) -> set[int]:
    """Claim several updates in one statement; returns the ids this caller may handle."""
    # An executemany on the Core table, not a multi-row VALUES: its SQL is compiled once and
    # cached, where a VALUES list of a new length was compiled afresh for every batch.
    ledger = ProcessedUpdate.__table__
    inserted = await session.execute(
        _insert(session)(ledger)
        .on_conflict_do_nothing(index_elements=[ledger.c.bot_id, ledger.c.update_id])
        .returning(ledger.c.update_id),
        [
            {"bot_id": bot_id, "update_id": update_id, "claimed_at": now, "done": False}
            for update_id in update_ids
        ],
    )
    claimed = {row[0] for row in inserted.all()}
    rest = [update_id for update_id in update_ids if update_id not in claimed]
    if rest:
        taken_over = await session.execute(
            update(ProcessedUpdate)
            .where(
                ProcessedUpdate.bot_id == bot_id,
                ProcessedUpdate.update_id.in_(rest),
                ProcessedUpdate.done.is_(False),
                ProcessedUpdate.claimed_at < now - stale_after,
            )
            .values(claimed_at=now)
            .returning(ProcessedUpdate.update_id)
        )
        claimed.update(row[0] for row in taken_over.all())
    return claimed


async def finish_updates(session: AsyncSession, *, bot_id: int, update_ids: list[int]) -> None:
    """Mark updates as handled for good."""
    await session.execute(
        update(ProcessedUpdate)
        .where(ProcessedUpdate.bot_id == bot_id, ProcessedUpdate.update_id.in_(update_ids))
        .values(done=True)
    )


async def prune_updates(session: AsyncSession, *, before: datetime) -> int:
    """Forget ledger rows claimed before `before`; returns how many."""
    result = await session.execute(
        delete(ProcessedUpdate).where(ProcessedUpdate.claimed_at < before)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def load_entry(session: AsyncSession, *, namespace: str, key: str) -> Any:
    """One entry's data, or None."""
    return (
        await session.execute(
            select(BotState.data).where(BotState.namespace == namespace, BotState.key == key)
        )
    ).scalar_one_or_none()
