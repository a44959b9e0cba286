"""build_application(): the one place where settings, services and handlers meet."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import Any

from telegram import Update
from telegram.ext import ApplicationBuilder

from bot.commands import publish_commands
from bot.context import BotData, CityApplication, Services, context_types
from bot.faq_live import POLL_SECONDS, LiveFaq
from bot.features import FEATURES
from bot.geocoding import load_geocoder
from bot.runtime.errors import on_error
from bot.runtime.outbox_sender import OutboxSender
from bot.runtime.persistence import DatabasePersistence
from bot.runtime.processor import ReliableUpdateProcessor
from bot.runtime.receipts import UpdateReceipts
from bot.runtime.screening import ScreenedUpdateQueue
from bot.runtime.telegram_client import make_bot
from bot.services import open_store
from bot.settings import Settings
from bot.wiring import Wiring, assemble
from knowledge.triage import CategoryRule, Suggester
from storage import Catalog, Store
from storage.botstate import service as botstate
from storage.db.engine import is_database_error
from storage.staff import service as staff

log = logging.getLogger(__name__)
LEDGER_PRUNE_INTERVAL = 6 * 3600


def build_application(
    settings: Settings,
    *,
    store: Store | None = None,
    rate_limit: bool = True,
    max_concurrent_updates: int = 64,
    outbox_interval: float = 1.0,
    polling: bool = True,
) -> CityApplication:
    """The PTB Application for `settings`, with every feature registered.

    `rate_limit=False` lifts PTB's AIORateLimiter (benchmarks measure the bot's own cost);
    `polling=False` builds it without an Updater (bot/runtime/webhook.py feeds its update queue).
    """
    token = settings.telegram_token.get_secret_value() if settings.telegram_token else None
    if not token:
        raise ValueError("CITYBOT_TELEGRAM_TOKEN is not set")
    store = store or open_store(settings)
    processor = ReliableUpdateProcessor(max_concurrent_updates)
    api_root = str(settings.telegram_api_url) if settings.telegram_api_url is not None else None
    receipts = UpdateReceipts()
    bot = make_bot(
        token,
        api_root=api_root,
        rate_limit=rate_limit,
        connections=settings.bot_api_connections,
    )
    bot.record_updates_in(receipts)
    builder: Any = (
        ApplicationBuilder()
        .bot(bot)
        .update_queue(ScreenedUpdateQueue(receipts))  # malformed updates stop here
        .context_types(context_types())
        .concurrent_updates(processor)
        .persistence(DatabasePersistence(store, refresh=settings.shared_state))
        .post_init(_post_init)
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
    )
    if not polling:
        builder = builder.updater(None)
    application: CityApplication = builder.build()
    processor.application = application
    wiring = assemble(FEATURES)
    services = application.bot_data.services = Services(
        settings=settings,
        store=store,
        outbox=OutboxSender(application, interval=outbox_interval),
        receipts=receipts,
        wiring=wiring,
        geocoder=load_geocoder(settings),
        faq=LiveFaq(store),
    )
    # Intake reads residents' words through knowledge's triage; the index it falls back on
    # opens in the background, so it is looked up at each use.
    services.triage = suggester_for(store.catalog, index=lambda: services.knowledge)
    # In the features' order: within a group, the first handler that takes an update wins.
    for feature in FEATURES:
        for registration in feature.handlers():
            application.add_handler(registration.handler, group=registration.group)
    _schedule_jobs(application, wiring)
    application.add_error_handler(on_error)
    return application


def suggester_for(catalog: Catalog, *, index: Callable[[], Any] | None = None) -> Suggester:
    """Knowledge's suggester with the categories file's keywords (intake's Triage)."""
    rules = [
        CategoryRule(c.code, c.keywords, c.urgent_keywords)
        for c in catalog.categories.values()
        if c.keywords or c.urgent_keywords
    ]
    return Suggester(rules, emergency_category=catalog.emergency_category, index=index)


def _schedule_jobs(application: CityApplication, wiring: Wiring) -> None:
    jobs = application.job_queue
    if jobs is None:
        log.warning("no JobQueue: deadline alerts are off (install python-telegram-bot[job-queue])")
        return
    for job in wiring.jobs:
        if job.interval is None:
            jobs.run_once(job.callback, job.first, name=job.name)
        else:
            jobs.run_repeating(job.callback, interval=job.interval, first=job.first, name=job.name)


def services_of(application: CityApplication) -> Services:
    """The services of a built application."""
    data: BotData = application.bot_data
    assert data.services is not None
    return data.services


async def _post_init(application: CityApplication) -> None:
    services = services_of(application)
    await services.store.ping()
    await _enrol_settings_staff(services)
    await _take_over_unfinished_updates(application, services)
    await publish_commands(application)
    services.outbox.start()
    services.start_loading_knowledge()
    # The FAQ staff changed joins the index as soon as it is open, then follows every change,
    # from this worker or another, by a cheap poll of the change counter.
    services.faq_task = asyncio.create_task(_refresh_faq(application))
    if application.job_queue is not None:
        application.job_queue.run_repeating(
            _refresh_faq_job, interval=POLL_SECONDS, first=POLL_SECONDS, name="faq-refresh"
        )


async def _enrol_settings_staff(services: Services) -> None:
    # The admins (and staff ids) of the settings are on the roster from the first start:
    # /staff list shows them, /duty works, and an urgent ticket mentions someone at once.
    settings = services.settings
    async with services.store.unit_of_work() as uow:
        added = await staff.enrol_from_settings(
            uow, admin_ids=settings.admin_ids, staff_ids=settings.staff_ids
        )
    if added:
        log.info("put %d staff of the settings on the roster", added)


async def _take_over_unfinished_updates(application: CityApplication, services: Services) -> None:
    # Before polling starts: updates a killed run recorded but never finished are handled
    # first, in their order, and their redeliveries (if any) are then dropped as seen.
    receipts = services.receipts
    receipts.bind(services.store, application.bot.id, services.settings.instance)
    for update in await receipts.take_over(application.bot):
        await application.update_queue.put(update)
    await _prune_ledger(application)
    if application.job_queue is not None:
        application.job_queue.run_repeating(
            _prune_ledger_job, interval=LEDGER_PRUNE_INTERVAL, name="ledger-prune"
        )


async def _prune_ledger(application: CityApplication) -> None:
    # Finished ledger rows only guard against redelivery, which Telegram gives up on
    # within a day; a week of them is plenty, and the table stays small.
    async with services_of(application).store.unit_of_work() as uow:
        pruned = await botstate.prune_updates(uow)
    if pruned:
        log.info("pruned %d old rows of the update ledger", pruned)


async def _prune_ledger_job(context: Any) -> None:
    try:
        await _prune_ledger(context.application)
    except Exception as error:
        if not is_database_error(error):
            raise
        log.warning("could not prune the update ledger; will try again")


async def _refresh_faq(application: CityApplication) -> None:
    services = services_of(application)
    if services.faq is not None:
        try:
            await services.faq.refresh(await services.knowledge_base())
        except Exception as error:
            if not is_database_error(error):
                raise
            log.warning("could not read the FAQ's changes; will try again")


async def _refresh_faq_job(context: Any) -> None:
    if services_of(context.application).knowledge is not None:  # else the start task does it
        await _refresh_faq(context.application)


async def _post_stop(application: CityApplication) -> None:
    services = services_of(application)
    await services.outbox.stop()
    await services.settle_knowledge()
    task = services.faq_task
    if task is not None and not task.done():
        # Its read of the FAQ's changes is let finish: cancelled while it holds a
        # connection, the pool's rollback of that connection fails and logs a traceback.
        await asyncio.wait({task}, timeout=5.0)
        if not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


async def _post_shutdown(application: CityApplication) -> None:
    await services_of(application).store.close()


async def start_application(application: CityApplication, *, poll_interval: float = 0.0) -> None:
    """Initialise, run post_init and start long polling, as run_polling does, but inside
    a running event loop (for the console and the tests)."""
    await application.initialize()
    if application.post_init is not None:
        await application.post_init(application)
    await application.start()
    assert application.updater is not None
    await application.updater.start_polling(
        poll_interval=poll_interval, timeout=10, allowed_updates=Update.ALL_TYPES
    )


async def stop_application(application: CityApplication) -> None:
    """Stop polling, stop and shut down, saving the persistence: a clean exit."""
    if application.updater is not None and application.updater.running:
        await application.updater.stop()
    if application.running:
        await application.stop()
        if application.post_stop is not None:
            await application.post_stop(application)
    await application.shutdown()
    if application.post_shutdown is not None:
        await application.post_shutdown(application)


async def wait_forever() -> None:
    """Sleep until cancelled."""
    await asyncio.Event().wait()
