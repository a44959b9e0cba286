"""/stats (text and chart), /export (CSV with BOM) and the deadline-alert job."""

from __future__ import annotations

import asyncio
import io
import logging
from datetime import datetime, timedelta

from telegram import Update
from telegram.ext import CommandHandler

from bot import fit
from bot.context import CityContext, Services
from bot.export import write_tickets_csv
from bot.messages import t
from bot.messages.words import listed
from bot.render.charts import ChartData, render_chart
from bot.wiring import Job, Registration
from handlers.report_asset import asset_class_name
from handlers.staff_common import send, staff_command, status_label
from storage import Store
from storage.tickets import Actor, DeadlineAlert, Stats, lookups, raise_alerts

log = logging.getLogger(__name__)

DEFAULT_PERIOD = "7d"
MAX_DAYS = 3660
DEADLINE_INTERVAL = 60.0


def parse_period(word: str | None, now: datetime) -> tuple[datetime | None, int | None] | None:
    """'7d' → (now − 7 days, 7); 'all' → (None, None); None if malformed."""
    text = (word or DEFAULT_PERIOD).strip().lower()
    if text in ("all", "全部"):
        return None, None
    if text.endswith(("d", "天")) and text[:-1].isdigit() and 0 < int(text[:-1]) <= MAX_DAYS:
        days = int(text[:-1])
        return now - timedelta(days=days), days
    return None


def period_label(days: int | None, lang: str) -> str:
    """'近 7 天' or '全部'."""
    if days is None:
        return t("staff.stats.period_all", lang)
    return t("staff.stats.period_days", lang, days=days)


def stats_text(stats: Stats, store: Store, period: str, lang: str) -> str:
    """The figures as text."""
    none = t("staff.stats.none", lang)
    by_status = listed((f"{status_label(s, lang)} {n}" for s, n in stats.by_status.items()), lang)
    by_category = listed(
        (f"{_category(store, c, lang)} {n}" for c, n in stats.by_category.items()), lang
    )
    text = t(
        "staff.stats.text",
        lang,
        period=period,
        total=stats.total,
        by_status=by_status or none,
        by_category=by_category or none,
        overdue_rate=f"{stats.overdue_rate:.0%}" if stats.overdue_rate is not None else none,
        median=t("staff.stats.hours", lang, hours=stats.median_close_hours)
        if stats.median_close_hours is not None
        else none,
        rating=f"{stats.mean_rating:.2f}" if stats.mean_rating is not None else none,
    )
    # GB/T 30428 counts 部件 (about a managed asset) and 事件 (everything else) apart.
    classes = listed(
        (f"{asset_class_name(c, lang)} {n}" for c, n in stats.by_asset_class.items()), lang
    )
    split = t("staff.stats.parts", lang, parts=stats.parts, events=stats.events)
    if classes:
        split += t("staff.stats.parts_classes", lang, classes=classes)
    return f"{text}\n{split}"


def _category(store: Store, code: str, lang: str) -> str:
    category = store.catalog.categories.get(code)
    return fit.shorten(category.name(lang) if category else code, fit.NAME)


def chart_data(stats: Stats, store: Store, period: str, lang: str) -> ChartData:
    """The chart's title and series for `stats`."""
    return ChartData(
        title=t("staff.chart.title", lang, period=period),
        status_title=t("staff.chart.by_status", lang),
        by_status=[(status_label(s, lang), n) for s, n in stats.by_status.items()],
        category_title=t("staff.chart.by_category", lang),
        by_category=[(_category(store, c, lang), n) for c, n in stats.by_category.items()],
    )


@staff_command
async def stats_command(update: Update, context: CityContext, actor: Actor, lang: str) -> None:
    """/stats [7d|30d|all]"""
    store = context.services.store
    args = list(context.args or [])
    parsed = parse_period(args[0] if args else None, store.clock())
    chat = update.effective_chat
    if parsed is None or len(args) > 1 or chat is None:
        await send(update, t("staff.err.period", lang))
        return
    since, days = parsed
    async with store.unit_of_work(read_only=True) as uow:
        stats = await lookups.compute_stats(uow, since=since)
    period = period_label(days, lang)
    await send(update, stats_text(stats, store, period, lang))
    png = await asyncio.to_thread(render_chart, chart_data(stats, store, period, lang))
    await context.bot.send_photo(chat.id, png, caption=t("staff.chart.title", lang, period=period))


@staff_command
async def export_command(update: Update, context: CityContext, actor: Actor, lang: str) -> None:
    """/export [7d|30d|all]: a CSV file (UTF-8 with BOM, for Excel) in the staff member's
    language, times in the bureau's time zone."""
    store = context.services.store
    args = list(context.args or [])
    now = store.clock()
    parsed = parse_period(args[0] if args else None, now)
    chat = update.effective_chat
    if parsed is None or len(args) > 1 or chat is None:
        await send(update, t("staff.err.period", lang))
        return
    since, days = parsed
    buffer = io.StringIO(newline="")
    async with store.unit_of_work(read_only=True) as uow:
        records = lookups.export_records(uow, since=since)
        count = await write_tickets_csv(records, store.catalog, buffer, lang=lang)
    data = buffer.getvalue().encode("utf-8-sig")
    name = f"tickets-{now.astimezone(store.catalog.timezone):%Y%m%d-%H%M}.csv"
    caption = t("staff.export.caption", lang, period=period_label(days, lang), count=count)
    await context.bot.send_document(chat.id, data, filename=name, caption=caption)


async def check_deadlines(services: Services) -> list[DeadlineAlert]:
    """Raise the deadline alerts now due and deliver them."""
    async with services.store.unit_of_work() as uow:
        alerts = await raise_alerts(uow)
    if alerts:
        services.outbox.kick()
    return alerts


async def deadline_job(context: CityContext) -> None:
    """The JobQueue callback: check deadlines; a failure waits for the next run."""
    try:
        await check_deadlines(context.services)
    except Exception:
        log.exception("deadline check failed; will retry")


def handlers() -> list[Registration]:
    """/stats and /export."""
    return [
        Registration(CommandHandler("stats", stats_command)),
        Registration(CommandHandler("export", export_command)),
    ]


DEADLINE_JOB = Job(deadline_job, "deadlines", first=DEADLINE_INTERVAL, interval=DEADLINE_INTERVAL)
"""The repeating deadline check (needs PTB's JobQueue: python-telegram-bot[job-queue])."""
