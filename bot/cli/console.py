"""`citybot console`: talk to the real bot in a terminal, no Telegram account needed.

The local Bot API stand-in runs in-process; the real Application long-polls it with
the embedded defaults (SQLite, the local index). Typed lines are messages from the
current user; a few slash commands act as Telegram clients do (bot/cli/console_session.py).
What the bot sends is printed as it comes, also while the console waits for a line.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
from collections.abc import Callable

from pydantic import SecretStr

from bot.app import build_application, start_application, stop_application
from bot.cli.console_session import STAFF_ID, Session
from bot.context import CityApplication
from bot.runtime.database import prepare_database
from bot.services import open_store
from bot.settings import Settings
from bot.standin import StandIn
from bot.standin.errors import StandInError
from storage.botstate import service as botstate
from storage.outbox import service as outbox

PRINT_EVERY = 0.2
"""How often the console looks for messages that came without a typed line (seconds)."""


async def _owes_messages(application: CityApplication) -> bool:
    """True while the outbox holds a message due now (owed, not yet claimed)."""
    services = application.bot_data.services
    if services is None:
        return False
    async with services.store.unit_of_work(read_only=True) as uow:
        return await outbox.any_due(uow)


async def wait_until_settled(
    standin: StandIn, application: CityApplication, *, quiet: float = 0.1, within: float = 120
) -> None:
    """Wait until the bot has fetched, handled and answered everything sent so far.

    A quiet spell alone is not enough: a busy machine can pause for longer than any spell
    — after the bot fetched an update and before it handed it on (the ledger records each
    batch first), or inside a handler — so the stand-in must hold no update the bot has not
    confirmed (it confirms a batch by asking for the next one, once the batch is queued),
    the processor's count of updates in hand must be zero, and so must the outbox's: both
    the messages it is sending and those owed and not yet claimed (a ticket number is owed
    by the handler, sent just after).
    """
    processor = application.update_processor
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        await standin.wait_idle(quiet=quiet, timeout=max(deadline - loop.time(), 0.01))
        # Every update taken from the queue is marked done only once it was processed.
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(max(deadline - loop.time(), 0.01)):
                await application.update_queue.join()
        services = application.bot_data.services
        sender = services.outbox if services is not None else None
        busy = (
            bool(standin.pending_updates)
            or getattr(processor, "in_flight", 0) > 0
            or not application.update_queue.empty()
            or getattr(sender, "in_flight", 0) > 0
            or await _owes_messages(application)
        )
        if not busy:
            return
        if loop.time() >= deadline:
            raise StandInError(f"the bot is still handling updates after {within}s")
        await asyncio.sleep(0.05)


async def _settle(session: Session, application: CityApplication) -> None:
    """Wait for the bot's answer to what was typed, however long it thinks."""
    try:
        await wait_until_settled(session.standin, application)
    except StandInError as exc:
        session.write(f"⚠️  the bot is still busy: {exc}")


async def _print_as_they_come(session: Session) -> None:
    """Print what the bot sends between typed lines (a quiz's next question, news)."""
    while True:
        await asyncio.sleep(PRINT_EVERY)
        session.printer.show()
        sys.stdout.flush()


def _print(text: str) -> None:
    print(text, flush=True)


async def _last_update_id(settings: Settings) -> int:
    store = open_store(settings)
    try:
        async with store.unit_of_work(read_only=True) as uow:
            return await botstate.last_update_id(uow)
    finally:
        await store.close()


async def run_console(
    settings: Settings,
    *,
    staff: bool = False,
    read: Callable[[], str] = input,
    write: Callable[[str], None] = _print,
) -> None:
    """Run the stand-in and the bot, then the read–send–print loop until /quit or EOF."""
    async with StandIn() as standin:
        session = Session(standin, write=write)
        local = settings.model_copy(
            update={
                "telegram_token": SecretStr(standin.token),
                "telegram_api_url": standin.url,
                "staff_chat_id": session.staff_group.id,
                "admin_ids": [STAFF_ID],
                "staff_ids": [],
            }
        )
        await prepare_database(local)
        # A second session on the same database must not reuse update ids the ledger has
        # seen: they would be dropped as redeliveries.
        standin.world.updates.continue_after(await _last_update_id(local))
        application = build_application(local, outbox_interval=0.2)
        await start_application(application)
        if staff:
            session.act("/as staff")
        write("城管小助手 console — /start to begin; /help-console lists the console's commands.")
        printer = asyncio.create_task(_print_as_they_come(session), name="console-printer")
        try:
            while True:
                await _settle(session, application)
                session.printer.show()
                try:
                    line = await asyncio.to_thread(read)
                except EOFError:
                    break
                if not session.act(line):
                    break
            # Input ended: what the bot still owes (a ticket's number) is printed first.
            await _settle(session, application)
            session.printer.show()
        finally:
            printer.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await printer
            with contextlib.suppress(Exception):
                await stop_application(application)
            sys.stdout.flush()
