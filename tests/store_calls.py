"""The tests' way into the store: one service call in a unit of work of its own, as a
handler makes one per user action, and a ticket filed as given (no intake, no triage)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Concatenate, ParamSpec, TypeVar

from storage import NewTicket, Store, StoredImage
from storage.db.uow import UnitOfWork
from storage.outbox import OwedReply
from storage.tickets.filing import file_ticket as file_in
from storage.tickets.models import Ticket

P = ParamSpec("P")
T = TypeVar("T")


async def run(
    store: Store,
    call: Callable[Concatenate[UnitOfWork, P], Awaitable[T]],
    /,
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """`call(uow, …)` in a unit of work of its own, committed when it returns."""
    async with store.unit_of_work() as uow:
        return await call(uow, *args, **kwargs)


async def read(
    store: Store,
    call: Callable[Concatenate[UnitOfWork, P], Awaitable[T]],
    /,
    *args: P.args,
    **kwargs: P.kwargs,
) -> T:
    """`call(uow, …)` in a read-only unit of work of its own."""
    async with store.unit_of_work(read_only=True) as uow:
        return await call(uow, *args, **kwargs)


async def file_ticket(
    store: Store,
    report: NewTicket,
    *,
    photos: Sequence[StoredImage] = (),
    reply: OwedReply | None = None,
) -> Ticket:
    """File `report` as it is (category and priority given), owing `reply` if any."""
    async with store.unit_of_work() as uow:
        return await file_in(uow.session, uow, report=report, photos=photos, reply=reply)
