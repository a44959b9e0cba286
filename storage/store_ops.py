"""Store operations besides tickets: bot state, the update ledger, privacy, staff, alerts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, TextIO

from sqlalchemy.ext.asyncio import AsyncSession

from storage.botstate import state as botstate
from storage.outbox import queue as outbox
from storage.outbox.replies import OwedReply, reply_message
from storage.staff import roster as staff
from storage.staff.models import StaffMember
from storage.store_base import StoreBase
from storage.tickets import alerts, privacy, queries, serialize
from storage.tickets.lifecycle import Actor, Role


class OperationsMixin(StoreBase):
    """Bot state, update ledger, privacy, the staff roster and deadline alerts."""

    async def load_state(self, namespace: str) -> dict[str, Any]:
        """Every saved entry of a state namespace (user_data, chat_data, conversation:…)."""
        async with self.reading() as session:
            return await botstate.load_namespace(session, namespace=namespace)

    async def load_state_entry(self, namespace: str, key: str) -> Any:
        """One saved entry of a state namespace, or None."""
        async with self.reading() as session:
            return await botstate.load_entry(session, namespace=namespace, key=key)

    async def save_state(self, namespace: str, entries: Iterable[tuple[str, Any]]) -> None:
        """Save entries of a state namespace; a None value deletes its key."""
        async with self.writing() as session:
            await botstate.save_entries(
                session, namespace=namespace, entries=entries, now=self._now()
            )

    async def finish_update(self, bot_id: int, update_id: int) -> None:
        """Record that an update was handled."""
        await self.finish_updates(bot_id, [update_id])

    async def finish_updates(self, bot_id: int, update_ids: list[int]) -> None:
        """Record that these updates were handled (one transaction)."""
        if not update_ids:
            return
        async with self.writing() as session:
            await botstate.finish_updates(session, bot_id=bot_id, update_ids=update_ids)

    async def receive_updates(
        self, bot_id: int, updates: list[tuple[int, dict[str, Any]]], *, instance: str
    ) -> set[int]:
        """Record arriving updates with their payload; the ids not seen before."""
        if not updates:
            return set()
        async with self.writing() as session:
            return await botstate.receive_updates(
                session, bot_id=bot_id, updates=updates, instance=instance, now=self._now()
            )

    async def take_over_unfinished(
        self, bot_id: int, *, instance: str, stale_after: timedelta = timedelta(minutes=2)
    ) -> list[tuple[int, dict[str, Any]]]:
        """Updates a dead process received but never finished, claimed again for `instance`."""
        async with self.writing() as session:
            return await botstate.take_over_unfinished(
                session,
                bot_id=bot_id,
                instance=instance,
                now=self._now(),
                stale_after=stale_after,
            )

    async def finish_updates_with_state(
        self, bot_id: int, update_ids: list[int], entries: list[tuple[str, str, Any]]
    ) -> None:
        """Save (namespace, key, data) state entries and mark updates done, atomically."""
        if not update_ids and not entries:
            return
        async with self.writing() as session:
            await botstate.finish_updates_with_state(
                session, bot_id=bot_id, update_ids=update_ids, entries=entries, now=self._now()
            )

    async def prune_updates(self, *, older_than: timedelta = timedelta(days=7)) -> int:
        """Drop old rows of the update ledger."""
        async with self.writing() as session:
            return await botstate.prune_updates(session, before=self._now() - older_than)

    async def forget_resident(self, user_id: int) -> privacy.Forgotten:
        """Delete a resident's personal data; their tickets stay, anonymised."""
        async with self.writing() as session:
            return await privacy.forget_resident(session, user_id=user_id)

    async def resolve_actor(
        self, user_id: int, *, admin_ids: Iterable[int] = (), staff_ids: Iterable[int] = ()
    ) -> Actor:
        """Who this Telegram user is to the store: admin, staff role, or resident."""
        async with self.reading() as session:
            return await staff.resolve_actor(
                session, user_id=user_id, admin_ids=set(admin_ids), staff_ids=set(staff_ids)
            )

    async def note_staff_language(self, user_id: int, language: str) -> None:
        """Remember the language a roster member uses (deadline alerts to them are in it)."""
        async with self.reading() as session:  # the usual case, unchanged, writes nothing
            member = await session.get(StaffMember, user_id)
            if member is None or member.language == language:
                return
        async with self.writing() as session:
            await staff.note_language(session, user_id=user_id, language=language)

    async def add_staff(
        self,
        by: Actor,
        user_id: int,
        role: Role,
        *,
        department: str | None = None,
        display_name: str | None = None,
        reply: OwedReply | None = None,
    ) -> StaffMember:
        """Add or change a staff member (admins only), owing `reply` to the admin's chat."""
        async with self.writing() as session:
            member = await staff.add_staff(
                session,
                by=by,
                user_id=user_id,
                role=role,
                catalog=self.catalog,
                department=department,
                display_name=display_name,
                now=self._now(),
            )
            await self._owe_once(session, reply)
            return member

    async def remove_staff(
        self, by: Actor, user_id: int, *, reply: OwedReply | None = None
    ) -> bool:
        """Take someone off the roster (admins only), owing `reply` if they were on it."""
        async with self.writing() as session:
            if reply is not None and await outbox.reply_owed(session, dedupe_key=reply.dedupe_key):
                return True  # removed by an earlier run of this update
            removed = await staff.remove_staff(session, by=by, user_id=user_id)
            if removed:
                await self._owe_once(session, reply)
            return removed

    async def staff_roster(self) -> list[StaffMember]:
        """Everyone on the roster."""
        async with self.reading() as session:
            return await staff.list_staff(session)

    async def set_on_duty(
        self, user_id: int, on_duty: bool, *, reply: OwedReply | None = None
    ) -> bool:
        """Mark a staff member on or off duty, owing `reply`; False if not on the roster."""
        async with self.writing() as session:
            changed = await staff.set_on_duty(session, user_id=user_id, on_duty=on_duty)
            if changed:
                await self._owe_once(session, reply)
            return changed

    async def _owe_once(self, session: AsyncSession, reply: OwedReply | None) -> None:
        # A roster change is no ticket's: its reply is owed on its own, once per update.
        if reply is not None and not await outbox.reply_owed(session, dedupe_key=reply.dedupe_key):
            session.add(reply_message(reply, params={}, now=self._now()))

    async def on_duty_dispatchers(self) -> list[StaffMember]:
        """Dispatchers and admins on duty."""
        async with self.reading() as session:
            return await staff.on_duty_dispatchers(session)

    async def raise_deadline_alerts(self) -> list[alerts.DeadlineAlert]:
        """Owe staff a message for every ticket that reached a new deadline stage."""
        async with self.writing() as session:
            return await alerts.raise_deadline_alerts(
                session, now=self._now(), staff_language=self.staff_language
            )

    async def write_tickets_csv(
        self, out: TextIO, *, since: datetime | None = None, until: datetime | None = None
    ) -> int:
        """Write the tickets filed in [since, until) as CSV to `out`; returns the row count."""
        async with self.reading() as session:
            rows = queries.stream_tickets(session, since=since, until=until)
            return await serialize.write_csv(
                rows, self.catalog, out, now_iso=self._now().isoformat()
            )
